"""The people pages: list with filters, CSV export (LG-3, IN-5, RL-4), bulk code-of-conduct reminder, the items to
hand over when someone leaves, deactivation that ends every session (SE-4), second-factor reset."""

import csv
import io
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members.models import CodeOfConduct, CodeOfConductSignature, Invitation, MemberOrganisation
from members.services import code_publish, conduct_send_reminders, invitation_revoke, invitation_send
from network.hooks import handover_items
from network.models import AccessLog, AuditEntry, OutboxMessage, User
from tests.factories import DEFAULT_PASSWORD, AffiliationFactory, ConventionFactory

pytestmark = pytest.mark.django_db

LIST = reverse("members:person_list")


def signed_in(user):
    client = Client(headers={"accept-language": "en"})
    assert client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD}).status_code == 302
    return client


def test_deactivating_an_account_ends_all_its_sessions_at_once(manager_client):
    person = AffiliationFactory().advisor.user
    laptop, phone = signed_in(person), signed_in(person)
    assert laptop.get(reverse("network:dashboard")).status_code == 200
    response = manager_client.post(reverse("members:person_deactivate", args=[person.pk]), follow=True)
    assert "2 open session(s) ended" in response.content.decode()
    for browser in (laptop, phone):
        assert browser.get(reverse("network:dashboard")).status_code == 302
    again = Client()
    response = again.post("/accounts/login/", {"login": person.email, "password": DEFAULT_PASSWORD})
    assert response["Location"] == reverse("account_inactive") and "_auth_user_id" not in again.session
    assert AuditEntry.objects.filter(action="deactivate", object_id=str(person.pk)).exists()
    manager_client.post(reverse("members:person_reactivate", args=[person.pk]))
    assert signed_in(person).get(reverse("network:dashboard")).status_code == 200


def test_a_manager_cannot_deactivate_themselves(manager_client, network_manager):
    from members.models import Advisor

    Advisor.objects.create(user=network_manager)
    response = manager_client.post(reverse("members:person_deactivate", args=[network_manager.pk]), follow=True)
    assert "cannot deactivate your own account" in response.content.decode()
    network_manager.refresh_from_db()
    assert network_manager.is_active


def test_the_second_factor_is_reset_only_after_the_identity_check(manager_client):
    person = AffiliationFactory().advisor.user
    TOTP.activate(person, generate_totp_secret())
    url = reverse("members:person_mfa_reset", args=[person.pk])
    refused = manager_client.post(url, {})
    assert refused.status_code == 400 and Authenticator.objects.filter(user=person).exists()
    assert manager_client.post(url, {"identity_checked": "on"}).status_code == 302
    assert not Authenticator.objects.filter(user=person).exists()
    assert OutboxMessage.objects.get().to == [person.email]
    assert AuditEntry.objects.filter(action="mfa_reset").exists()


def test_office_managers_see_people_but_change_nothing(client, office_manager):
    person = AffiliationFactory().advisor.user
    client.force_login(office_manager)
    assert client.get(LIST).status_code == 200
    assert client.get(reverse("members:person_detail", args=[person.pk])).status_code == 200
    assert client.post(reverse("members:person_deactivate", args=[person.pk])).status_code == 403
    person.refresh_from_db()
    assert person.is_active


def test_the_list_filters_by_organisation_role_signature_and_name(manager_client, network_manager):
    code_publish(text_en="Code", text_fr="Charte", by=network_manager)
    signer = AffiliationFactory(advisor__user__full_name="Élodie Signer")
    AffiliationFactory(advisor__user__full_name="Noé Unsigned", referent=True, organisation=signer.organisation)
    from members.models import CodeOfConduct, CodeOfConductSignature

    CodeOfConductSignature.objects.create(
        advisor=signer.advisor,
        code=CodeOfConduct.objects.current(),
        organisation=signer.organisation,
        language="en",
        text_sha256="0" * 64,
    )

    def names(**params):
        return manager_client.get(LIST, params).content.decode()

    assert "Élodie Signer" in names(signature="awaiting") and "Noé Unsigned" not in names(signature="awaiting")
    assert "Noé Unsigned" in names(role="referent") and "Élodie Signer" not in names(role="referent")
    assert "Élodie Signer" in names(q="elodie")
    assert "Élodie Signer" in names(organisation=signer.organisation.pk)
    assert manager_client.get(LIST, {"q": "x" * 2000, "organisation": "abc", "page": "zz"}).status_code == 200


