"""Constant statements (network/statements.py): which are prepared, and model instances from their rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from network.statements import instances
from referrals.models import Company, Interaction
from tests.referrals.conftest import make_gated_advisor

pytestmark = pytest.mark.django_db


def test_only_lookups_by_key_and_statements_walking_an_index_are_prepared():
    """A prepared statement soon runs a generic plan: fine for a lookup by key, and for a statement whose condition
    and order one index gives whatever the values. The company pages prepare nothing (referrals/queries.py)."""
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
        assert client.get(reverse("referrals:company_search"), {"q": "443 061 841"}).status_code == 302
        page = client.get(reverse("referrals:company_detail", args=[busy.pk]))
        assert page.status_code == 200
        cursor = page.context["next_cursor"]
        assert client.get(reverse("referrals:company_timeline", args=[busy.pk]), {"before": cursor}).status_code == 200
        assert client.get(reverse("referrals:company_search"), {"q": "durand"}).status_code == 200
        assert client.get(reverse("advisors:colleagues"), {"q": "export"}).status_code == 200
    with connection.cursor() as database:
        database.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [" ".join(row[0].split()) for row in database.fetchall()]
    assert any("context_affiliations" in statement for statement in prepared)  # the user context
    assert any("FROM django_session" in statement for statement in prepared)
    # The colleague search tests the words on every active advisor: a plan that cannot depend on them.
    colleagues = [statement for statement in prepared if statement.startswith("WITH term AS MATERIALIZED")]
    assert colleagues, "COLLEAGUES_SQL is prepared"
    assert not any("referrals_" in statement for statement in prepared), prepared
    for statement in prepared:
        walks_an_index = statement in colleagues or "context_affiliations" in statement
        looked_up_by_key = any(key in statement for key in ("session_key = $1", "WHERE id = $1"))
        assert walks_an_index or looked_up_by_key, statement


def test_instances_fill_the_named_fields_defer_the_others_and_keep_extra_columns():
    company = Company.objects.create(name="Durand SAS", registration_number="443061841", legal_form="SAS")
    (found,) = instances(
        Company, "SELECT id, name, 'extra' AS note FROM referrals_company WHERE id = %s", [company.pk]
    )
    assert (found.pk, found.name, found.note) == (company.pk, "Durand SAS", "extra")
    assert found.get_deferred_fields() >= {"legal_form", "registration_number"}
    assert found.legal_form == "SAS"  # a deferred field is read when asked for
    assert instances(Company, "SELECT id FROM referrals_company WHERE id = %s", [company.pk + 1]) == []
