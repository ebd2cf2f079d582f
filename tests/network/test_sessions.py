"""The session store (network/sessions.py): Django's database store, read with one constant statement."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from network.sessions import SessionStore
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_project_uses_this_store():
    assert settings.SESSION_ENGINE == "network.sessions"


def test_a_saved_session_reads_back_and_an_expired_or_unknown_one_is_empty():
    saved = SessionStore()
    saved["answer"] = 42
    saved.save()
    assert SessionStore(saved.session_key).load() == {"answer": 42}

    Session.objects.filter(pk=saved.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    expired = SessionStore(saved.session_key)
    assert expired.load() == {} and expired.session_key is None

    for key in ("x" * 32, "short", None):
        unknown = SessionStore(key)
        assert unknown.load() == {} and unknown.session_key is None


def test_signing_in_and_out_go_through_the_store():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    assert client.get(reverse("network:dashboard")).wsgi_request.user == user
    key = client.session.session_key
    client.post(reverse("account_logout"))
    assert not Session.objects.filter(pk=key).exists()
    assert not client.get(reverse("network:dashboard")).wsgi_request.user.is_authenticated