def test_the_list_query_count_does_not_grow_with_rows(manager_client, django_assert_max_num_queries):
    AffiliationFactory.create_batch(3)
    with django_assert_max_num_queries(12) as few:
        response = manager_client.get(LIST)
    assert response.status_code == 200
    more = AffiliationFactory.create_batch(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = manager_client.get(LIST)
    assert response.status_code == 200
    assert more[-1].advisor.user.full_name in response.content.decode()


# --- CSV export ------------------------------------------------------------------------------------------------------

EXPORT = reverse("members:person_export")
REMIND = reverse("members:person_remind")


def export_rows(client, params=None):
    response = client.get(EXPORT, params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''people-")
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))


def signature_of(affiliation, *, countersigned_by=None, days_ago=0):
    now = timezone.now()
    return CodeOfConductSignature.objects.create(
        advisor=affiliation.advisor,
        code=CodeOfConduct.objects.current(),
        organisation=affiliation.organisation,
        language="en",
        text_sha256="0" * 64,
        signed_at=now - timedelta(days=days_ago),
        countersigned_by=countersigned_by,
        countersigned_at=now if countersigned_by else None,
    )


@pytest.fixture
def code(network_manager):
    return code_publish(text_en="Code", text_fr="Charte", by=network_manager)


def test_the_export_honours_the_filters_and_has_one_row_per_person(manager_client, code):
    signer = AffiliationFactory(advisor__user__full_name="Élodie Signer", advisor__user__email="elodie@example.org")
    AffiliationFactory(advisor=signer.advisor, referent=True, organisation__name="Second Org")
    AffiliationFactory(advisor__user__full_name="Noé Unsigned", organisation=signer.organisation)
    signature_of(signer)
    rows = export_rows(manager_client, {"signature": "awaiting"})
    assert rows[0] == ["Name", "Email", "Organisations", "Roles", "Code of conduct", "Last sign-in", "Account active"]
    organisations = sorted([signer.organisation.name, "Second Org"])
    roles = ["Advisor" if name == signer.organisation.name else "Referent" for name in organisations]
    assert rows[1:] == [
        [
            "Élodie Signer",
            "elodie@example.org",
            "; ".join(organisations),
            "; ".join(roles),
            "Awaiting countersignature",
            "",
            "yes",
        ]
    ]
    assert {row[0] for row in export_rows(manager_client)[1:]} == {"Élodie Signer", "Noé Unsigned"}
    assert [row[0] for row in export_rows(manager_client, {"q": "noe"})[1:]] == ["Noé Unsigned"]


def test_every_export_writes_one_access_log_row_with_counts_and_filter_names_only(manager_client, network_manager):
    AffiliationFactory(advisor__user__full_name="Élodie Signer")
    export_rows(manager_client, {"q": "elodie", "role": "advisor"})
    entry = AccessLog.objects.get()
    assert (entry.actor_id, entry.action, entry.content_type.model_class()) == (network_manager.pk, "export", User)
    assert entry.detail == {"rows": 1, "format": "csv", "filters": ["q", "role"]}
    assert "elodie" not in str(entry.detail).lower()  # never the search term: it may be a name


def test_the_export_neutralises_spreadsheet_formulas(manager_client):
    AffiliationFactory(advisor__user__full_name='=HYPERLINK("http://evil")', organisation__name="+SUM(A1)")
    [_header, row] = export_rows(manager_client)
    assert row[0] == '\'=HYPERLINK("http://evil")' and row[2] == "'+SUM(A1)"


def test_the_export_is_capped(manager_client, monkeypatch):
    from members.views import manage_people

    monkeypatch.setattr(manage_people, "EXPORT_MAX_ROWS", 2)
    AffiliationFactory.create_batch(3)
    assert len(export_rows(manager_client)) == 1 + 2
    assert AccessLog.objects.get().detail["rows"] == 2


def test_office_managers_export_but_advisors_and_visitors_cannot(client, office_manager):
    advisor = AffiliationFactory().advisor.user
    assert client.get(EXPORT)["Location"].startswith("/accounts/login/")
    client.force_login(advisor)
    assert client.get(EXPORT).status_code == 403
    client.force_login(office_manager)
    assert len(export_rows(client)) == 2
    assert client.post(EXPORT).status_code == 405
    assert AccessLog.objects.count() == 1


def test_the_list_links_to_the_export_with_its_filters_but_not_its_page(manager_client):
    AffiliationFactory(advisor__user__full_name="Élodie Signer")
    body = manager_client.get(LIST, {"q": "elodie", "role": "advisor", "page": "1"}).content.decode()
    assert f'href="{EXPORT}?q=elodie&amp;role=advisor"' in body and "Export CSV" in body


