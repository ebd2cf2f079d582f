from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from network import outbox, tasks
from network.models import OutboxMessage

pytestmark = pytest.mark.django_db


def enqueue(key="greeting:1"):
    return outbox.outbox_enqueue(dedup_key=key, to=["a@example.org"], subject="Hello", body_text="Body")


def test_a_write_succeeds_and_the_mail_waits_when_the_broker_is_down(django_capture_on_commit_callbacks):
    with mock.patch.object(tasks.deliver_outbox_message, "delay", side_effect=ConnectionError("broker down")):
        with django_capture_on_commit_callbacks(execute=True):
            with transaction.atomic():
                enqueue()
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.PENDING and mail.outbox == []
    assert tasks.relay_outbox() == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT and len(mail.outbox) == 1


def test_the_mail_is_not_stored_when_the_change_rolls_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue()
        raise RuntimeError("the change failed")
    assert not OutboxMessage.objects.exists()


def test_the_same_notification_enqueued_twice_is_sent_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, second = enqueue(), enqueue()
    assert first.pk == second.pk
    tasks.relay_outbox()
    tasks.deliver_outbox_message(first.pk)
    assert len(mail.outbox) == 1


def test_a_failed_send_is_retried_later_with_growing_delays(settings):
    message = enqueue()
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("smtp down")):
        assert outbox.outbox_deliver(message_id=message.pk) == "retry"
        message.refresh_from_db()
        first_delay = message.next_attempt_at - timezone.now()
        assert tasks.relay_outbox() == 0  # not due yet
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        outbox.outbox_deliver(message_id=message.pk)
    message.refresh_from_db()
    assert message.attempts == 2 and message.status == OutboxMessage.Status.PENDING
    assert message.next_attempt_at - timezone.now() > first_delay
    assert "smtp down" in message.last_error


def test_a_message_is_given_up_after_the_maximum_attempts(settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    message = enqueue()
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("smtp down")):
        outbox.outbox_deliver(message_id=message.pk)
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
        outbox.outbox_deliver(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED


def test_mail_comes_from_the_network(network):
    network.name = "Growth Hub North"
    network.save()
    tasks.deliver_outbox_message(enqueue().pk)
    assert mail.outbox[0].from_email.startswith("Growth Hub North <")


@pytest.mark.parametrize(
    "task_name", ["relay_outbox", "purge_login_failures", "purge_sent_outbox", "purge_audit_logs"]
)
def test_periodic_tasks_can_run_twice_with_the_same_result(task_name):
    enqueue()
    task = getattr(tasks, task_name)
    task()
    sent_after_first = len(mail.outbox)
    task()
    assert len(mail.outbox) == sent_after_first


def test_sent_mail_is_deleted_after_the_retention_period_and_failed_mail_is_kept(settings):
    settings.OUTBOX_RETENTION_DAYS = 30
    old, recent, failed = enqueue("old"), enqueue("recent"), enqueue("failed")
    OutboxMessage.objects.filter(pk=old.pk).update(status="sent", sent_at=timezone.now() - timedelta(days=31))
    OutboxMessage.objects.filter(pk=recent.pk).update(status="sent", sent_at=timezone.now() - timedelta(days=29))
    OutboxMessage.objects.filter(pk=failed.pk).update(status="failed")
    assert tasks.purge_sent_outbox() == 1
    assert set(OutboxMessage.objects.values_list("dedup_key", flat=True)) == {"recent", "failed"}
