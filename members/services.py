"""Use cases on member organisations, their services and conventions: transactional and audited."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from members.models import Convention, MemberOrganisation, Service
from network.audit import Public, log_action
from network.models import NetworkStaff, OutboxMessage
from network.outbox import outbox_enqueue_template

REMINDER_DAYS = (60, 30)  # within EXPIRY_WARNING_DAYS, when the convention shows as expiring


def _public_values(form, names):
    # Organisation data is public information about organisations, not personal data.
    values = {}
    for name in names:
        value = form.cleaned_data.get(name)
        if name in ("logo", "pdf"):
            continue
        if hasattr(value, "values_list"):
            value = sorted(str(item.pk) for item in value)
        values[name] = Public(value)
    return values


def organisation_save(*, form, by) -> MemberOrganisation:
    with transaction.atomic():
        creating = form.instance.pk is None
        organisation = form.save()
        log_action(
            actor=by,
            action="create" if creating else "update",
            obj=organisation,
            changed_fields=form.changed_data,
            values=_public_values(form, form.changed_data),
        )
    return organisation


def organisation_set_published(*, organisation: MemberOrganisation, published: bool, by) -> None:
    with transaction.atomic():
        organisation.is_published = published
        organisation.save(update_fields=["is_published", "updated_at"])
        log_action(
            actor=by,
            action="publish" if published else "unpublish",
            obj=organisation,
            changed_fields=["is_published"],
            values={"is_published": Public(published)},
        )


def service_save(*, form, organisation: MemberOrganisation, by) -> Service:
    with transaction.atomic():
        creating = form.instance.pk is None
        service = form.save(commit=False)
        service.organisation = organisation
        service.save()
        form.save_m2m()
        log_action(
            actor=by,
            action="create" if creating else "update",
            obj=service,
            changed_fields=form.changed_data,
            values=_public_values(form, [name for name in form.changed_data if name.startswith("title")]),
        )
    return service


def convention_record(*, form, organisation: MemberOrganisation, by) -> Convention:
    """Record a convention (a renewal is a new version: history is kept)."""
    with transaction.atomic():
        # Lock the organisation so two managers recording at once get versions n and n+1, not a clash.
        MemberOrganisation.objects.select_for_update().get(pk=organisation.pk)
        convention = form.save(commit=False)
        convention.organisation = organisation
        convention.version = (organisation.conventions.aggregate(last=Max("version"))["last"] or 0) + 1
        convention.save()
        log_action(
            actor=by,
            action="create",
            obj=convention,
            changed_fields=form.changed_data,
            values={
                "version": Public(convention.version),
                "valid_from": Public(convention.valid_from),
                "valid_until": Public(convention.valid_until),
            },
        )
    return convention


def _reminder_recipients(organisation) -> list[str]:
    """Network managers now; Members II adds the organisation's referents."""
    managers = NetworkStaff.objects.filter(
        role=NetworkStaff.Role.NETWORK_MANAGER, user__is_active=True
    ).select_related("user")
    return sorted({staff.user.email for staff in managers})


def convention_send_reminders(*, today=None) -> int:
    """Mail a reminder 60 and 30 days before a convention in force expires, once each (dedup key), unless it is
    already renewed. Idempotent: run it every day, or twice."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=max(REMINDER_DAYS))
    queued = 0
    expiring = (
        Convention.objects.in_force(today)
        .filter(valid_until__lte=horizon)
        .select_related("organisation")
        .order_by("valid_until", "pk")
    )
    for convention in expiring:
        renewed = convention.organisation.conventions.signed().filter(valid_until__gt=convention.valid_until).exists()
        if renewed:
            continue
        days_left = (convention.valid_until - today).days
        threshold = min(days for days in REMINDER_DAYS if days_left <= days)
        recipients = _reminder_recipients(convention.organisation)
        dedup_key = f"convention-expiry:{convention.pk}:{threshold}"
        if not recipients or OutboxMessage.objects.filter(dedup_key=dedup_key).exists():
            continue
        outbox_enqueue_template(
            dedup_key=dedup_key,
            to=recipients,
            template="convention_expiry",
            context={"convention": convention, "organisation": convention.organisation, "days_left": days_left},
        )
        queued += 1
    return queued