def test_the_export_query_count_does_not_grow_with_rows(manager_client, code, django_assert_max_num_queries):
    AffiliationFactory.create_batch(3)
    with django_assert_max_num_queries(12) as few:
        export_rows(manager_client)
    for affiliation in AffiliationFactory.create_batch(20):
        signature_of(affiliation)
        AffiliationFactory(advisor=affiliation.advisor)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(export_rows(manager_client)) == 24


# --- Bulk code-of-conduct reminder ----------------------------------------------------------------------------------


@pytest.fixture
def people(code, network_manager):
    """One person per state, in one organisation with a second referent who can countersign."""
    organisation = ConventionFactory().organisation
    referent = AffiliationFactory(organisation=organisation, referent=True, advisor__user__email="ref@example.org")
    unsigned = AffiliationFactory(organisation=organisation, advisor__user__email="unsigned@example.org")
    outdated = AffiliationFactory(organisation=organisation, advisor__user__email="outdated@example.org")
    awaiting = AffiliationFactory(organisation=organisation, advisor__user__email="awaiting@example.org")
    valid = AffiliationFactory(organisation=organisation, advisor__user__email="valid@example.org")
    signature_of(outdated, countersigned_by=referent.advisor.user, days_ago=30)
    code_publish(text_en="Code v2", text_fr="Charte v2", by=network_manager)
    signature_of(awaiting, days_ago=10)
    signature_of(valid, countersigned_by=referent.advisor.user)
    signature_of(referent, countersigned_by=network_manager)
    return {
        "referent": referent.advisor.user,
        "unsigned": unsigned.advisor.user,
        "outdated": outdated.advisor.user,
        "awaiting": awaiting.advisor.user,
        "valid": valid.advisor.user,
    }


def ids(*users):
    return [str(user.pk) for user in users]


def test_the_confirmation_says_how_many_will_receive_it_and_sends_nothing(manager_client, people):
    chosen = ids(people["unsigned"], people["outdated"], people["awaiting"], people["valid"])
    response = manager_client.post(REMIND, {"scope": "selected", "person": chosen})
    body = response.content.decode()
    assert response.status_code == 200
    assert "3 reminders will be sent." in body and "Send 3 reminders" in body
    assert "2 people are asked to sign version" in body and "1 signature waits for its countersignature" in body
    assert "1 person is skipped" in body
    assert not OutboxMessage.objects.exists() and not AuditEntry.objects.filter(action="remind").exists()


def test_only_people_whose_signature_is_not_valid_are_reminded(manager_client, people, network_manager):
    chosen = ids(people["unsigned"], people["outdated"], people["awaiting"], people["valid"])
    response = manager_client.post(REMIND, {"scope": "selected", "person": chosen, "confirm": "on"}, follow=True)
    assert "3 reminders sent, 1 skipped (already valid / reminded this week)." in response.content.decode()
    recipients = sorted((message.to, message.dedup_key.split(":")[0]) for message in OutboxMessage.objects.all())
    assert recipients == [
        (["outdated@example.org"], "conduct-sign-reminder"),
        (["ref@example.org"], "countersign-reminder"),  # the awaiting signature: asked of the other referent
        (["unsigned@example.org"], "conduct-sign-reminder"),
    ]
    entry = AuditEntry.objects.get(action="remind")
    assert entry.actor_id == network_manager.pk
    assert entry.values == {"to_sign": 2, "to_countersign": 1, "skipped": 1}


def test_a_second_reminder_the_same_week_is_skipped_and_the_weekly_task_respects_it(manager_client, people):
    code = CodeOfConduct.objects.current()
    CodeOfConduct.objects.filter(pk=code.pk).update(published_at=timezone.now() - timedelta(days=8))
    chosen = ids(people["unsigned"], people["awaiting"])
    manager_client.post(REMIND, {"scope": "selected", "person": chosen, "confirm": "on"})
    assert OutboxMessage.objects.count() == 2
    again = manager_client.post(REMIND, {"scope": "selected", "person": chosen, "confirm": "on"}, follow=True)
    assert "0 reminders sent, 2 skipped" in again.content.decode()
    conduct_send_reminders()  # the daily task: only the outdated one is still due this week
    assert sorted(message.to[0] for message in OutboxMessage.objects.all()) == [
        "outdated@example.org",
        "ref@example.org",
        "unsigned@example.org",
    ]


