"""With MFA_REQUIRED on, no extranet or management page opens before a second factor is set up (AU-4)."""

import os
import subprocess
import sys

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import override_settings
from django.urls import reverse

from network.registries import Access, collect
from tests.urlwalk import path_for, reversible_entries, with_access

pytestmark = pytest.mark.django_db

REGISTRIES = collect()
GUARDED = [
    entry
    for entry in with_access(reversible_entries(), REGISTRIES, Access.AUTHENTICATED, Access.ROLE, Access.OBJECT)
    if path_for(entry).startswith(("/extranet/", "/manage/"))
]


@override_settings(MFA_REQUIRED=True)
@pytest.mark.parametrize("entry", GUARDED, ids=lambda entry: entry.name)
def test_every_extranet_page_sends_an_account_without_a_second_factor_to_set_one_up(entry, manager_client):
    response = manager_client.get(path_for(entry))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@override_settings(MFA_REQUIRED=True)
@pytest.mark.parametrize("name", ["mfa_activate_totp", "mfa_index", "account_change_password", "account_logout"])
def test_the_account_pages_stay_open_to_set_it_up(manager_client, name):
    response = manager_client.get(reverse(name))
    # Open, or sent on to another account page (allauth may ask to confirm the password first): never a loop.
    assert response.status_code == 200 or response["Location"].startswith("/accounts/")


@override_settings(MFA_REQUIRED=True)
def test_with_a_second_factor_the_extranet_opens(manager_client, network_manager):
    TOTP.activate(network_manager, generate_totp_secret())
    assert manager_client.get(reverse("network:dashboard")).status_code == 200


def test_public_pages_never_ask_for_a_second_factor(client):
    with override_settings(MFA_REQUIRED=True):
        assert client.get("/en/").status_code == 200


def test_production_requires_a_second_factor_by_default_and_development_does_not(settings):
    def mfa_required(module):
        env = {"PATH": os.environ["PATH"], "SECRET_KEY": "x" * 60, "HOME": os.environ.get("HOME", "/tmp")}
        script = f"import {module} as s; print(s.MFA_REQUIRED)"
        result = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True, cwd=settings.BASE_DIR
        )
        return result.stdout.strip()

    assert mfa_required("config.settings.base") == "True"
    assert mfa_required("config.settings.dev") == "False"
