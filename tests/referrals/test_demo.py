"""The referrals demo data (``demo.companies``): volumes, valid numbers, who logged what, and idempotence.

The demo is seeded once for the whole module (inside a transaction rolled back at the end), so these tests stay fast.
"""

from collections import Counter
from datetime import timedelta

import pytest
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone
from stdnum.fr import siren, siret

from demo import companies as demo
from demo.members import seed_members, seed_people
from members.models import Affiliation, MemberOrganisation
from network.models import AccessLog, AuditEntry, User
from network.sectors import section_of
from network.themes import load_default_themes
from referrals.models import Company, CompanyContact, Interaction
from referrals.services import recent_contacts_by_others

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Themes, the members demo, then the referrals demo; returns (rows created, log rows before seeding
    referrals). Everything is rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_default_themes()
        seed_members()
        seed_people("demo-password-for-tests")
        logs = (AuditEntry.objects.count(), AccessLog.objects.count())
        created = demo.seed()
        yield created, logs
        transaction.set_rollback(True)


def test_volumes_are_those_of_a_regional_network(seeded):
    created, _logs = seeded
    companies = Company.objects.count()
    contacts = CompanyContact.objects.count()
    interactions = Interaction.objects.count()
    assert created == companies + contacts + interactions
    assert 1_900 <= Company.objects.filter(registration_number__isnull=False).count() <= 2_100
    assert 9_000 <= interactions <= 12_000
    with_people = Company.objects.filter(contacts__isnull=False).distinct().count()
    assert 0.4 <= with_people / companies <= 0.65
    per_company = Counter(CompanyContact.objects.values_list("company_id", flat=True))
    assert set(per_company.values()) <= {1, 2, 3}
    assert Interaction.themes.through.objects.count() >= interactions
    assert Interaction.services.through.objects.exists()
    assert Interaction.contacts.through.objects.exists()


def test_contacts_per_company_are_skewed_like_reality(seeded):
    counts = dict(Company.objects.annotate(n=Count("interactions")).values_list("pk", "n"))
    companies = len(counts)
    assert sum(1 for n in counts.values() if n <= 5) / companies >= 0.6
    assert sum(1 for n in counts.values() if n == 0) >= 100
    assert 20 <= sum(1 for n in counts.values() if 20 <= n <= 50) <= 80
    busiest = Company.objects.get(name=demo.BUSIEST_NAME)
    assert counts[busiest.pk] >= 300
    assert [pk for pk, n in counts.items() if n >= 300] == [busiest.pk]
    assert busiest.registration_number == demo.BUSIEST_SIREN
    assert busiest.interactions.values("organisation").distinct().count() >= 15


def test_numbers_are_valid_unique_and_not_the_member_organisations(seeded):
    rows = list(
        Company.objects.exclude(registration_number=None).values_list("registration_number", "establishment_number")
    )
    numbers = [number for number, _establishment in rows]
    assert len(set(numbers)) == len(numbers)
    for number, establishment in rows:
        assert siren.is_valid(number), number
        if establishment:
            assert siret.is_valid(establishment) and establishment.startswith(number), establishment
    assert sum(1 for _number, establishment in rows if establishment) > len(rows) // 4
    members = set(
        MemberOrganisation.objects.exclude(registration_number="").values_list("registration_number", flat=True)
    )
    assert members and not members & set(numbers)


def test_companies_are_complete_and_consistent(seeded):
    for company in Company.objects.exclude(registration_number=None).order_by("pk")[::40]:
        company.full_clean()
        assert company.legal_form and company.size_band and company.founded_on and company.commune_id, company
        assert company.sector == section_of(company.activity_code), company
    assert not Company.objects.filter(sector="").exists()
    assert set(Company.objects.values_list("legal_form", flat=True)) >= {
        "SARL",
        "SAS",
        "SASU",
        "EURL",
        "EI",
        "SA",
        "SCOP",
    }
    assert Company.objects.values("commune__parent__code").distinct().count() == 6
    assert Company.objects.values("commune").distinct().count() > 400
    assert Company.objects.values("sector").distinct().count() >= 10
    assert Company.objects.exclude(website="").count() > 500
    assert Company.objects.filter(founded_on__gt=timezone.localdate()).count() == 0


def test_project_holders_have_no_number_but_an_email(seeded):
    projects = list(Company.objects.filter(registration_number__isnull=True))
    assert 15 <= len(projects) <= 30
    for project in projects:
        assert project.is_project and project.project_email and project.commune_id, project
        assert project.name.startswith("Projet "), project
        assert project.stage == Company.Stage.IDEA
    assert Company.objects.filter(name="Projet de micro-brasserie à Tours").exists()


