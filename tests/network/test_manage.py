import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from PIL import Image

from network.models import Network, NetworkStaff, PrivacyNotice, User

pytestmark = pytest.mark.django_db

SETTINGS_URL = reverse("network:network_settings")
PRIVACY_URL = reverse("network:privacy_notices")


def settings_data(**overrides):
    data = {
        "name": "Growth Hub North",
        "short_name": "GHN",
        "primary_colour": "#1d4f91",
        "accent_colour": "#b8336a",
        "country": "GB",
        "region": "North East",
        "time_zone": "Europe/London",
        "contact_email": "hello@ghn.example",
    }
    data.update(overrides)
    return data


def png_bytes(size=(40, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_network_manager_updates_the_networks_identity(manager_client, network):
    response = manager_client.post(SETTINGS_URL, settings_data())
    assert response.status_code == 302
    network = Network.load()
    assert network.name == "Growth Hub North" and network.time_zone == "Europe/London"
    assert "Growth Hub North" in manager_client.get("/en/").content.decode()


def test_bad_settings_show_errors_and_change_nothing(manager_client, network):
    response = manager_client.post(
        SETTINGS_URL, settings_data(primary_colour="#ffff00", time_zone="Mars/Olympus", contact_email="nope")
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body and "too light" in body and "not a known time zone" in body
    network.refresh_from_db()
    assert network.name != "Growth Hub North"


def test_an_office_manager_cannot_change_the_networks_settings(client, office_manager, network):
    client.force_login(office_manager)
    assert client.get(SETTINGS_URL).status_code == 403
    assert client.post(SETTINGS_URL, settings_data()).status_code == 403
    network.refresh_from_db()
    assert network.name != "Growth Hub North"


def test_a_person_without_a_staff_role_gets_403_with_an_explanation(user_client):
    response = user_client.get(SETTINGS_URL)
    assert response.status_code == 403
    assert "Only network managers" in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(SETTINGS_URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_management_pages_refuse_other_methods(manager_client):
    assert manager_client.put(SETTINGS_URL).status_code == 405
    assert manager_client.delete(PRIVACY_URL).status_code == 405


def test_a_logo_is_accepted_only_as_a_real_image_and_is_re_encoded(manager_client, network):
    from django.core.files.uploadedfile import SimpleUploadedFile

    svg = SimpleUploadedFile("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")
    response = manager_client.post(SETTINGS_URL, {**settings_data(), "logo": svg})
    assert response.status_code == 400 and "not a PNG, JPEG or WebP image" in response.content.decode()

    png = SimpleUploadedFile("../../evil.png", png_bytes(), content_type="image/svg+xml")
    assert manager_client.post(SETTINGS_URL, {**settings_data(), "logo": png}).status_code == 302
    network.refresh_from_db()
    assert network.logo.name.startswith("network/") and network.logo.name.endswith(".png")
    assert "evil" not in network.logo.name and ".." not in network.logo.name
    assert Image.open(network.logo).format == "PNG"


def test_the_logo_is_served_by_the_application_and_shown_in_the_header(manager_client, client, network):
    from django.core.files.uploadedfile import SimpleUploadedFile

    assert client.get("/logo").status_code == 404  # none uploaded yet
    upload = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    manager_client.post(SETTINGS_URL, {**settings_data(), "logo": upload})
    response = client.get("/logo")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (40, 20)
    assert 'src="/logo?v=' in client.get("/en/").content.decode()


def test_publishing_a_privacy_notice_creates_the_next_version(manager_client):
    PrivacyNotice.objects.create(version=1, body_en="Old", body_fr="Ancien")
    response = manager_client.post(PRIVACY_URL, {"body_en": "New text", "body_fr": "Nouveau texte"})
    assert response.status_code == 302
    assert list(PrivacyNotice.objects.values_list("version", flat=True)) == [2, 1]
    assert "New text" in manager_client.get("/en/privacy/").content.decode()


def test_an_empty_privacy_notice_is_refused(manager_client):
    response = manager_client.post(PRIVACY_URL, {"body_en": "", "body_fr": ""})
    assert response.status_code == 400
    assert not PrivacyNotice.objects.exists()


def test_dashboard_offers_management_to_network_managers_only(manager_client, client, office_manager):
    assert SETTINGS_URL in manager_client.get("/extranet/").content.decode()
    client.force_login(office_manager)
    assert SETTINGS_URL not in client.get("/extranet/").content.decode()


def test_seed_demo_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (User.objects.count(), NetworkStaff.objects.count(), PrivacyNotice.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), NetworkStaff.objects.count(), PrivacyNotice.objects.count()) == counts
    assert NetworkStaff.objects.filter(role=NetworkStaff.Role.NETWORK_MANAGER).exists()
    assert Network.load().region == "Centre-Val de Loire"


def test_seed_demo_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="public password"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_settings_changes_are_audited_with_the_changed_fields(manager_client, network, network_manager):
    from network.models import AuditEntry

    manager_client.post(SETTINGS_URL, settings_data())
    entry = AuditEntry.objects.get()
    assert entry.actor_id == network_manager.pk and entry.action == "update"
    assert "name" in entry.changed_fields and entry.values["name"] == "Growth Hub North"
    assert "Growth Hub North" not in manager_client.get(SETTINGS_URL).content.decode().split("<form")[0]
    assert "Claire Martin" in manager_client.get(SETTINGS_URL).content.decode()  # the history names the editor


def test_publishing_a_privacy_notice_is_audited(manager_client):
    from network.models import AuditEntry

    manager_client.post(PRIVACY_URL, {"body_en": "Text", "body_fr": "Texte"})
    assert AuditEntry.objects.get().values == {"version": 1}