def test_a_signature_made_this_week_is_not_chased_again_after_its_request(manager_client, code):
    organisation = ConventionFactory().organisation
    AffiliationFactory(organisation=organisation, referent=True)
    signer = AffiliationFactory(organisation=organisation)
    client = Client(headers={"accept-language": "en"})
    client.force_login(signer.advisor.user)
    assert client.post(reverse("members:conduct")).status_code == 302  # mails the countersignature request
    response = manager_client.post(REMIND, {"scope": "selected", "person": ids(signer.advisor.user)})
    assert "0 reminders will be sent." in response.content.decode()
    assert "Nobody among them needs a reminder now." in response.content.decode()


def test_everyone_on_the_page_works_without_javascript(manager_client, people):
    on_page = ids(*people.values())
    response = manager_client.post(REMIND, {"scope": "selected", "all_on_page": "on", "on_page": on_page})
    assert "3 reminders will be sent." in response.content.decode()
    assert "2 people are skipped" in response.content.decode()  # the valid one and the referent


def test_everyone_matching_the_filters_and_back_to_the_filtered_list(manager_client, people):
    filters = {"signature": "unsigned", "q": "unsigned"}
    response = manager_client.post(REMIND, {"scope": "filter", **filters})
    assert "1 reminder will be sent." in response.content.decode()
    assert f'value="{people["unsigned"].pk}"' in response.content.decode()  # the confirmation carries the ids
    sent = manager_client.post(
        REMIND, {"scope": "selected", "person": ids(people["unsigned"]), "confirm": "on", **filters}
    )
    assert sent.status_code == 302 and sent["Location"] == f"{LIST}?q=unsigned&signature=unsigned"
    assert OutboxMessage.objects.get().to == ["unsigned@example.org"]


def test_the_list_offers_the_bulk_reminder_to_network_managers_only(client, manager_client, office_manager, people):
    body = manager_client.get(LIST, {"signature": "unsigned"}).content.decode()
    assert f'action="{REMIND}"' in body and 'name="person"' in body and 'data-select-all="person"' in body
    assert '<input type="hidden" name="signature" value="unsigned">' in body
    client.force_login(office_manager)
    assert f'action="{REMIND}"' not in client.get(LIST).content.decode()


def test_office_managers_and_advisors_cannot_send_reminders(client, office_manager, people):
    for user in (office_manager, people["referent"]):
        client.force_login(user)
        posted = client.post(REMIND, {"scope": "selected", "person": ids(people["unsigned"]), "confirm": "on"})
        assert posted.status_code == 403
    assert client.get(REMIND).status_code == 405
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    "data, error",
    [
        ({"scope": "selected"}, "Tick at least one person"),
        ({"scope": "selected", "person": ["abc"]}, "Choose people from the list."),
        ({"scope": "selected", "person": ["99999999999999999999"]}, "Choose people from the list."),
        ({"scope": "selected", "person": [str(n) for n in range(1, 202)]}, "Choose at most 200 people at a time."),
        ({"scope": "filter", "organisation": "abc"}, "The filters are not valid"),
        ({"scope": "everything"}, "There is a problem"),
    ],
)
def test_a_bad_selection_shows_the_error_and_sends_nothing(manager_client, people, data, error):
    response = manager_client.post(REMIND, data)
    assert response.status_code == 400 and error in response.content.decode()
    assert not OutboxMessage.objects.exists()


def test_more_people_matching_the_filters_than_a_bulk_action_takes_are_refused(manager_client, people, monkeypatch):
    from members import forms

    monkeypatch.setattr(forms, "BULK_MAX", 3)
    response = manager_client.post(REMIND, {"scope": "filter"})
    assert response.status_code == 400 and "Narrow the filters: at most 3 people" in response.content.decode()


def test_nothing_to_remind_about_before_a_code_is_published(manager_client):
    person = AffiliationFactory().advisor.user
    response = manager_client.post(REMIND, {"scope": "selected", "person": ids(person)})
    assert response.status_code == 400 and "has not published its code of conduct yet" in response.content.decode()