def test_people_have_a_documented_legal_basis(seeded):
    consent = CompanyContact.objects.filter(legal_basis=CompanyContact.LegalBasis.CONSENT)
    total = CompanyContact.objects.count()
    assert 0.05 <= consent.count() / total <= 0.3
    assert not consent.filter(Q(consent_given_on=None) | Q(consent_text_version="") | Q(consent_purpose="")).exists()
    assert CompanyContact.objects.filter(
        legal_basis=CompanyContact.LegalBasis.LEGITIMATE_INTEREST, informed_on__isnull=False
    ).exists()
    assert not CompanyContact.objects.filter(informed_on__gt=timezone.localdate()).exists()
    for contact in CompanyContact.objects.order_by("pk")[::50]:
        contact.full_clean()


def test_every_interaction_is_by_someone_working_for_its_organisation(seeded):
    works_there = Affiliation.objects.current().filter(
        advisor=OuterRef("advisor"), organisation=OuterRef("organisation")
    )
    assert not Interaction.objects.filter(~Exists(works_there)).exists()
    assert Interaction.objects.values("organisation").distinct().count() >= 25
    assert Interaction.objects.values("advisor").distinct().count() >= 100
    # Services of the organisation's own catalogue, people of the same company.
    assert not Interaction.services.through.objects.exclude(
        service__organisation=F("interaction__organisation")
    ).exists()
    assert not Interaction.contacts.through.objects.exclude(companycontact__company=F("interaction__company")).exists()
    assert not Interaction.objects.filter(themes=None).exists()


def test_dates_channels_and_confidentiality(seeded):
    today = timezone.localdate()
    interactions = Interaction.objects.all()
    assert not interactions.filter(occurred_on__gt=today).exists()
    assert not interactions.filter(occurred_on__lt=today - timedelta(days=3 * 366)).exists()
    assert interactions.filter(occurred_on__gte=today - timedelta(days=90)).count() > 500
    assert set(interactions.values_list("channel", flat=True)) == set(Interaction.Channel.values)
    share = interactions.filter(is_confidential=True).count() / interactions.count()
    assert 0.05 <= share <= 0.12
    assert not interactions.filter(minutes__gt=24 * 60).exists()
    assert interactions.filter(minutes__isnull=True).exists()
    for summary in interactions.order_by("pk").values_list("summary", flat=True)[::25]:
        assert 30 <= len(summary) <= 400, summary
        assert "{" not in summary and "lorem" not in summary.lower(), summary
    for interaction in interactions.order_by("pk")[::200]:
        interaction.full_clean()


def test_the_demo_advisor_has_their_own_contacts_and_sees_the_warning(seeded):
    today = timezone.localdate()
    user = User.objects.get(email=demo.DEMO_ADVISOR)
    own = Interaction.objects.filter(advisor__user=user)
    assert 20 <= own.count() <= 100
    assert own.filter(occurred_on__gte=today - timedelta(days=90)).count() >= 5
    assert set(own.values_list("organisation__slug", flat=True)) == {demo.DEMO_ORGANISATION}
    busiest = Company.objects.get(registration_number=demo.BUSIEST_SIREN)
    assert own.filter(company=busiest).exists()
    recent_others = (
        busiest.interactions.filter(occurred_on__gte=today - timedelta(days=90))
        .exclude(organisation__slug=demo.DEMO_ORGANISATION)
        .values("organisation")
        .distinct()
        .count()
    )
    assert recent_others >= 3
    assert busiest.interactions.filter(occurred_on__gte=today - timedelta(days=90), is_confidential=True).exists()
    warning = recent_contacts_by_others(busiest, user)
    assert warning and demo.DEMO_ORGANISATION not in {contact.organisation for contact in warning}


def test_seeding_writes_no_audit_or_access_log(seeded):
    _created, logs = seeded
    assert (AuditEntry.objects.count(), AccessLog.objects.count()) == logs


def test_a_second_seed_creates_nothing(seeded):
    counts = (Company.objects.count(), CompanyContact.objects.count(), Interaction.objects.count())
    assert demo.seed() == 0
    assert (Company.objects.count(), CompanyContact.objects.count(), Interaction.objects.count()) == counts


def test_the_plan_is_deterministic(seeded):
    """Planning again draws exactly what was seeded: same companies, same interactions in the same order."""
    companies, interactions = demo.plan(demo._load(timezone.localdate()))
    assert set(Company.objects.values_list("name", "registration_number", "project_email")) == {
        (planned.company.name, planned.company.registration_number, planned.company.project_email)
        for planned in companies
    }
    interactions.sort(key=lambda item: item.interaction.occurred_on)
    seeded_rows = list(Interaction.objects.order_by("pk").values_list("summary", "occurred_on", "submission_key"))
    assert seeded_rows == [
        (item.interaction.summary, item.interaction.occurred_on, item.interaction.submission_key)
        for item in interactions
    ]
