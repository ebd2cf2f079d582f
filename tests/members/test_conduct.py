"""Advisors sign the code of conduct, a referent of their organisation countersigns; the gate (AZ-5, SE-4)."""

import hashlib
import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members.models import CodeOfConduct, CodeOfConductSignature
from members.perms import company_data_gate
from members.services import code_publish
from network.models import AuditEntry, OutboxMessage, User
from tests.factories import AffiliationFactory, ConventionFactory

pytestmark = pytest.mark.django_db

READ = reverse("members:conduct")


def browser(user):
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


@pytest.fixture
def code(network_manager):
    return code_publish(
        text_en="Share what you do. Respect companies.", text_fr="Partagez. Respectez.", by=network_manager
    )


@pytest.fixture
def organisation():
    return ConventionFactory().organisation


@pytest.fixture
def advisor(organisation):
    return AffiliationFactory(organisation=organisation, advisor__user__full_name="Léa Fournier").advisor


@pytest.fixture
def referent(organisation):
    return AffiliationFactory(organisation=organisation, referent=True, advisor__user__full_name="Marc Dubois").advisor


def gate(user):
    """The gate as the next request sees it (it is cached on the user object for one request)."""
    return company_data_gate(User.objects.get(pk=user.pk))


def sign(advisor):
    response = browser(advisor.user).post(READ)
    assert response.status_code == 302
    return CodeOfConductSignature.objects.get(advisor=advisor, code=CodeOfConduct.objects.current())


def countersign_link():
    body = OutboxMessage.objects.filter(dedup_key__startswith="countersign:").latest("created_at").body_text
    return re.search(r"https?://[^/\s]+(/extranet/code-of-conduct/countersign/[^/\s]+/)", body)[1]


def test_an_advisor_signs_and_a_referent_countersigns_then_the_gate_opens(code, advisor, referent):
    assert gate(advisor.user).missing == ("code_sign",)
    signature = sign(advisor)
    assert signature.language == "en" and signature.text_sha256 == hashlib.sha256(code.text_en.encode()).hexdigest()
    assert signature.signed_ip == "127.0.0.1"
    assert gate(advisor.user).missing == ("code_countersign",)
    link = countersign_link()
    referent_browser = browser(referent.user)
    page = referent_browser.get(link)
    assert page.status_code == 200 and "Léa Fournier" in page.content.decode()
    assert referent_browser.post(link).status_code == 302
    signature.refresh_from_db()
    assert signature.countersigned_by == referent.user and signature.countersigned_at is not None
    assert gate(advisor.user).open
    assert {"sign", "countersign"} <= set(AuditEntry.objects.values_list("action", flat=True))


def test_the_countersignature_request_goes_to_the_referents_only(code, advisor, referent, organisation):
    AffiliationFactory(organisation=organisation)  # another advisor: not asked
    sign(advisor)
    message = OutboxMessage.objects.get(dedup_key__startswith="countersign:")
    assert message.to == [referent.user.email]


def test_nobody_countersigns_their_own_signature(code, referent):
    signature = sign(referent)
    response = browser(referent.user).post(
        reverse("members:conduct_countersign", kwargs={"public_id": signature.public_id})
    )
    assert response.status_code == 409 and "cannot countersign your own signature" in response.content.decode()
    signature.refresh_from_db()
    assert signature.countersigned_at is None


def test_a_link_used_twice_or_for_an_old_version_gets_a_clear_page(code, advisor, referent, network_manager):
    sign(advisor)
    link = countersign_link()
    referent_browser = browser(referent.user)
    referent_browser.post(link)
    again = referent_browser.post(link)
    assert again.status_code == 409 and "already countersigned" in again.content.decode()
    other = AffiliationFactory(organisation=referent.affiliations.get().organisation).advisor
    old = CodeOfConductSignature.objects.create(
        advisor=other,
        code=code,
        organisation=other.affiliations.get().organisation,
        language="en",
        text_sha256="0" * 64,
    )
    code_publish(text_en="v2", text_fr="v2", by=network_manager)
    stale = referent_browser.get(reverse("members:conduct_countersign", kwargs={"public_id": old.public_id}))
    assert stale.status_code == 409 and "earlier version" in stale.content.decode()
    assert (
        referent_browser.post(reverse("members:conduct_countersign", kwargs={"public_id": old.public_id})).status_code
        == 409
    )


def test_the_wrong_person_opening_a_countersign_link_learns_nothing(code, advisor, referent):
    sign(advisor)
    stranger = AffiliationFactory(referent=True).advisor  # a referent of another organisation
    response = browser(stranger.user).get(countersign_link())
    assert response.status_code == 404 and "not for you" in response.content.decode()
    assert "Léa Fournier" not in response.content.decode()
    assert browser(stranger.user).post(countersign_link()).status_code == 404


