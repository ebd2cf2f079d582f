from collections import Counter
from datetime import date, timedelta

import pytest
from django.utils import timezone
from stdnum.fr import siren

from demo.members import ORGANISATIONS, SERVICES, add_years, seed_members
from members.models import Convention, MemberOrganisation, OrganisationStatus, Service, validate_registration_number
from network.models import Theme
from network.themes import load_default_themes

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(territories):
    load_default_themes()
    return seed_members()


def statuses(on=None):
    return dict(MemberOrganisation.objects.with_status(on).values_list("slug", "convention_status"))


def test_seeding_creates_about_thirty_organisations_and_150_services(seeded):
    organisations = MemberOrganisation.objects.count()
    services = Service.objects.count()
    assert 28 <= organisations <= 36
    assert 140 <= services <= 160
    assert seeded == organisations + services + Convention.objects.count()
    for organisation in MemberOrganisation.objects.all():
        assert 3 <= organisation.services.count() <= 7, organisation
        assert 2 <= organisation.themes.count() <= 5, organisation
        assert organisation.territories.exists(), organisation
        assert organisation.conventions.exists(), organisation


def test_every_kind_departement_stage_and_theme_is_covered(seeded):
    assert set(MemberOrganisation.objects.values_list("kind", flat=True)) == set(MemberOrganisation.Kind.values)
    covered = set(MemberOrganisation.objects.values_list("territories__code", flat=True))
    assert covered == {"18", "28", "36", "37", "41", "45"}
    stages = {stage for stages in Service.objects.values_list("stages", flat=True) for stage in stages}
    assert stages == set(Service.Stage.values)
    tagged = set(Service.themes.through.objects.values_list("theme_id", flat=True))
    for theme in Theme.objects.filter(parent__isnull=True):
        assert theme.pk in tagged or theme.children.filter(pk__in=tagged).exists(), theme.slug
    sub_themes = Theme.objects.filter(parent__isnull=False)
    assert sub_themes.filter(pk__in=tagged).count() == sub_themes.count()
    assert set(Service.objects.values_list("cost", flat=True)) == set(Service.Cost.values)


def test_the_demo_data_is_valid_and_bilingual(seeded):
    numbers = list(MemberOrganisation.objects.values_list("registration_number", flat=True))
    assert len(set(numbers)) == len(numbers) == len(ORGANISATIONS)
    for number in numbers:
        assert siren.is_valid(number), number
        validate_registration_number(number, "FR")
    for organisation in MemberOrganisation.objects.all():
        organisation.full_clean()
        assert organisation.website == f"https://{organisation.slug}.example"
        assert organisation.contact_email == f"contact@{organisation.slug}.example"
        assert organisation.description_fr and organisation.description_en and organisation.address
    for service in Service.objects.all():
        service.full_clean()
        for field in ("title", "description", "how_to_access"):
            assert getattr(service, f"{field}_fr") and getattr(service, f"{field}_en"), (service, field)
            assert "{" not in getattr(service, f"{field}_fr") + getattr(service, f"{field}_en")
    for convention in Convention.objects.all():
        convention.full_clean()
    assert Service.objects.filter(is_public=False).exists()
    assert Service.objects.filter(starts_on__isnull=False, ends_on__isnull=False).exists()


def test_statuses_cover_every_case(seeded):
    counts = Counter(statuses().values())
    assert counts[OrganisationStatus.EXPIRING] == 1
    assert counts[OrganisationStatus.LAPSED] == 1
    assert counts[OrganisationStatus.DRAFT] == 1
    assert counts[OrganisationStatus.SCHEDULED] == 1
    assert counts[OrganisationStatus.NONE] == 0
    assert counts[OrganisationStatus.ACTIVE] == len(ORGANISATIONS) - 4


