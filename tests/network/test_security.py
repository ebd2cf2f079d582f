"""Generated and explicit checks of SECURITY.md rows that hold for every page (CF, IN, HD, AU-8)."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.test import Client, override_settings

from config.celery_app import app as celery_app
from network.auth_pathways import AUTH_PATHWAYS
from network.checks import check_production_services
from tests.urlwalk import script_problems, url_entries

pytestmark = pytest.mark.django_db


PUBLIC_GET = ["/en/", "/fr/", "/en/legal-notice/", "/en/contact/", "/accounts/login/", "/healthz", "/theme.css"]


@pytest.mark.parametrize("path", PUBLIC_GET)
def test_security_headers_are_set_on_public_pages(client, path):
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Permissions-Policy"] == settings.PERMISSIONS_POLICY
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_a_form_sent_without_its_token_gets_an_explanation_in_the_site_layout():
    client = Client(enforce_csrf_checks=True, headers={"accept-language": "en"})
    response = client.post("/accounts/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "The form has expired" in body and "Nothing was saved" in body and 'id="main"' in body


def test_security_headers_are_set_on_error_pages(client):
    response = client.get("/en/nowhere/")
    assert response.status_code == 404
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_signed_in_pages_are_never_cached(user_client):
    response = user_client.get("/extranet/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


@pytest.mark.parametrize(
    "path", ["/en/", "/fr/contact/", "/accounts/login/", "/accounts/password/reset/", "/extranet/"]
)
def test_pages_have_no_inline_script_or_event_handler(client, user, path):
    if path.startswith("/extranet/"):
        client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    assert script_problems(response.content.decode()) == []


# --- Open redirects (IN-7) ------------------------------------------------------------------------------------------

EVIL = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example"]


@pytest.mark.parametrize("target", EVIL)
def test_sign_in_ignores_an_external_next(client, user, target):
    from tests.factories import DEFAULT_PASSWORD

    response = client.post(f"/accounts/login/?next={target}", {"login": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


@pytest.mark.parametrize("target", EVIL)
def test_language_switch_ignores_an_external_next(client, target):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": target})
    assert "evil.example" not in response.get("Location", "")


# --- Request limits (IN-8) ------------------------------------------------------------------------------------------


def test_too_many_fields_is_a_400_not_a_500(client):
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 1000
    response = client.post("/accounts/login/", {f"f{i}": "x" for i in range(1001)})
    assert response.status_code == 400


def test_an_oversized_body_is_a_400_not_a_500(client):
    response = client.post("/accounts/login/", {"login": "a@example.org", "password": "x" * 2_700_000})
    assert response.status_code == 400


# --- Configuration (CF) ---------------------------------------------------------------------------------------------


def test_no_security_check_is_silenced():
    assert not [check for check in settings.SILENCED_SYSTEM_CHECKS if check.startswith("security.")]


def test_no_debug_app_and_no_debug_in_tests_or_production():
    assert not settings.DEBUG
    assert not {"debug_toolbar", "django_extensions"} & set(settings.INSTALLED_APPS)


@pytest.mark.urls("tests.network.urls_boom")
def test_the_500_page_shows_no_traceback_or_setting(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    assert "Traceback" not in body and "SECRET_KEY" not in body and "boom-secret" not in body


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings.base", "DEBUG": "false"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize(
    ("overrides", "error_id"),
    [
        ({"CELERY_BROKER_URL": "redis://redis:6379/0"}, "network.E001"),
        ({"REDIS_URL": "redis://cache:6379/1"}, "network.E001"),
        ({"ALLOWED_HOSTS": ["*"]}, "network.E002"),
        ({"SITE_URL": "http://portal.example.org"}, "network.E005"),
        ({"SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"), "BEHIND_PROXY": False}, "network.E003"),
    ],
)
def test_deployment_check_catches_unsafe_services(overrides, error_id):
    with override_settings(**overrides):
        assert error_id in {error.id for error in check_production_services(None)}


def test_deployment_check_accepts_protected_redis_and_an_https_site_url():
    with override_settings(
        CELERY_BROKER_URL="redis://:s3cret@redis:6379/0",
        REDIS_URL="redis+socket:///run/r.sock",
        SITE_URL="https://portal.example.org",
    ):
        assert check_production_services(None) == []


def test_system_checks_pass():
    assert [str(message) for message in run_checks() if message.is_serious()] == []


def test_celery_accepts_json_only_and_is_configured_for_reliability():
    conf = celery_app.conf
    assert conf.accept_content == ["json"]
    assert conf.task_serializer == "json"
    assert conf.task_acks_late and conf.task_reject_on_worker_lost
    assert conf.worker_prefetch_multiplier == 1
    task_limits = [task.time_limit for name, task in celery_app.tasks.items() if not name.startswith("celery.")]
    assert all(task_limits), "every task sets time_limit"
    assert conf.broker_transport_options["visibility_timeout"] >= 2 * max(task_limits + [conf.task_time_limit])
    for name, task in celery_app.tasks.items():
        if not name.startswith("celery."):
            assert task.max_retries is not None and task.max_retries <= 10, name


# --- Authentication pathways (AU-8) ---------------------------------------------------------------------------------


def test_every_authentication_url_is_a_documented_pathway():
    auth_names = {
        entry.name if entry.name.startswith("members:") else entry.pattern.name  # the invitation link's app
        for entry in url_entries()
        if entry.pattern.name
        and (":" not in entry.name or entry.route == "admin/login/" or entry.route.startswith("accounts/"))
        and (
            entry.pattern.name.startswith(("account_", "mfa_", "socialaccount_"))
            or "login" in entry.route
            or entry.route.startswith("accounts/")
        )
    }
    new, gone = sorted(auth_names - AUTH_PATHWAYS), sorted(AUTH_PATHWAYS - auth_names)
    assert not new, f"Ways into an account missing from network/auth_pathways.py (say how each is guarded): {new}"
    assert not gone, f"network/auth_pathways.py lists URL names that no longer exist: {gone}"


def test_static_files_and_the_500_page_carry_the_security_headers(client):
    static = client.get("/static/css/portal.css")
    static.close()
    assert static.status_code == 200
    assert static["X-Content-Type-Options"] == "nosniff" and static["Referrer-Policy"] == "same-origin"
    assert static["X-Frame-Options"] == "DENY"


@pytest.mark.urls("tests.network.urls_boom")
def test_the_500_page_carries_the_security_headers(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
