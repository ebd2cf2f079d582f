"""Sessions (Django's database store): signing in and out, and a session that has expired signs the person out."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_signing_in_keeps_the_person_signed_in_and_signing_out_ends_the_session():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    assert client.get(reverse("network:dashboard")).wsgi_request.user == user
    key = client.session.session_key
    client.post(reverse("account_logout"))
    assert not Session.objects.filter(pk=key).exists()
    assert not client.get(reverse("network:dashboard")).wsgi_request.user.is_authenticated


def test_an_expired_session_signs_the_person_out():
    client = Client()
    client.force_login(UserFactory())
    Session.objects.filter(pk=client.session.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("network:dashboard"))
    assert response.status_code == 302 and not response.wsgi_request.user.is_authenticated


def test_an_unknown_session_key_is_an_anonymous_visitor():
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    assert not client.get(reverse("network:dashboard")).wsgi_request.user.is_authenticated
