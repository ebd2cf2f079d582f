import pytest
from django.core.checks import run_checks
from django.urls import reverse
from django.utils import translation

from network.models import AuditEntry, Office, OfficeCommune, OfficeDepartement, Territory
from network.offices import communes_of_office, find_office, office_for_commune, offices_for_communes
from tests.factories import NetworkStaffFactory, OfficeFactory

pytestmark = pytest.mark.django_db


def commune(code):
    return Territory.objects.get(level="commune", code=code)


def finder(client, query, language="en"):
    with translation.override(language):
        url = reverse("network_public:office_finder")
    return client.get(url, {"q": query})


# --- Resolution -----------------------------------------------------------------------------------------------------


def test_a_commune_goes_to_the_office_of_its_departement(cvl_offices):
    assert office_for_commune(commune("37261")) == cvl_offices["37"]  # Tours


def test_a_single_commune_can_be_handled_by_another_office(cvl_offices):
    montrichard = commune("41151")
    OfficeCommune.objects.create(commune=montrichard, office=cvl_offices["37"])
    assert office_for_commune(montrichard) == cvl_offices["37"]
    assert montrichard in communes_of_office(cvl_offices["37"])
    assert montrichard not in communes_of_office(cvl_offices["41"])


def test_communes_of_an_uncovered_departement_fall_back_to_the_head_office(cvl_offices):
    OfficeDepartement.objects.filter(departement__code="18").delete()
    bourges = commune("18033")
    assert office_for_commune(bourges) == cvl_offices["45"]
    assert bourges in communes_of_office(cvl_offices["45"])


def test_every_commune_resolves_to_exactly_one_office(cvl_offices, django_assert_max_num_queries):
    OfficeCommune.objects.create(commune=commune("41151"), office=cvl_offices["37"])
    communes = list(Territory.objects.communes())
    with django_assert_max_num_queries(3):
        resolved = offices_for_communes(communes)
    assert len(resolved) == len(communes) == 1754
    assert all(office is not None for office in resolved.values())
    covered_lists = [set(communes_of_office(office).values_list("pk", flat=True)) for office in cvl_offices.values()]
    assert sum(len(covered) for covered in covered_lists) == 1754  # each commune in one office's list only
    assert set().union(*covered_lists) == {c.pk for c in communes}


def test_system_check_reports_uncovered_communes_without_a_head_office(territories):
    OfficeFactory(departement_codes=["45"])
    errors = [message for message in run_checks(databases=["default"]) if message.id == "network.E010"]
    assert errors and "covered by no office" in errors[0].msg


def test_system_check_is_quiet_with_a_head_office(cvl_offices):
    assert not [message for message in run_checks(databases=["default"]) if message.id == "network.E010"]


# --- "Which office covers me?" --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["orleans", "ORLÉANS", " Orléans ", "45000", "INSEE 45234", "Orléans (45000)", "45000 Orléans"]
)
def test_the_finder_recognises_orleans_however_it_is_typed(client, cvl_offices, query):
    response = finder(client, query)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Your local office is" in body and cvl_offices["45"].name in body


def test_a_postcode_shared_by_several_communes_offers_the_choice(client, cvl_offices):
    body = finder(client, "45160").content.decode()
    # Three communes share the postcode 45160; 45160 is also the INSEE code of a fourth one, which is not offered.
    assert "3 communes have the postcode 45160" in body
    for name in ("Ardon", "Olivet", "Saint-Hilaire-Saint-Mesmin"):
        assert name in body
    assert "Greneville-en-Beauce" not in body
    assert body.index("Olivet") < body.index("Ardon")  # the most populous first


def test_a_postcode_counts_all_its_communes_with_its_main_commune_first_and_pages_the_rest(client, cvl_offices):
    first = finder(client, "45300")
    assert first.status_code == 200
    body = first.content.decode()
    assert "30 communes have the postcode 45300" in body
    # Pithiviers, the postcode's most populous commune, comes first; Sandillon (INSEE code 45300) is not offered.
    assert body.index("Pithiviers") < body.index("Ascoux")
    assert "Sandillon" not in body
    assert body.count("<tr>") == 1 + 20
    assert "Page 1 of 2" in body and "?q=45300&amp;page=2" in body
    rest = client.get(reverse("network_public:office_finder"), {"q": "45300", "page": "2"})
    assert rest.status_code == 200
    assert rest.content.decode().count("<tr>") == 1 + 10
    assert "Yèvre-la-Ville" in rest.content.decode()


def test_a_page_past_the_end_is_a_404(client, cvl_offices):
    assert client.get(reverse("network_public:office_finder"), {"q": "45300", "page": "9"}).status_code == 404
    assert client.get(reverse("network_public:office_finder"), {"q": "45300", "page": "x"}).status_code == 404