def test_the_special_conventions(seeded):
    today = timezone.localdate()
    expiring = MemberOrganisation.objects.with_status().get(convention_status="expiring")
    assert expiring.convention_until == today + timedelta(days=25)
    renewed = MemberOrganisation.objects.get(slug="cci-loiret-demo")
    assert [c.status for c in renewed.conventions.order_by("version")] == ["lapsed", "active"]
    scheduled = MemberOrganisation.objects.with_status().get(convention_status="scheduled")
    v1, v2 = scheduled.conventions.order_by("version")
    assert v1.status == "lapsed" and v2.status == "scheduled"
    assert v2.valid_from.day == 1 and 0 < (v2.valid_from - today).days <= 31
    draft = MemberOrganisation.objects.with_status().get(convention_status="draft")
    assert draft.conventions.get().signed_on is None
    for organisation in (
        MemberOrganisation.objects.with_status().filter(convention_status="active").exclude(pk=renewed.pk)
    ):
        latest = organisation.conventions.get()
        assert latest.signed_on < today - timedelta(days=365)
        assert latest.valid_until == add_years(latest.valid_from, 3) - timedelta(days=1)


def test_the_lapsed_organisation_is_not_public(seeded):
    lapsed = MemberOrganisation.objects.with_status().get(convention_status="lapsed")
    public = MemberOrganisation.objects.public()
    assert lapsed not in public
    assert public.count() == len(ORGANISATIONS) - 3  # lapsed, draft and scheduled are hidden


def test_seeding_twice_creates_nothing_more(seeded):
    counts = (MemberOrganisation.objects.count(), Service.objects.count(), Convention.objects.count())
    assert seed_members() == 0
    assert seed_members(today=date(2031, 7, 14)) == 0
    assert (MemberOrganisation.objects.count(), Service.objects.count(), Convention.objects.count()) == counts


def test_a_missing_service_is_added_back(seeded):
    service = Service.objects.get(organisation__slug="cci-touraine-demo", title_fr=SERVICES["cci-energie"].title_fr)
    service.delete()
    assert seed_members() == 1
    assert Service.objects.filter(organisation__slug="cci-touraine-demo").count() == 5


@pytest.mark.parametrize("day", [date(2028, 2, 29), date(2027, 12, 31), date(2027, 1, 31)])
def test_statuses_hold_on_any_day(territories, day):
    load_default_themes()
    seed_members(today=day)
    counts = Counter(statuses(day).values())
    assert {status: counts[status] for status in ("expiring", "lapsed", "draft", "scheduled")} == {
        "expiring": 1,
        "lapsed": 1,
        "draft": 1,
        "scheduled": 1,
    }
    assert counts["active"] == len(ORGANISATIONS) - 4


def test_the_demo_people_cover_every_signature_state_absences_and_the_gate(seeded):
    from demo.members import seed_people
    from members.filters import people_with_signature_status
    from members.models import Advisor, Affiliation
    from members.perms import company_data_gate
    from members.search import matching
    from network.models import User

    created = seed_people("a-demo-password-2026")
    assert 110 <= Advisor.objects.count() <= 150
    states = Counter(people_with_signature_status().values_list("signature_status", flat=True))
    assert (
        set(states) == {"valid", "awaiting", "outdated", "unsigned"} and states["valid"] > Advisor.objects.count() / 2
    )
    roles = Counter(Affiliation.objects.current().values_list("role", flat=True))
    assert 25 <= roles["referent"] < roles["advisor"]
    assert {a.user.email for a in Advisor.objects.filter(backup__isnull=False) if a.is_absent}  # some are away
    assert Advisor.objects.filter(matching("export")).count() >= 5  # the search documents are filled
    assert company_data_gate(User.objects.get(email="advisor@demo.example")).open
    assert company_data_gate(User.objects.get(email="advisor-nocode@demo.example")).missing == ("code_countersign",)
    crowd = User.objects.exclude(email__endswith="@demo.example").filter(advisor__isnull=False)
    assert not any(person.has_usable_password() for person in crowd)  # only the printed logins sign in
    assert created > 300 and seed_people("a-demo-password-2026") == 0
