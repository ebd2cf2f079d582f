"""RE-8: with the broker down, a request that sends mail still answers at once and the mail waits in the outbox
(pending rows) until the relay sends it once the broker is back (SECURITY.md RE-5)."""

import logging
import time

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from network import tasks
from network.models import OutboxMessage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def request_a_reset(client, person, capture):
    """POST the reset form and run its on-commit "send now" against the dead broker, as a real request would."""
    started = time.perf_counter()
    with capture(execute=True) as callbacks:
        response = client.post(reverse("account_reset_password"), {"email": person.email})
    assert response.status_code == 302 and len(callbacks) == 1
    return time.perf_counter() - started


def test_mail_accumulates_in_the_outbox_while_the_broker_is_down(django_capture_on_commit_callbacks, caplog):
    people = UserFactory.create_batch(3)
    client = Client(headers={"accept-language": "en"})
    with caplog.at_level(logging.WARNING, logger="network.outbox"):
        durations = [request_a_reset(client, person, django_capture_on_commit_callbacks) for person in people]
    # The first request also loads templates and Celery's machinery. Kombu's default publish retries would add
    # 0.6 s to every one of them (CELERY_TASK_PUBLISH_RETRY_POLICY in settings.py).
    assert durations[0] < 1 and max(durations[1:]) < 0.3, durations

    pending = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
    assert sorted(address for message in pending for address in message.to) == sorted(p.email for p in people)
    assert mail.outbox == []
    assert sum("Broker unreachable" in record.getMessage() for record in caplog.records) == 3

    assert tasks.relay_outbox() == 3  # what the beat task does once the broker is back
    assert not OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).exists()
    assert len(mail.outbox) == 3