def test_the_finder_reads_an_insee_code_only_when_it_is_said(client, cvl_offices):
    body = finder(client, "INSEE 45300").content.decode()
    assert "Sandillon" in body and "Your local office is" in body
    hint = finder(client, "45234").content.decode()  # Orléans' INSEE code, nobody's postcode
    assert "No commune has the postcode 45234" in hint and "?q=INSEE+45234" in hint


def test_the_finder_gives_tours_to_the_indre_et_loire_office(client, cvl_offices):
    body = finder(client, "Tours").content.decode()
    assert cvl_offices["37"].name in body


def test_a_name_shared_by_several_communes_lists_them_with_their_office(client, cvl_offices):
    result = find_office("Chambon")
    assert len(result.matches) >= 2
    assert {office for _commune, office in result.matches} <= set(cvl_offices.values())


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type the name of your commune"),
        ("x" * 5000, "That is too long"),
        ("4500", "A postcode has five digits"),
        ("123456", "A postcode has five digits"),
        ("!!!", "Type letters or digits"),
    ],
)
def test_bad_queries_get_a_clear_message_and_a_400(client, cvl_offices, query, message):
    response = finder(client, query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_unknown_commune_says_so_without_error_status(client, cvl_offices):
    response = finder(client, "Strasbourg")
    assert response.status_code == 200
    assert "No commune of the network" in response.content.decode()


def test_the_finder_page_without_a_query_just_shows_the_form(client):
    response = client.get(reverse("network_public:office_finder"))
    assert response.status_code == 200
    assert "There is a problem" not in response.content.decode()


def test_the_finder_query_count_does_not_grow_with_matches(client, cvl_offices, django_assert_max_num_queries):
    """One commune ("Pithiviers"), then dozens ("saint", and a postcode of 30 communes): the same statements."""
    with django_assert_max_num_queries(6) as one:
        response = finder(client, "Pithiviers")
    assert response.status_code == 200 and "Pithiviers" in response.content.decode()
    for query in ("saint", "45300"):
        with django_assert_max_num_queries(len(one.captured_queries)):
            response = finder(client, query)
        assert response.status_code == 200, query


# --- Public pages ---------------------------------------------------------------------------------------------------


def test_the_offices_page_lists_every_office_with_its_departements(client, cvl_offices, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get("/en/offices/")
    assert response.status_code == 200
    body = response.content.decode()
    for office in cvl_offices.values():
        assert office.name in body
    assert "Loiret (45)" in body


def test_an_office_page_lists_the_communes_it_covers(client, cvl_offices):
    OfficeCommune.objects.create(commune=commune("41151"), office=cvl_offices["37"])
    body = client.get(f"/en/offices/{cvl_offices['37'].slug}/").content.decode()
    assert "Tours" in body and "Montrichard Val de Cher" in body
    assert "<li>Orléans</li>" not in body and "<li>Blois</li>" not in body


def test_an_unknown_office_is_a_404(client):
    assert client.get("/en/offices/nowhere/").status_code == 404


def test_office_pages_have_french_addresses(client, cvl_offices):
    with translation.override("fr"):
        url = reverse("network_public:office_detail", kwargs={"slug": cvl_offices["45"].slug})
    assert url.startswith("/fr/antennes/")
    assert client.get(url).status_code == 200


# --- Management -----------------------------------------------------------------------------------------------------


def office_data(**overrides):
    data = {"name": "Antenne test", "slug": "", "address": "1 rue X", "email": "a@example.org", "phone": "02"}
    data.update(overrides)
    return data


def test_a_network_manager_creates_an_office_with_its_departements(manager_client, territories):
    cher = Territory.objects.get(level="departement", code="18")
    response = manager_client.post(reverse("network:office_create"), {**office_data(), "departements": [cher.pk]})
    office = Office.objects.get()
    assert response.status_code == 302 and office.slug == "antenne-test"
    assert list(office.departements.all()) == [cher]
    entry = AuditEntry.objects.get()
    assert entry.action == "create" and "departements" in entry.changed_fields


def test_a_departement_already_covered_is_refused_and_nothing_is_saved(manager_client, cvl_offices):
    cher = Territory.objects.get(level="departement", code="18")
    response = manager_client.post(reverse("network:office_create"), {**office_data(), "departements": [cher.pk]})
    assert response.status_code == 400
    assert "Already covered by another office" in response.content.decode()
    assert Office.objects.count() == 6


def test_there_is_only_one_head_office(manager_client, cvl_offices):
    response = manager_client.post(reverse("network:office_create"), {**office_data(), "is_head_office": "on"})
    assert response.status_code == 400
    assert "is already the head office" in response.content.decode()


def test_editing_an_office_moves_its_departements(manager_client, cvl_offices):
    tours_office = cvl_offices["37"]
    indre = Territory.objects.get(level="departement", code="36")
    OfficeDepartement.objects.filter(departement=indre).delete()
    data = {**office_data(name=tours_office.name, slug=tours_office.slug), "departements": [indre.pk]}
    response = manager_client.post(reverse("network:office_edit", args=[tours_office.pk]), data)
    assert response.status_code == 302
    assert list(tours_office.departements.values_list("code", flat=True)) == ["36"]
    assert office_for_commune(commune("37261")) == cvl_offices["45"]  # Tours falls back to the head office


def test_a_commune_is_assigned_to_an_office_and_given_back(manager_client, cvl_offices):
    tours_office = cvl_offices["37"]
    url = reverse("network:office_commune_add", args=[tours_office.pk])
    assert manager_client.post(url, {"commune": "INSEE 41151", "confirmed": "1"}).status_code == 302
    link = OfficeCommune.objects.get()
    assert link.office == tours_office
    remove = reverse("network:office_commune_remove", args=[tours_office.pk, link.pk])
    assert manager_client.post(remove).status_code == 302
    assert not OfficeCommune.objects.exists()
    assert AuditEntry.objects.filter(action__in=["assign_commune", "release_commune"]).count() == 2


def test_an_ambiguous_commune_name_offers_the_communes_of_that_name(manager_client, cvl_offices):
    response = manager_client.post(
        reverse("network:office_commune_add", args=[cvl_offices["37"].pk]), {"commune": "Chambon"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "2 communes match “Chambon”: pick yours below" in body
    assert body.count('name="commune_pick"') == 2
    assert not OfficeCommune.objects.exists()


def test_adding_a_postcode_to_an_office_shows_the_commune_before_attaching_it(manager_client, cvl_offices):
    url = reverse("network:office_commune_add", args=[cvl_offices["37"].pk])
    asked = manager_client.post(url, {"commune": "45300"})
    assert asked.status_code == 400
    assert "30 communes have the postcode 45300" in asked.content.decode()
    assert "Sandillon" not in asked.content.decode()
    picked = manager_client.post(url, {"commune": "45300", "commune_pick": "Pithiviers (45300)"})
    assert picked.status_code == 200
    body = picked.content.decode()
    assert "Attach Pithiviers to this office?" in body and "INSEE 45252" in body
    assert 'name="commune" value="INSEE 45252"' in body
    assert not OfficeCommune.objects.exists()
    confirmed = manager_client.post(url, {"commune": "INSEE 45252", "confirmed": "1"})
    assert confirmed.status_code == 302
    assert OfficeCommune.objects.get().commune == commune("45252")
    assert OfficeCommune.objects.get().office == cvl_offices["37"]


@pytest.mark.parametrize("value", ["INSEE 99999", "Nowhereville", "", "4530"])
def test_a_confirmation_or_a_commune_that_cannot_be_read_is_refused_and_nothing_is_saved(
    manager_client, cvl_offices, value
):
    url = reverse("network:office_commune_add", args=[cvl_offices["37"].pk])
    response = manager_client.post(url, {"commune": value, "confirmed": "1"})
    assert response.status_code == 400
    assert 'id="id_commune_error"' in response.content.decode()
    assert not OfficeCommune.objects.exists()


def test_removing_a_commune_of_another_office_is_a_404(manager_client, cvl_offices):
    link = OfficeCommune.objects.create(commune=commune("41151"), office=cvl_offices["41"])
    remove = reverse("network:office_commune_remove", args=[cvl_offices["37"].pk, link.pk])
    assert manager_client.post(remove).status_code == 404
    assert OfficeCommune.objects.filter(pk=link.pk).exists()


def test_deleting_an_office_asks_first_then_gives_its_communes_to_the_head_office(manager_client, cvl_offices):
    cher = cvl_offices["18"]
    confirm = manager_client.get(reverse("network:office_delete", args=[cher.pk]))
    assert confirm.status_code == 200 and "will be answered by the head office" in confirm.content.decode()
    assert manager_client.post(reverse("network:office_delete", args=[cher.pk])).status_code == 302
    assert not Office.objects.filter(pk=cher.pk).exists()
    assert office_for_commune(commune("18033")) == cvl_offices["45"]


def test_the_head_office_and_offices_with_staff_cannot_be_deleted(manager_client, cvl_offices):
    manager_client.post(reverse("network:office_delete", args=[cvl_offices["45"].pk]))
    NetworkStaffFactory(office_manager=True, office=cvl_offices["18"])
    response = manager_client.post(reverse("network:office_delete", args=[cvl_offices["18"].pk]), follow=True)
    assert "move them to another office first" in response.content.decode()
    assert Office.objects.count() == 6


@pytest.mark.parametrize("url_name", ["office_list", "office_create"])
def test_office_managers_cannot_manage_offices(client, office_manager, url_name):
    client.force_login(office_manager)
    assert client.get(reverse(f"network:{url_name}")).status_code == 403


def test_the_management_list_counts_without_n_plus_one(manager_client, cvl_offices, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = manager_client.get(reverse("network:office_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert all(office.name in body for office in cvl_offices.values())