def test_the_confirmation_query_count_does_not_grow_with_people(manager_client, code, django_assert_max_num_queries):
    def chosen(count):
        organisation = ConventionFactory().organisation
        AffiliationFactory(organisation=organisation, referent=True)
        affiliations = AffiliationFactory.create_batch(count, organisation=organisation)
        for affiliation in affiliations[::2]:
            signature_of(affiliation, days_ago=9)
        return ids(*(affiliation.advisor.user for affiliation in affiliations))

    few = chosen(2)
    with django_assert_max_num_queries(15) as small:
        response = manager_client.post(REMIND, {"scope": "selected", "person": few})
    assert response.status_code == 200 and "2 reminders will be sent." in response.content.decode()
    many = chosen(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert (
            "30 reminders will be sent."
            in manager_client.post(REMIND, {"scope": "selected", "person": many}).content.decode()
        )


# --- Handover -------------------------------------------------------------------------------------------------------


@pytest.fixture
def leaving(code, network_manager):
    """A referent who invited people and is the only referent left to countersign at one of their organisations."""
    alone = ConventionFactory(organisation__name="Alone Org").organisation
    shared = ConventionFactory(organisation__name="Shared Org").organisation
    person = AffiliationFactory(organisation=alone, referent=True, advisor__user__full_name="Paul Partant")
    AffiliationFactory(advisor=person.advisor, organisation=shared, referent=True)
    AffiliationFactory(organisation=shared, referent=True)  # someone else can countersign there
    user = person.advisor.user
    for email in ("a@example.org", "b@example.org"):
        invitation_send(organisation=alone, email=email, role="advisor", by=user, accept_url=lambda token: token)
    used = invitation_send(organisation=alone, email="c@example.org", role="advisor", by=user, accept_url=str)
    invitation_revoke(invitation=used, by=user)
    expired = invitation_send(organisation=shared, email="d@example.org", role="advisor", by=user, accept_url=str)
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    signature_of(AffiliationFactory(organisation=alone))
    signature_of(AffiliationFactory(organisation=alone))
    signature_of(AffiliationFactory(organisation=shared))  # the other referent countersigns it
    return user


def test_the_person_page_lists_the_open_items_to_hand_over(manager_client, leaving):
    body = manager_client.get(reverse("members:person_detail", args=[leaving.pk])).content.decode()
    assert "Open items to hand over" in body
    assert body.index("Open items to hand over") < body.index("Deactivate the account")
    items = handover_items(leaving)
    alone = reverse("members:organisation_detail", args=[MemberOrganisation.objects.get(name="Alone Org").pk])
    assert [(item.count, item.url) for item in items] == [(2, alone), (2, alone)]
    assert "Invitations sent to join Alone Org, still pending" in items[0].label
    assert "Code of conduct signatures at Alone Org" in items[1].label
    for item in items:
        assert item.label in body.replace("&#x27;", "'")


def test_nothing_to_hand_over_says_so(manager_client, code):
    person = AffiliationFactory(referent=True).advisor.user
    body = manager_client.get(reverse("members:person_detail", args=[person.pk])).content.decode()
    assert "Open items to hand over" in body and "Nothing to hand over." in body


def test_after_deactivating_the_open_items_are_shown_for_handover(manager_client, leaving):
    response = manager_client.post(reverse("members:person_deactivate", args=[leaving.pk]))
    assert response["Location"] == reverse("members:person_detail", args=[leaving.pk]) + "#handover"
    body = manager_client.get(response["Location"]).content.decode()
    assert "Hand over the open items listed on this page" in body
    assert "Open items to hand over" in body and "Pass these on to a colleague" in body
    assert len(handover_items(User.objects.get(pk=leaving.pk))) == 2  # the same once deactivated


def test_office_managers_do_not_see_the_handover(client, office_manager, leaving):
    client.force_login(office_manager)
    assert (
        "Open items to hand over"
        not in client.get(reverse("members:person_detail", args=[leaving.pk])).content.decode()
    )


def test_every_apps_handover_hook_is_collected_in_app_order(leaving, monkeypatch):
    import sys
    from types import SimpleNamespace

    from network.hooks import HandoverItem

    later = SimpleNamespace(
        open_items=lambda user: [HandoverItem("Follow-ups to reassign", 4), HandoverItem("Nothing here", 0)]
    )
    monkeypatch.setitem(sys.modules, "referrals.handover", later)
    items = handover_items(leaving)
    assert [(item.label, item.count, item.url) for item in items[2:]] == [("Follow-ups to reassign", 4, None)]
    assert len(items) == 3


def test_the_person_page_query_count_does_not_grow_with_open_items(
    manager_client, leaving, django_assert_max_num_queries
):
    url = reverse("members:person_detail", args=[leaving.pk])
    with django_assert_max_num_queries(30) as small:
        assert manager_client.get(url).status_code == 200
    for _count in range(5):
        organisation = AffiliationFactory(advisor=leaving.advisor, referent=True).organisation
        invitation_send(organisation=organisation, email="e@example.org", role="advisor", by=leaving, accept_url=str)
        signature_of(AffiliationFactory(organisation=organisation))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert (
            manager_client.get(url)
            .content.decode()
            .count('class="list-group-item d-flex justify-content-between align-items-start')
            == 12
        )
