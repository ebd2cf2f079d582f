"""The audit trail: who changed what (``log_action``) and who looked at which personal data (``log_access``).

Both tables are append-only. A database trigger (migration 0004) refuses UPDATE and DELETE, so the purge
functions below are the only way rows ever go away, and nothing can rewrite history.

Values are never stored in clear: ``log_action`` keeps a keyed hash of each value (enough to tell that a field
changed, or to check a value someone already knows), unless the caller vouches that the value is not personal
data by wrapping it in ``Public`` (a status, an office name, a commune code). After an erasure the rows only
hold pseudonymous ids and hashes, so a dump of the database no longer contains the person (PR-4).
"""

import json
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.crypto import salted_hmac

from network.models import AccessLog, AuditEntry

HMAC_PREFIX = "hmac:"
HMAC_LENGTH = 16
# Domain separation: the HMAC key is derived from SECRET_KEY and this salt, so these hashes can never be
# confused with (or replayed as) any other signature the project makes with SECRET_KEY.
_HMAC_SALT = "network.audit:"

# Retention periods are settings (ACCESS_LOG_RETENTION_DAYS, AUDIT_RETENTION_DAYS): the beat task passes them in.
_PURGE_BATCH = 10_000


class Public:
    """Marks a value as non-personal, so ``log_action`` stores it as it is (a status, an office name, a code).

    Never wrap a name, an email address, a phone number or free text: those are stored as keyed hashes.
    """

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __repr__(self):
        return f"Public({self.value!r})"

    def __eq__(self, other):
        return isinstance(other, Public) and other.value == self.value

    def __hash__(self):
        return hash(("Public", repr(self.value)))


class _AuditEncoder(DjangoJSONEncoder):
    """Dates, decimals and UUIDs as Django encodes them; model instances by pk, files by name, sets sorted."""

    def default(self, o):
        if isinstance(o, models.Model):
            return o.pk
        if isinstance(o, FieldFile):
            return o.name or None
        if isinstance(o, set | frozenset):
            return sorted(o, key=repr)
        return super().default(o)


def _canonical(value) -> str:
    return json.dumps(value, cls=_AuditEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def hmac_value(value) -> str | None:
    """``"hmac:"`` + 16 hex chars of HMAC-SHA256 over the value's canonical JSON, keyed from SECRET_KEY.

    Deterministic for a given SECRET_KEY (the same value always gives the same hash, so a change shows), not
    reversible without the key. ``None`` stays ``None``.
    """
    if value is None:
        return None
    digest = salted_hmac(_HMAC_SALT, _canonical(value), algorithm="sha256").hexdigest()
    return HMAC_PREFIX + digest[:HMAC_LENGTH]


def _stored_value(value):
    if isinstance(value, Public):
        return None if value.value is None else json.loads(_canonical(value.value))
    return hmac_value(value)


def _object_key(obj) -> tuple[ContentType, str]:
    if obj.pk is None:
        # Django clears the pk after delete(): log a deletion before calling obj.delete().
        raise ValueError(f"Cannot audit an unsaved {type(obj).__name__} (log a deletion before deleting).")
    return ContentType.objects.get_for_model(obj), str(obj.pk)


def log_action(*, actor, action: str, obj, changed_fields=(), values: dict | None = None) -> AuditEntry:
    """Record that ``actor`` (a user, or None for the system) did ``action`` to ``obj``.

    ``changed_fields`` lists field names; ``values`` maps field names to their new values, each stored as a keyed
    hash unless wrapped in ``Public``. Only the actor's id is kept. Call it inside the service's
    ``transaction.atomic()`` so the entry is written with the change or not at all.
    """
    content_type, object_id = _object_key(obj)
    return AuditEntry.objects.create(
        actor_id=getattr(actor, "pk", None),
        action=action,
        content_type=content_type,
        object_id=object_id,
        changed_fields=[str(name) for name in changed_fields],
        values={str(name): _stored_value(value) for name, value in (values or {}).items()},
    )


def changes(before: dict, after: dict, *, public=()) -> tuple[list[str], dict]:
    """Compare two snapshots (``model_to_dict``-like) and return the changed field names and their new values.

    Field names come in the order of ``after``, then those only in ``before`` (their new value is None). Fields
    named in ``public`` have their value wrapped in ``Public``. Pass the result straight to ``log_action``.
    """
    names = list(after) + [name for name in before if name not in after]
    changed = [name for name in names if before.get(name) != after.get(name)]
    public = set(public)
    values = {name: Public(after.get(name)) if name in public else after.get(name) for name in changed}
    return changed, values


def log_access(*, actor, action: str, obj=None, content_type=None, object_id="", detail=None) -> AccessLog:
    """Record that ``actor`` viewed or exported personal data: one object (``obj``) or a list (``content_type``).

    ``content_type`` is a ``ContentType`` or a model class, for an export or a search that covers many rows.
    ``detail`` is stored as it is, so it must never hold personal data: counts, filter names, a format
    (``{"rows": 120, "format": "csv"}``), never a name, an email address or a search term typed by the user.
    """
    if obj is not None:
        content_type, object_id = _object_key(obj)
    elif content_type is None:
        raise ValueError("log_access needs an object or a content type.")
    elif not isinstance(content_type, ContentType):
        content_type = ContentType.objects.get_for_model(content_type)
    return AccessLog.objects.create(
        actor_id=getattr(actor, "pk", None),
        action=action,
        content_type=content_type,
        object_id=str(object_id),
        detail=detail or {},
    )


def audit_history(obj, limit=50):
    """The last ``limit`` entries about ``obj``, newest first, with their actor (None once the account is gone)."""
    content_type, object_id = _object_key(obj)
    return (
        AuditEntry.objects.filter(content_type=content_type, object_id=object_id)
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )


def _purge(model, older_than_days: int) -> int:
    if older_than_days < 0:
        raise ValueError("older_than_days must not be negative.")
    horizon = timezone.now() - timedelta(days=older_than_days)
    old = model.objects.filter(created_at__lt=horizon)
    deleted = 0
    while True:
        # Batches keep each transaction (and its row locks) short on a large table.
        with transaction.atomic():
            ids = list(old.order_by("id").values_list("id", flat=True)[:_PURGE_BATCH])
            if not ids:
                return deleted
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL network.audit_purge = 'on'")
                count, _by_model = model.objects.filter(id__in=ids).delete()
                # SET LOCAL lasts until the end of the outermost transaction: close the door again at once,
                # in case the caller is itself inside atomic(). On an error the rollback resets it anyway.
                cursor.execute("SET LOCAL network.audit_purge = 'off'")
            deleted += count


def purge_audit(*, older_than_days: int) -> int:
    """Delete change-history entries older than ``older_than_days``; return how many went."""
    return _purge(AuditEntry, older_than_days)


def purge_access_log(*, older_than_days: int) -> int:
    """Delete access-log entries older than ``older_than_days``; return how many went."""
    return _purge(AccessLog, older_than_days)
