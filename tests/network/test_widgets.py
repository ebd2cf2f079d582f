"""Widgets written in Python (network/widgets.py) give the markup of Django's templates."""

import pytest
from django import forms
from django.test.html import parse_html

from network.widgets import QuickSelect, QuickTextInput

pytestmark = pytest.mark.django_db


class Template(forms.Form):
    q = forms.CharField(max_length=20, required=False)


class Quick(forms.Form):
    q = forms.CharField(max_length=20, required=False, widget=QuickTextInput)


@pytest.mark.parametrize("data", [None, {"q": ""}, {"q": "boulangerie"}, {"q": "\"'<b>&"}, {"q": "x" * 30}])
def test_the_quick_text_input_writes_what_django_templates_write(data):
    template, quick = Template(data), Quick(data)
    for attrs in (None, {"class": "form-control"}, {"required": True, "disabled": False, "placeholder": "<Nom>"}):
        assert quick["q"].as_widget(attrs=attrs) == template["q"].as_widget(attrs=attrs)


CHOICES = [
    ("", "Any organisation"),
    (3, "Initiative <Touraine> & Co"),
    ("Réseau", [(7, "BPI Centre"), (8, 'CCI "Loiret"')]),
    (12, "Chambre d'agriculture"),
    (None, "Nobody"),
]


class QuickSelectMultiple(QuickSelect):
    allow_multiple_selected = True


@pytest.mark.parametrize("multiple", [False, True])
@pytest.mark.parametrize("value", [None, "", "3", 7, ["3", "8"], "nope", ["12", "12"]])
def test_the_quick_select_writes_what_django_templates_write(multiple, value):
    template = (forms.SelectMultiple if multiple else forms.Select)(choices=CHOICES)
    quick = (QuickSelectMultiple if multiple else QuickSelect)(choices=CHOICES)
    for attrs in (None, {"id": "id_organisation", "class": "form-select"}, {"required": True, "disabled": False}):
        expected = template.render("organisation", value, attrs)
        assert parse_html(quick.render("organisation", value, attrs)) == parse_html(expected), expected
