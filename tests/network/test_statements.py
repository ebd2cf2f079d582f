"""Constant statements (network/statements.py): which are prepared, and model instances from their rows."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from network.models import Theme
from network.statements import instances
from referrals.models import Company, Interaction
from referrals.views import NAMED_SQL, TIMELINE_SQL
from tests.referrals.conftest import make_gated_advisor

pytestmark = pytest.mark.django_db


def test_only_lookups_by_key_and_the_timeline_walking_its_index_are_prepared():
    """A prepared statement soon runs a generic plan: fine for a lookup by key, and for the timeline whose condition
    and order the ``interaction_timeline`` index gives whatever the values; with an OR in its condition the generic
    plan filtered instead (the busiest company's deep pages, 6 → 40 ms at region scale)."""
    user = make_gated_advisor()
    advisor = user.advisor
    busy = Company.objects.create(name="Durand SAS", registration_number="443061841")
    for days in range(25):
        Interaction.objects.create(
            company=busy,
            advisor=advisor,
            organisation=advisor.affiliations.get().organisation,
            occurred_on=timezone.localdate() - timedelta(days=days),
        )
    client = Client()
    client.force_login(user)
    for _ in range(6):
        assert client.get(reverse("companies:search"), {"q": "443 061 841"}).status_code == 302
        page = client.get(reverse("companies:detail", args=[busy.pk]))
        assert page.status_code == 200
        cursor = page.context["next_cursor"]
        assert client.get(reverse("companies:timeline", args=[busy.pk]), {"before": cursor}).status_code == 200
        assert client.get(reverse("companies:search"), {"q": "durand"}).status_code == 200
        assert client.get(reverse("members:colleagues"), {"q": "export"}).status_code == 200
    with connection.cursor() as database:
        database.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [" ".join(row[0].split()) for row in database.fetchall()]
    assert any("context_affiliations" in statement for statement in prepared)  # the user context
    assert any("FROM django_session" in statement for statement in prepared)
    assert any("WHERE registration_number = $1" in statement for statement in prepared)
    # One per set of parameter types (psycopg sends a small key as int2, the first page's cursor as int8).
    timelines = [statement for statement in prepared if "ORDER BY i.occurred_on DESC" in statement]
    assert timelines and all(" OR " not in timeline.split("WHERE i.company_id")[1] for timeline in timelines), (
        TIMELINE_SQL
    )
    # The name search takes at most SEARCH_CANDIDATES rows from the GIN index, whatever the words (NAMED_SQL).
    named = [statement for statement in prepared if statement.startswith("WITH query AS MATERIALIZED")]
    assert named and all("LIMIT $" in statement for statement in named), NAMED_SQL
    # The colleague search tests the words on every active advisor: a plan that cannot depend on them.
    colleagues = [statement for statement in prepared if statement.startswith("WITH term AS MATERIALIZED")]
    assert colleagues, "COLLEAGUES_SQL is prepared"
    # "Who works with this company" and "already in contact": the company's stored counts, read by company key, and
    # for the latter each line's recent contacts from the (company, organisation, date) index.
    grouped = [statement for statement in prepared if "FROM referrals_companyactivity a" in statement]
    assert any(statement.startswith("WITH lines AS") for statement in grouped), grouped
    assert any(statement.startswith("SELECT o.name, a.contacts") for statement in grouped), grouped
    for statement in prepared:
        walks_an_index = statement in timelines + named + grouped + colleagues or "context_affiliations" in statement
        looked_up_by_key = any(
            key in statement
            for key in (
                "session_key = $1",
                "registration_number = $1",
                "WHERE c.id = $1",
                "WHERE id = $1",
                "WHERE a.company_id = $1",
            )
        )
        assert walks_an_index or looked_up_by_key, statement


def test_the_fast_entry_prepares_its_inserts_and_its_lookups_by_key_only():
    """An INSERT's plan cannot depend on its values: the contact, its themes and its audit entry are prepared."""
    user = make_gated_advisor()
    organisation = user.advisor.affiliations.get().organisation
    company = Company.objects.create(name="Durand SAS", registration_number="443061841")
    theme = Theme.objects.create(slug="export", name_en="Export", name_fr="Export")
    client = Client()
    client.force_login(user)
    for _ in range(3):
        data = {
            "submission_key": str(uuid.uuid4()),
            "company": company.pk,
            "organisation": organisation.pk,
            "occurred_on": timezone.localdate().isoformat(),
            "channel": "phone",
            "summary": "Export loan",
            "themes": theme.pk,
        }
        assert client.post(reverse("companies:log"), data).status_code == 302
    assert Interaction.objects.filter(company=company).count() == 3
    with connection.cursor() as database:
        database.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [" ".join(row[0].split()) for row in database.fetchall()]
    inserts = [statement for statement in prepared if statement.startswith("INSERT INTO")]
    assert {statement.split()[2] for statement in inserts} == {
        '"referrals_interaction"',
        '"referrals_interaction_themes"',
        '"network_auditentry"',
    }
    for statement in prepared:
        assert statement in inserts or any(
            key in statement for key in ("session_key = $1", "context_affiliations", "= $1", "= ANY($1)")
        ), statement


def test_instances_fill_the_named_fields_defer_the_others_and_keep_extra_columns():
    company = Company.objects.create(name="Durand SAS", registration_number="443061841", legal_form="SAS")
    (found,) = instances(
        Company, "SELECT id, name, 'extra' AS note FROM referrals_company WHERE id = %s", [company.pk]
    )
    assert (found.pk, found.name, found.note) == (company.pk, "Durand SAS", "extra")
    assert found.get_deferred_fields() >= {"legal_form", "registration_number"}
    assert found.legal_form == "SAS"  # a deferred field is read when asked for
    assert instances(Company, "SELECT id FROM referrals_company WHERE id = %s", [company.pk + 1]) == []
