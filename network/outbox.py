"""The outbox: mail is written as rows in the caller's transaction and sent by a task.

``outbox_enqueue`` never talks to the broker directly: it asks for an immediate
relay on commit, and a failure to reach the broker is logged and ignored,
because the beat task ``relay_outbox`` picks up every pending row anyway.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from network.models import Network, OutboxMessage

logger = logging.getLogger(__name__)

BACKOFF_BASE_SECONDS = 60
BACKOFF_MAX_SECONDS = 6 * 60 * 60


def outbox_enqueue(
    *,
    dedup_key: str,
    to: list[str],
    subject: str,
    body_text: str,
    body_html: str = "",
    reply_to: list[str] | None = None,
) -> OutboxMessage:
    """Store a mail to send; enqueueing the same ``dedup_key`` twice returns the first row unchanged."""
    message, created = OutboxMessage.objects.get_or_create(
        dedup_key=dedup_key,
        defaults={
            "to": list(to),
            "reply_to": list(reply_to or []),
            "subject": subject.strip().replace("\n", " ")[:255],
            "body_text": body_text,
            "body_html": body_html,
        },
    )
    if created:
        transaction.on_commit(lambda: _request_delivery(message.pk))
    return message


def outbox_enqueue_template(
    *, dedup_key: str, to: list[str], template: str, context: dict, language: str | None = None, reply_to=None
) -> OutboxMessage:
    """Render ``emails/<template>_subject.txt``, ``_body.txt`` and ``_body.html`` in ``language`` and enqueue."""
    context = {"network": Network.load(), "site_url": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        body_text = render_to_string(f"emails/{template}_body.txt", context)
        body_html = render_to_string(f"emails/{template}_body.html", context)
    return outbox_enqueue(
        dedup_key=dedup_key, to=to, subject=subject, body_text=body_text, body_html=body_html, reply_to=reply_to
    )


def _request_delivery(message_id: int) -> None:
    from network.tasks import deliver_outbox_message

    try:
        deliver_outbox_message.delay(message_id)
    except Exception:  # the broker is down: the periodic relay will send it
        logger.warning("Broker unreachable; outbox message %s waits for the periodic relay", message_id)


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS))


def outbox_deliver(*, message_id: int) -> str:
    """Send one pending message if it is due. Safe to call twice: a sent message is never sent again."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=OutboxMessage.Status.PENDING)
            .first()
        )
        if message is None:
            return "skipped"
        network = Network.load()
        from_email = f"{network.name} <{settings.DEFAULT_FROM_EMAIL}>"
        mail = EmailMultiAlternatives(
            subject=message.subject,
            body=message.body_text,
            from_email=from_email,
            to=message.to,
            reply_to=message.reply_to or None,
        )
        if message.body_html:
            mail.attach_alternative(message.body_html, "text/html")
        message.attempts += 1
        try:
            mail.send()
        except Exception as exc:
            message.last_error = f"{type(exc).__name__}: {exc}"[:500]
            if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                message.status = OutboxMessage.Status.FAILED
                logger.error("Outbox message %s failed for good after %s attempts", message.pk, message.attempts)
            else:
                message.next_attempt_at = timezone.now() + _backoff(message.attempts)
                logger.warning("Outbox message %s not sent (attempt %s), retrying later", message.pk, message.attempts)
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return "retry"
        message.status = OutboxMessage.Status.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["attempts", "last_error", "status", "sent_at"])
        return "sent"


def outbox_due_ids(limit: int = 200) -> list[int]:
    return list(
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )


def outbox_purge_sent() -> int:
    """Delete sent messages older than ``OUTBOX_RETENTION_DAYS``: they hold links and personal data."""
    horizon = timezone.now() - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    deleted, _ = OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT, sent_at__lt=horizon).delete()
    return deleted
