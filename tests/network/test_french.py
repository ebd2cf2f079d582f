"""French elision before a name put into a sentence: "d'Agathe", never "de Agathe"."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from members.services import code_publish
from network.french import elide
from network.models import Network, OfficeCommune, OutboxMessage
from tests.factories import AffiliationFactory, ConventionFactory, NetworkStaffFactory, OfficeFactory


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        ("la charte de Agathe Roux", "Agathe Roux", "la charte d'Agathe Roux"),
        ("relève de Antenne du Loiret", "Antenne du Loiret", "relève d'Antenne du Loiret"),
        ("les personnes de Écrins SAS", "Écrins SAS", "les personnes d'Écrins SAS"),
        ("la charte de Hélène Roux", "Hélène Roux", "la charte d'Hélène Roux"),
        ("la charte de Yves Roux", "Yves Roux", "la charte d'Yves Roux"),
        ("la charte de Yann Roux", "Yann Roux", "la charte de Yann Roux"),
        ("la charte de Martin Roux", "Martin Roux", "la charte de Martin Roux"),
        ("connecté en tant que alice@example.org", "alice@example.org", "connecté en tant qu'alice@example.org"),
        ("De Orléans à Tours, de Orléans", "Orléans", "D'Orléans à Tours, d'Orléans"),
        ("la fiche de Agathe, le 3 mai", "", "la fiche de Agathe, le 3 mai"),
        ("la fiche de Agathe &amp; Co", "Agathe &amp; Co", "la fiche d'Agathe &amp; Co"),
    ],
)
def test_de_le_and_que_are_elided_before_a_name_that_starts_with_a_vowel_sound(sentence, name, expected):
    with translation.override("fr"):
        assert elide(sentence, name) == expected


def test_other_languages_are_left_as_they_are():
    with translation.override("en"):
        assert elide("Liste de Agathe", "Agathe") == "Liste de Agathe"


def french_client(user):
    user.preferred_language = "fr"
    user.save(update_fields=["preferred_language"])
    client = Client(headers={"accept-language": "fr"})
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_commune_given_to_an_office_whose_name_starts_with_a_vowel_reads_d_office(cvl_offices):
    manager = NetworkStaffFactory().user
    office = OfficeFactory(name="Antenne d'Indre-et-Loire", departement_codes=[])

    response = french_client(manager).post(
        reverse("network:office_commune_add", args=[office.pk]),
        {"commune": "INSEE 41151", "confirmed": "1"},
        follow=True,
    )

    assert response.status_code == 200
    assert OfficeCommune.objects.filter(office=office).exists()
    assert "relève désormais d&#x27;Antenne d&#x27;Indre-et-Loire." in response.content.decode()


@pytest.mark.django_db
def test_countersigning_the_code_of_agathe_reads_la_charte_d_agathe(network_manager):
    code = code_publish(text_en="Share what you do.", text_fr="Partagez ce que vous faites.", by=network_manager)
    organisation = ConventionFactory().organisation
    advisor = AffiliationFactory(organisation=organisation, advisor__user__full_name="Agathe Roux").advisor
    referent = AffiliationFactory(organisation=organisation, referent=True).advisor
    assert french_client(advisor.user).post(reverse("members:conduct")).status_code == 302
    assert code.signatures.filter(advisor=advisor).exists()
    body = OutboxMessage.objects.filter(dedup_key__startswith="countersign:").latest("created_at").body_text
    link = re.search(r"(/extranet/code-of-conduct/countersign/[^/\s]+/)", body)[1]

    response = french_client(referent.user).post(link, follow=True)

    assert response.status_code == 200
    assert "Vous avez contresigné la charte de déontologie d&#x27;Agathe Roux." in response.content.decode()


@pytest.mark.django_db
def test_the_sign_in_page_of_a_network_whose_name_starts_with_a_vowel_reads_l_extranet_d_entreprises():
    network, _created = Network.objects.get_or_create(id=1)
    network.name, network.short_name = "Entreprises Centre-Val de Loire", ""
    network.save()

    response = Client(headers={"accept-language": "fr"}).get(reverse("account_login"))

    assert response.status_code == 200
    assert "L'extranet d'Entreprises Centre-Val de Loire est réservé" in response.content.decode()
