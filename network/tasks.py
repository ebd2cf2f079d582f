"""Celery tasks of the network app: thin wrappers that take ids and call services."""

from celery import shared_task
from django.conf import settings

from network import audit, outbox, throttling


@shared_task(time_limit=60, soft_time_limit=50, max_retries=0)
def deliver_outbox_message(message_id: int) -> str:
    return outbox.outbox_deliver(message_id=message_id)


@shared_task(time_limit=240, soft_time_limit=220, max_retries=0)
def relay_outbox() -> int:
    """Send every pending message that is due (the safety net behind ``deliver_outbox_message``)."""
    sent = 0
    for message_id in outbox.outbox_due_ids():
        if outbox.outbox_deliver(message_id=message_id) == "sent":
            sent += 1
    return sent


@shared_task(time_limit=240, soft_time_limit=220, max_retries=0)
def purge_sent_outbox() -> int:
    return outbox.outbox_purge_sent()


@shared_task(time_limit=600, soft_time_limit=570, max_retries=0)
def purge_audit_logs() -> int:
    """Access log after ACCESS_LOG_RETENTION_DAYS (12 months), change history after AUDIT_RETENTION_DAYS."""
    return audit.purge_access_log(older_than_days=settings.ACCESS_LOG_RETENTION_DAYS) + audit.purge_audit(
        older_than_days=settings.AUDIT_RETENTION_DAYS
    )


@shared_task(time_limit=120, soft_time_limit=100, max_retries=0)
def purge_login_failures() -> int:
    return throttling.purge_old_failures()


@shared_task(time_limit=10, soft_time_limit=8, max_retries=0)
def ping() -> str:
    """Answers "pong": lets /readyz-style checks and the integration test see a worker complete a task."""
    return "pong"
