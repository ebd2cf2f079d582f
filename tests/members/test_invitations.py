"""Invitations are bound to an email, an organisation and a role; single use; 7 days (SECURITY.md AU-9)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members.models import Affiliation, Invitation
from network.models import AuditEntry, OutboxMessage, User
from tests.factories import DEFAULT_PASSWORD, ConventionFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase 2026"


@pytest.fixture
def invitee():
    """The person invited, in their own browser (``client`` is the manager's once ``manager_client`` is used)."""
    return Client(headers={"accept-language": "en"})


@pytest.fixture
def organisation():
    return ConventionFactory().organisation


def invite(manager_client, organisation, email="new.advisor@example.org", role="advisor"):
    response = manager_client.post(
        reverse("members:invitation_create", args=[organisation.pk]), {"email": email, "role": role}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    body = OutboxMessage.objects.filter(to=[email.lower()]).latest("created_at").body_text
    return re.search(r"https?://[^/\s]+(/accounts/invitation/[^/\s]+/)", body)[1]


def accept_data(**overrides):
    return {
        "full_name": "Nina Advisor",
        "preferred_language": "en",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


def test_a_manager_invites_and_the_invitee_creates_an_account_in_one_step(manager_client, invitee, organisation):
    link = invite(manager_client, organisation, email="New.Advisor@Example.org", role="referent")
    invitation = Invitation.objects.get()
    assert invitation.email == "new.advisor@example.org" and invitation.status == "pending"
    assert invitation.expires_at - timezone.now() <= timedelta(days=7)
    entry = AuditEntry.objects.get(action="invite")
    assert "new.advisor@example.org" not in str(entry.values)  # the address is stored as a keyed hash

    page = invitee.get(link)
    assert page.status_code == 200 and "as referent of" in page.content.decode()
    response = invitee.post(link, accept_data(email="attacker@example.org"))  # the address cannot be changed
    assert response.status_code == 302 and response["Location"] == reverse("network:dashboard")
    user = User.objects.get(email="new.advisor@example.org")
    assert not User.objects.filter(email="attacker@example.org").exists()
    affiliation = Affiliation.objects.get()
    assert affiliation.advisor.user == user and affiliation.organisation == organisation
    assert affiliation.role == "referent"
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.accepted_by == user
    assert invitee.get(reverse("network:dashboard")).status_code == 200  # signed in


def test_an_invitation_works_only_once(manager_client, invitee, organisation):
    link = invite(manager_client, organisation)
    invitee.post(link, accept_data())
    other = invitee.__class__(headers={"accept-language": "en"})
    response = other.get(link)
    assert response.status_code == 410 and "already been used" in response.content.decode()
    assert other.post(link, accept_data(full_name="Second")).status_code == 410
    assert User.objects.filter(email="new.advisor@example.org").count() == 1


def test_an_invitation_expires_after_seven_days(manager_client, invitee, organisation):
    link = invite(manager_client, organisation)
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        response = invitee.post(link, accept_data())
    assert response.status_code == 410 and "has expired" in response.content.decode()
    assert not User.objects.filter(email="new.advisor@example.org").exists()


def test_a_new_link_replaces_the_old_one(manager_client, invitee, organisation):
    old_link = invite(manager_client, organisation)
    manager_client.post(reverse("members:invitation_resend", args=[Invitation.objects.get().pk]))
    assert Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True).count() == 1
    response = invitee.get(old_link)
    assert response.status_code == 410 and "replaced by a newer one" in response.content.decode()


def test_a_withdrawn_invitation_no_longer_works(manager_client, invitee, organisation):
    link = invite(manager_client, organisation)
    manager_client.post(reverse("members:invitation_withdraw", args=[Invitation.objects.get().pk]))
    assert invitee.get(link).status_code == 410


def test_an_invitation_opened_by_another_signed_in_account_is_refused(manager_client, invitee, organisation):
    link = invite(manager_client, organisation)
    invitee.force_login(UserFactory(email="someone.else@example.org"))
    response = invitee.get(link)
    assert response.status_code == 403 and "for another account" in response.content.decode()
    assert invitee.post(link, accept_data()).status_code == 403
    assert Invitation.objects.get().status == "pending"


def test_someone_with_an_account_signs_in_then_joins(manager_client, invitee, organisation):
    existing = UserFactory(email="known@example.org")
    link = invite(manager_client, organisation, email="known@example.org")
    page = invitee.get(link).content.decode()
    assert "sign in, then open the link again" in page
    assert invitee.post(link, accept_data()).status_code == 403  # nothing happens without signing in
    invitee.post(reverse("account_login"), {"login": "known@example.org", "password": DEFAULT_PASSWORD})
    assert invitee.post(link).status_code == 302
    assert Affiliation.objects.get().advisor.user == existing


def test_an_unknown_or_huge_token_is_a_404(client):
    assert client.get("/accounts/invitation/not-a-token/").status_code == 404
    assert client.get("/accounts/invitation/" + "x" * 2000 + "/").status_code == 404


def test_a_weak_or_mismatched_password_is_refused_and_nothing_created(manager_client, invitee, organisation):
    link = invite(manager_client, organisation)
    weak = invitee.post(link, accept_data(password1="short", password2="short"))
    assert weak.status_code == 400 and "too short" in weak.content.decode()
    mismatch = invitee.post(link, accept_data(password2=PASSWORD + "x"))
    assert mismatch.status_code == 400 and "The two passwords are different" in mismatch.content.decode()
    assert not User.objects.filter(email="new.advisor@example.org").exists()
    assert Invitation.objects.get().status == "pending"


def test_inviting_someone_already_in_the_organisation_is_refused(manager_client, invitee, organisation):
    link = invite(manager_client, organisation)
    invitee.post(link, accept_data())
    response = manager_client.post(
        reverse("members:invitation_create", args=[organisation.pk]),
        {"email": "new.advisor@example.org", "role": "advisor"},
    )
    assert response.status_code == 400 and "already works for" in response.content.decode()


def test_a_bad_invitation_form_shows_the_organisation_page_with_the_error(manager_client, organisation):
    response = manager_client.post(
        reverse("members:invitation_create", args=[organisation.pk]), {"email": "not an email", "role": "boss"}
    )
    body = response.content.decode()
    assert response.status_code == 400 and "Enter a valid email address" in body and organisation.name in body
    assert not Invitation.objects.exists()


def test_office_managers_cannot_invite(client, office_manager, organisation):
    client.force_login(office_manager)
    response = client.post(
        reverse("members:invitation_create", args=[organisation.pk]), {"email": "x@example.org", "role": "advisor"}
    )
    assert response.status_code == 403 and not Invitation.objects.exists()


def test_the_invitation_mail_comes_from_the_network_with_the_organisation(manager_client, organisation):
    invite(manager_client, organisation)
    message = OutboxMessage.objects.get()  # in the network's default language (French here)
    assert organisation.name in message.subject and "valable 7 jours" in message.body_text
    assert f"en tant que conseiller d'{organisation.name}." in message.body_text  # the role is translated, elided