def test_an_unknown_countersign_link_is_a_404(referent):
    url = reverse("members:conduct_countersign", kwargs={"public_id": "00000000-0000-0000-0000-000000000000"})
    assert browser(referent.user).get(url).status_code == 404


def test_signing_twice_or_without_an_organisation_is_refused(code, advisor, user):
    sign(advisor)
    response = browser(advisor.user).post(READ, follow=True)
    assert "already signed this version" in response.content.decode()
    response = browser(user).post(READ, follow=True)
    assert "Only advisors of a member organisation" in response.content.decode()
    assert CodeOfConductSignature.objects.count() == 1


def test_a_new_version_gates_everyone_again_until_they_resign(code, advisor, referent, network_manager):
    signature = sign(advisor)
    signature.countersigned_by, signature.countersigned_at = referent.user, timezone.now()
    signature.save()
    assert gate(advisor.user).open
    code_publish(text_en="New rules", text_fr="Nouvelles règles", by=network_manager)
    assert gate(advisor.user).missing == ("code_sign",)  # on the very next request
    assert CodeOfConductSignature.objects.filter(pk=signature.pk).exists()  # history kept


def test_a_lapsed_convention_closes_the_gate_with_the_explanation(code, advisor, referent, organisation):
    signature = sign(advisor)
    signature.countersigned_by, signature.countersigned_at = referent.user, timezone.now()
    signature.save()
    until = organisation.conventions.get().valid_until
    with time_machine.travel(timezone.now() + (until - timezone.localdate()) + timedelta(days=1)):
        assert gate(advisor.user).missing == ("convention",)
        page = browser(advisor.user).get(reverse("network:dashboard")).content.decode()
    assert "convention with the network is not in force" in page


def test_the_dashboard_explains_what_is_missing(code, advisor):
    page = browser(advisor.user).get(reverse("network:dashboard")).content.decode()
    assert "Before you can see and log company contacts" in page and "Read and sign it" in page


def test_network_staff_are_exempt_from_the_gate(network_manager, office_manager, code):
    assert gate(network_manager).open and gate(office_manager).open


def test_only_network_managers_publish_versions(office_manager, network_manager, code):
    assert browser(office_manager).get(reverse("members:conduct_versions")).status_code == 403
    manager_client = browser(network_manager)
    response = manager_client.post(reverse("members:conduct_versions"), {"text_en": "v2 text", "text_fr": "texte v2"})
    assert response.status_code == 302 and CodeOfConduct.objects.current().version == 2
    empty = manager_client.post(reverse("members:conduct_versions"), {"text_en": "", "text_fr": ""})
    assert empty.status_code == 400 and CodeOfConduct.objects.count() == 2


def test_the_code_page_shows_the_text_in_the_readers_language(code, advisor):
    advisor.user.preferred_language = "fr"
    advisor.user.save()
    assert "Partagez. Respectez." in browser(advisor.user).get(READ).content.decode()


def test_the_demo_has_one_login_per_gate_state(territories, settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo")
    states = {
        email: gate(User.objects.get(email=email))
        for email in ("advisor@demo.example", "advisor-nocode@demo.example", "referent@demo.example")
    }
    assert states["advisor@demo.example"].open and states["referent@demo.example"].open
    assert states["advisor-nocode@demo.example"].missing == ("code_countersign",)


def test_reminders_go_weekly_to_who_has_not_signed_and_to_referents_who_have_not_countersigned(
    code, advisor, referent, organisation, settings
):
    from members.services import conduct_send_reminders

    settings.SITE_URL = "https://portal.example.org"
    other = AffiliationFactory(organisation=organisation).advisor
    sign(other)  # signed now: its countersignature waits
    OutboxMessage.objects.all().delete()
    assert conduct_send_reminders(now=timezone.now() + timedelta(days=3)) == 0  # nobody waited a week yet
    in_eight_days = timezone.now() + timedelta(days=8)
    queued = conduct_send_reminders(now=in_eight_days)
    recipients = sorted(email for message in OutboxMessage.objects.all() for email in message.to)
    assert queued == 3  # the advisor and the referent have not signed; the referent has a countersignature to do
    assert recipients == sorted([advisor.user.email, referent.user.email, referent.user.email])
    assert "https://portal.example.org/extranet/code-of-conduct/" in "".join(
        OutboxMessage.objects.values_list("body_text", flat=True)
    )
    assert conduct_send_reminders(now=in_eight_days + timedelta(hours=5)) == 0  # once a week at most
    assert conduct_send_reminders(now=in_eight_days + timedelta(days=7)) == 3
