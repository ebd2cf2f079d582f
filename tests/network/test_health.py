from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_readyz_is_ok_when_database_and_broker_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_readyz_is_503_when_the_broker_is_down(client, settings):
    with mock.patch("network.views.system._broker_ok", return_value=False):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["broker"] == "down"


def test_readyz_really_notices_an_unreachable_redis(client):
    from config.celery_app import app

    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/readyz")
    finally:
        app.conf.broker_url = original
    assert response.status_code == 503


def test_healthz_and_readyz_are_503_when_the_database_is_down(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("db down")):
        assert client.get("/healthz").status_code == 503
        response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["database"] == "down"


def test_health_answers_leak_no_version(client):
    body = client.get("/readyz").content.decode().lower()
    for word in ("postgres", "redis", "django", "version", "celery"):
        assert word not in body
