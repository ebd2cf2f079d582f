"""Widgets written in Python (network/widgets.py) give the markup of Django's templates."""

import pytest
from django import forms

from network.widgets import QuickTextInput

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
