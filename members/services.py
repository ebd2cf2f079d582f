"""Use cases on member organisations, their services and conventions: transactional and audited."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Advisor, Affiliation, Convention, Invitation, MemberOrganisation, Service
from network.audit import Public, log_action
from network.models import NetworkStaff, OutboxMessage, User
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


# --- Invitations ----------------------------------------------------------------------------------------------------


class InvitationError(Exception):
    """The invitation cannot be sent or accepted; the message is safe to show."""


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_find(token: str) -> Invitation | None:
    if not token or len(token) > 100:
        return None
    return Invitation.objects.select_related("organisation").filter(token_hash=_token_hash(token)).first()


def invitation_send(*, organisation: MemberOrganisation, email: str, role: str, by, accept_url) -> Invitation:
    """Invite ``email`` to join ``organisation`` with ``role``; a pending invitation to the same address and
    organisation is replaced (the old link stops working). ``accept_url(token)`` builds the link for the mail."""
    email = email.strip().lower()
    if Affiliation.objects.current().filter(organisation=organisation, advisor__user__email=email).exists():
        raise InvitationError(
            _("%(email)s already works for %(name)s in the extranet.") % {"email": email, "name": organisation.name}
        )
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        now = timezone.now()
        Invitation.objects.select_for_update().filter(
            organisation=organisation, email=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now, updated_at=now)
        invitation = Invitation.objects.create(
            email=email, organisation=organisation, role=role, token_hash=_token_hash(token), invited_by=by
        )
        log_action(
            actor=by,
            action="invite",
            obj=invitation,
            values={"email": email, "organisation": Public(organisation.pk), "role": Public(role)},
        )
        outbox_enqueue_template(
            dedup_key=f"invitation:{invitation.pk}",
            to=[email],
            template="invitation",
            context={
                "invitation": invitation,
                "organisation": organisation,
                "inviter": by,
                "accept_url": accept_url(token),
            },
        )
    invitation.token = token  # in memory only, for the caller (the database keeps the hash)
    return invitation


def invitation_revoke(*, invitation: Invitation, by) -> None:
    if invitation.status != Invitation.Status.PENDING:
        raise InvitationError(_("Only a pending invitation can be revoked."))
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at", "updated_at"])
        log_action(actor=by, action="revoke", obj=invitation)


def invitation_accept(*, invitation: Invitation, user=None, full_name="", password="", language="") -> User:
    """Use the invitation: create the account (or use ``user``, signed in with the invited address), the advisor
    profile and the affiliation. Single use: the row is locked, so a second use, even at the same moment, fails."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.status != Invitation.Status.PENDING:
            raise InvitationError(_("This invitation has already been used, has expired or was withdrawn."))
        if user is None:
            if User.objects.filter(email__iexact=locked.email).exists():
                raise InvitationError(_("An account already exists for this address: sign in to accept."))
            user = User.objects.create_user(
                email=locked.email,
                password=password,
                full_name=full_name,
                preferred_language=language or settings.LANGUAGE_CODE,
            )
        elif user.email.lower() != locked.email:
            raise InvitationError(_("This invitation is for another email address."))
        advisor, _created = Advisor.objects.get_or_create(user=user)
        Affiliation.objects.get_or_create(
            advisor=advisor, organisation=locked.organisation, ended_on=None, defaults={"role": locked.role}
        )
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
        log_action(actor=user, action="accept", obj=locked)
    return user
