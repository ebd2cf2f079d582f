"""``seed_demo --scale``: the volume seeds of the benchmark (demo.scale), run here at the hidden ``tiny``
scale, the same code path as ``small`` and ``region`` with fewer rows."""

import io
import json
import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, Exists, Max, OuterRef
from django.utils import timezone
from stdnum.fr import siren

from demo import scale as scale_module
from demo.companies import BUSIEST_INTERACTIONS, BUSIEST_NAME
from members.models import Advisor, Affiliation, MemberOrganisation, Service
from network.models import AccessLog, AuditEntry, User
from referrals.models import Company, CompanyActivity, CompanyContact, Interaction

TINY = scale_module.SCALES["tiny"]
DEMO_COMPANIES = 2002
DEMO_INTERACTIONS = 10_081


def seed(**options) -> tuple[str, dict]:
    out = io.StringIO()
    call_command("seed_demo", scale="tiny", stdout=out, **options)
    output = out.getvalue()
    last = output.strip().splitlines()[-1]
    assert last.startswith("SEED_RESULT ")
    return output, json.loads(last.removeprefix("SEED_RESULT "))


def table_counts() -> dict:
    models = (MemberOrganisation, Advisor, Service, User, Company, CompanyContact, Interaction)
    counts = {model.__name__: model.objects.count() for model in models}
    counts["themes"] = Interaction.themes.through.objects.count()
    return counts


@pytest.mark.django_db
def test_a_scale_extends_the_demo_with_realistic_rows_once(settings):
    settings.DEBUG = True
    output, result = seed()

    assert result["scale"] == "tiny" and result["seconds"] > 0 and "demo" in result["steps"]
    rows = result["rows"]
    assert rows["referrals_company"] == TINY.companies
    assert 0.95 * TINY.interactions <= rows["referrals_interaction"] <= TINY.interactions + TINY.busiest_extra
    assert 0.6 * TINY.companies <= rows["referrals_companycontact"] <= 1.0 * TINY.companies
    assert rows["referrals_interaction_themes"] >= rows["referrals_interaction"]
    assert 0 < rows["referrals_interaction_services"] < rows["referrals_interaction"]
    assert 0 < rows["referrals_interaction_contacts"] < rows["referrals_interaction"]
    assert "referrals_interaction" in output and "seeded in" in output
    # The totals of the scale: the demo's organisations, advisors and services extended.
    assert MemberOrganisation.objects.count() == TINY.organisations
    assert Advisor.objects.count() == TINY.advisors
    assert Service.objects.count() == TINY.services
    assert Company.objects.count() == DEMO_COMPANIES + TINY.companies
    assert Interaction.objects.count() == DEMO_INTERACTIONS + rows["referrals_interaction"]

    numbers = list(Company.objects.exclude(registration_number=None).values_list("registration_number", flat=True))
    assert all(siren.is_valid(number) for number in numbers) and len(set(numbers)) == len(numbers)

    current = Affiliation.objects.current().filter(
        advisor=OuterRef("advisor_id"), organisation=OuterRef("organisation_id")
    )
    assert not Interaction.objects.exclude(Exists(current)).exists()  # each advisor works for the organisation
    assert not Interaction.objects.filter(occurred_on__gt=timezone.localdate()).exists()
    oldest = Interaction.objects.order_by("occurred_on").values_list("occurred_on", flat=True).first()
    assert oldest < timezone.localdate() - timedelta(days=6 * 365)  # years of history
    confidential = Interaction.objects.filter(is_confidential=True).count() / Interaction.objects.count()
    assert 0.04 <= confidential <= 0.13

    # Skewed: the demo's busiest company stays the busiest, most companies have a handful.
    busiest = list(Company.objects.annotate(n=Count("interactions")).order_by("-n").values_list("name", "n")[:2])
    assert busiest[0][0] == BUSIEST_NAME and busiest[0][1] >= BUSIEST_INTERACTIONS + TINY.busiest_extra
    assert 0.02 <= busiest[0][1] / Interaction.objects.count() <= 0.1
    assert busiest[1][1] <= busiest[0][1] / 2
    newest = list(Company.objects.order_by("-id").values_list("id", flat=True)[: TINY.companies])
    generated = sorted(
        Company.objects.filter(id__in=newest).annotate(n=Count("interactions")).values_list("n", flat=True)
    )
    assert generated[len(generated) // 2] <= 6

    # The demo login still has contacts of their own; generated people cannot sign in; nothing logged as an action.
    assert Interaction.objects.filter(advisor__user__email="advisor@demo.example").exists()
    generated_users = User.objects.filter(
        email__contains=".demo.example", advisor__affiliations__organisation__slug__regex=r"-[0-9]{3}$"
    )
    assert generated_users.exists() and not any(user.has_usable_password() for user in generated_users)
    assert not AuditEntry.objects.exists() and not AccessLog.objects.exists()

    # The indexes dropped for the load are back, with their names.
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename LIKE 'referrals_%%'")
        names = {name for (name,) in cursor.fetchall()}
    assert {
        "company_search_gin",
        "interaction_timeline",
        "interaction_company_org_date",
        "company_activity_once",
    } <= names

    # "Who works with this company": rebuilt after the load, and kept again by its triggers from then on.
    recounted = Interaction.objects.values("company", "organisation").annotate(n=Count("id"), last=Max("occurred_on"))
    assert rows["referrals_companyactivity"] == len(recounted)
    assert set(CompanyActivity.objects.values_list("company", "organisation", "contacts", "last_on")) == {
        (row["company"], row["organisation"], row["n"], row["last"]) for row in recounted
    }
    busiest = CompanyActivity.objects.filter(company__name=BUSIEST_NAME).order_by("-contacts").first()
    extra = Interaction.objects.filter(company=busiest.company, organisation=busiest.organisation).first()
    extra.pk, extra.submission_key = None, uuid.uuid4()
    extra.save()
    busiest_after = CompanyActivity.objects.get(pk=busiest.pk)
    assert busiest_after.contacts == busiest.contacts + 1
    extra.delete()  # leaves the counts as the seed made them, for the comparison below

    counts = table_counts()
    output, result = seed()
    assert "already seeded" in output and result.get("already_seeded") and result["rows"] == {}
    call_command("seed_demo", stdout=io.StringIO())  # the plain demo, after a scale, adds nothing either
    assert table_counts() == counts


@pytest.mark.django_db
def test_a_scale_refuses_when_the_disk_is_short(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setattr("demo.management.commands.seed_demo.free_bytes", lambda path: 10_000_000)
    with pytest.raises(CommandError, match="Not enough free disk"):
        call_command("seed_demo", scale="region", stdout=io.StringIO())
    assert not Company.objects.exists()


def test_an_unknown_scale_is_refused(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="Unknown scale"):
        call_command("seed_demo", scale="planet")


def test_the_disk_estimate_covers_the_region_rows():
    region = scale_module.SCALES["region"]
    assert region.planned_rows()["referrals_interaction"] >= 1_000_000
    assert 1e9 < scale_module.estimated_bytes(region) < 10e9
