"""One commune lookup for every commune field: every commune of the region round-trips, a five-digit number is a
postcode, an INSEE code is read only when it is said, and several matches are offered, never guessed."""

import pytest
from django import forms
from django.utils import translation

from network.communes import commune_label, insee_query, search_communes
from network.forms import OfficeCommuneForm
from network.models import Territory
from network.offices import find_office
from network.territories import CENTRE_VAL_DE_LOIRE_CSV, COMMUNE, read_project_csv
from referrals.forms.companies import CompanyIdentityForm
from referrals.forms.log import ContactLogForm

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# Every commune field of the project, as (form, field name).
COMMUNE_FIELDS = [
    (CompanyIdentityForm, "commune"),
    (ContactLogForm, "new_commune"),
    (OfficeCommuneForm, "commune"),
]


def commune(code):
    return Territory.objects.get(level="commune", code=code)


@pytest.mark.parametrize(("form_class", "name"), COMMUNE_FIELDS, ids=lambda value: getattr(value, "__name__", value))
def test_every_commune_of_the_region_round_trips_through_every_commune_field(territories, form_class, name):
    codes = [row["code"] for row in read_project_csv(CENTRE_VAL_DE_LOIRE_CSV) if row["level"] == COMMUNE]
    communes = list(Territory.objects.communes().filter(code__in=codes).order_by("code"))
    assert len(communes) == len(codes) == 1754
    field = form_class.base_fields[name]
    refused = []
    for each in communes:
        shown = field.prepare_value(each)
        try:
            read_back = field.clean(shown)
        except forms.ValidationError as error:
            refused.append(f"{shown!r}: {error.messages[0]}")
            continue
        if read_back != each:
            refused.append(f"{shown!r} read back as {read_back}")
    assert refused == []


def test_every_commune_of_the_region_is_found_alone_by_the_finder_and_by_its_insee_code(territories):
    codes = [row["code"] for row in read_project_csv(CENTRE_VAL_DE_LOIRE_CSV) if row["level"] == COMMUNE]
    communes = list(Territory.objects.communes().filter(code__in=codes).order_by("code"))
    assert len(communes) == 1754
    missed = []
    for each in communes:
        found = find_office(commune_label(each))
        if found.single is None or found.single[0] != each:
            missed.append(f"finder: {commune_label(each)!r} gives {found.count} communes")
        named = list(search_communes(insee_query(each)).communes)
        if named != [each]:
            missed.append(f"{insee_query(each)!r} gives {named}")
    assert missed == []


@pytest.mark.parametrize(("form_class", "name"), COMMUNE_FIELDS, ids=lambda value: getattr(value, "__name__", value))
def test_a_five_digit_number_is_a_postcode_and_never_an_insee_code(territories, form_class, name):
    field = form_class.base_fields[name]
    # 45300 is Pithiviers' postcode (with 29 other communes) and Sandillon's INSEE code.
    with pytest.raises(forms.ValidationError) as refused:
        field.clean("45300")
    assert "30 communes have the postcode 45300" in refused.value.messages[0]
    assert field.clean("Pithiviers 45300") == commune("45252")


@pytest.mark.parametrize(("form_class", "name"), COMMUNE_FIELDS, ids=lambda value: getattr(value, "__name__", value))
def test_an_insee_code_is_read_when_it_is_said(territories, form_class, name):
    field = form_class.base_fields[name]
    assert field.clean("INSEE 45300") == commune("45300")  # Sandillon
    assert field.clean("insee:45252") == commune("45252")


def test_an_ambiguous_commune_offers_its_candidates_to_pick_from(territories):
    form = CompanyIdentityForm(data={"commune": "45300"})
    form.is_valid()
    html = str(form["commune"])
    assert html.count('type="radio"') == 30
    assert 'value="Pithiviers (45300)"' in html
    assert html.index("Pithiviers (45300)") < html.index("Ascoux (45300)")  # the postcode's main commune first
    picked = CompanyIdentityForm(data={"commune": "45300", "commune_pick": "Ascoux (45300)"})
    picked.is_valid()
    assert "commune" not in picked.errors
    assert picked.cleaned_data["commune"] == commune("45010")


def test_a_postcode_that_is_only_an_insee_code_offers_that_commune_without_choosing_it(territories):
    form = OfficeCommuneForm(data={"commune": "45234"})  # Orléans' INSEE code; no commune has the postcode 45234
    assert not form.is_valid()
    assert "No commune has the postcode 45234" in form.errors["commune"][0]
    assert 'value="Orléans (45000)"' in str(form["commune"])
