"""Use cases on member organisations, their services and conventions: transactional and audited."""

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members import perms
from members.models import (
    Advisor,
    Affiliation,
    CodeOfConduct,
    CodeOfConductSignature,
    Convention,
    Invitation,
    MemberOrganisation,
    Service,
)
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
    """The network managers and the organisation's referents."""
    managers = NetworkStaff.objects.filter(
        role=NetworkStaff.Role.NETWORK_MANAGER, user__is_active=True
    ).select_related("user")
    return sorted({staff.user.email for staff in managers} | set(_referent_emails(organisation, except_user=None)))


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


def invitation_send_many(*, organisation: MemberOrganisation, invitees, by, accept_url) -> list[Invitation]:
    """Invite several people to ``organisation`` at once (the CSV upload): ``invitees`` are (email, role) pairs.
    One transaction: every invitation is recorded with its mail in the outbox, or none is (an InvitationError, e.g.
    someone joined the organisation since the preview, stops them all). Pending invitations are replaced, as one by
    one."""
    with transaction.atomic():
        return [
            invitation_send(organisation=organisation, email=email, role=role, by=by, accept_url=accept_url)
            for email, role in invitees
        ]


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


# --- Code of conduct ------------------------------------------------------------------------------------------------


class ConductError(Exception):
    """A signature or countersignature is refused; the message is safe to show."""


def code_publish(*, text_en: str, text_fr: str, by) -> CodeOfConduct:
    """Publish a new version: from now on everyone signs this one (earlier signatures stay as history)."""
    with transaction.atomic():
        last = CodeOfConduct.objects.select_for_update().order_by("-version").first()
        code = CodeOfConduct.objects.create(
            version=(last.version if last else 0) + 1, text_en=text_en, text_fr=text_fr, published_at=timezone.now()
        )
        log_action(actor=by, action="publish", obj=code, values={"version": Public(code.version)})
    return code


def signature_status(advisor: Advisor | None, current: CodeOfConduct | None = None) -> str:
    """``none`` (nothing to sign), ``unsigned``, ``awaiting`` (countersignature), ``valid`` or ``outdated``."""
    current = current if current is not None else CodeOfConduct.objects.current()
    if current is None:
        return "none"
    if advisor is None:
        return "unsigned"
    signatures = advisor.signatures.order_by("-code__version")
    latest = signatures.first()
    if latest is None:
        return "unsigned"
    if latest.code_id != current.pk:
        return "outdated"
    return "valid" if latest.countersigned_at else "awaiting"


def _referent_emails(organisation, *, except_user) -> list[str]:
    return sorted(
        Affiliation.objects.current()
        .filter(organisation=organisation, role=Affiliation.Role.REFERENT, advisor__user__is_active=True)
        .exclude(advisor__user=except_user)
        .values_list("advisor__user__email", flat=True)
    )


def code_sign(
    *, advisor: Advisor, organisation, language: str, ip: str | None, countersign_url
) -> CodeOfConductSignature:
    """The advisor signs the current version in ``language``; the referents of ``organisation`` are asked, by mail,
    to countersign (``countersign_url(signature)`` builds the link)."""
    with transaction.atomic():
        current = CodeOfConduct.objects.current()
        if current is None:
            raise ConductError(_("The network has not published its code of conduct yet."))
        if not Affiliation.objects.current().filter(advisor=advisor, organisation=organisation).exists():
            raise ConductError(_("You sign for an organisation you work for."))
        if advisor.signatures.filter(code=current).exists():
            raise ConductError(_("You have already signed this version."))
        signature = CodeOfConductSignature.recorded(
            advisor=advisor, code=current, organisation=organisation, language=language, signed_ip=ip
        )
        signature.save()
        log_action(actor=advisor.user, action="sign", obj=signature, values={"version": Public(current.version)})
        recipients = _referent_emails(organisation, except_user=advisor.user)
        if recipients:
            outbox_enqueue_template(
                dedup_key=f"countersign:{signature.pk}",
                to=recipients,
                template="countersign_request",
                context={"signature": signature, "advisor": advisor, "countersign_url": countersign_url(signature)},
            )
    return signature


def countersign_problem(signature: CodeOfConductSignature, *, by) -> str | None:
    """Why ``by`` cannot countersign ``signature`` now (a message safe to show), or None when they can: the page
    says it before the button, the service checks it again under lock."""
    if signature.countersigned_at:
        return _("This signature is already countersigned.")
    if signature.advisor.user_id == by.pk:
        return _("You cannot countersign your own signature: another referent of your organisation does.")
    current = CodeOfConduct.objects.current()
    if current is None or signature.code_id != current.pk:
        return _("This signature is for an earlier version of the code of conduct: nothing to countersign.")
    if not perms.can_countersign(by, signature):
        return _("Only a referent of the signer's organisation can countersign.")
    return None


def code_countersign(*, signature: CodeOfConductSignature, by, ip: str | None) -> None:
    with transaction.atomic():
        signature = (
            CodeOfConductSignature.objects.select_for_update()
            .select_related("advisor__user", "code")
            .get(pk=signature.pk)
        )
        problem = countersign_problem(signature, by=by)
        if problem:
            raise ConductError(problem)
        signature.countersigned_by = by
        signature.countersigned_at = timezone.now()
        signature.countersigned_ip = ip
        signature.save(update_fields=["countersigned_by", "countersigned_at", "countersigned_ip", "updated_at"])
        log_action(actor=by, action="countersign", obj=signature)


# --- Accounts of people ---------------------------------------------------------------------------------------------


class AccountError(Exception):
    """An account action is refused; the message is safe to show."""


def user_deactivate(*, user, by) -> int:
    """Close the account at once: it can no longer sign in, and every open session ends now (SE-4).

    Returns the number of sessions ended."""
    from django.contrib.sessions.models import Session

    if user.pk == by.pk:
        raise AccountError(_("You cannot deactivate your own account."))
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active", "updated_at"])
        ended = [
            session.pk
            for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
            if str(session.get_decoded().get("_auth_user_id")) == str(user.pk)
        ]
        Session.objects.filter(pk__in=ended).delete()
        log_action(actor=by, action="deactivate", obj=user, values={"sessions_ended": Public(len(ended))})
    return len(ended)


def user_reactivate(*, user, by) -> None:
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active", "updated_at"])
        log_action(actor=by, action="reactivate", obj=user)


def user_reset_mfa(*, user, by) -> int:
    """After checking the person's identity out of band: remove their second factors so they can set new ones.
    The person is told by mail; the reset is audited and in the security log."""
    from allauth.mfa.models import Authenticator

    from network.security_log import security_event

    with transaction.atomic():
        removed, _by_type = Authenticator.objects.filter(user=user).delete()
        log_action(actor=by, action="mfa_reset", obj=user, values={"authenticators": Public(removed)})
        outbox_enqueue_template(
            dedup_key=f"mfa-reset:{user.pk}:{timezone.now().timestamp()}",
            to=[user.email],
            template="mfa_reset",
            context={"person": user},
            language=user.preferred_language,
        )
    security_event("mfa_reset_by_manager", user=user, manager_id=by.pk)
    return removed


REMINDER_AFTER = timedelta(days=7)


def _weeks(delta: timedelta) -> int:
    return int(delta / REMINDER_AFTER)


def _sign_reminder_key(advisor_id: int, code: CodeOfConduct, now) -> str:
    """One reminder to sign per person, version and week since the version was published."""
    return f"conduct-sign-reminder:{advisor_id}:{code.pk}:{_weeks(now - code.published_at)}"


def _countersign_reminder_keys(signature: CodeOfConductSignature, now) -> list[str]:
    """One countersignature request per signature and week since it was signed; in the first week, the request
    mailed at signing (``code_sign``) counts as that week's."""
    weeks = _weeks(now - signature.signed_at)
    keys = [f"countersign-reminder:{signature.pk}:{weeks}"]
    return keys + [f"countersign:{signature.pk}"] if weeks == 0 else keys


def _send_sign_reminder(*, advisor: Advisor, code: CodeOfConduct, key: str) -> None:
    outbox_enqueue_template(
        dedup_key=key,
        to=[advisor.user.email],
        template="conduct_sign_reminder",
        context={"code": code, "person": advisor.user},
        language=advisor.user.preferred_language,
    )


def _send_countersign_reminder(*, signature: CodeOfConductSignature, recipients: list[str], key: str) -> None:
    outbox_enqueue_template(
        dedup_key=key,
        to=recipients,
        template="countersign_request",
        context={
            "signature": signature,
            "advisor": signature.advisor,
            "countersign_url": settings.SITE_URL
            + reverse("members:conduct_countersign", kwargs={"public_id": signature.public_id}),
        },
    )


def conduct_send_reminders(*, now=None) -> int:
    """Weekly nudges: advisors who have not signed the current version for 7 days or more, and referents whose
    colleagues' signatures have waited 7 days or more for a countersignature. At most one mail per person and week
    (the dedup key carries the week number), so the daily task can run any number of times."""
    now = now or timezone.now()
    current = CodeOfConduct.objects.current()
    if current is None or now - current.published_at < REMINDER_AFTER:
        return 0
    queued = 0
    unsigned = (
        Advisor.objects.filter(user__is_active=True, affiliations__ended_on__isnull=True)
        .exclude(signatures__code=current)
        .select_related("user")
        .distinct()
        .order_by("pk")
    )
    for advisor in unsigned:
        key = _sign_reminder_key(advisor.pk, current, now)
        if not OutboxMessage.objects.filter(dedup_key=key).exists():
            _send_sign_reminder(advisor=advisor, code=current, key=key)
            queued += 1
    waiting = (
        CodeOfConductSignature.objects.filter(
            code=current, countersigned_at__isnull=True, signed_at__lte=now - REMINDER_AFTER
        )
        .select_related("advisor__user", "organisation")
        .order_by("pk")
    )
    for signature in waiting:
        recipients = _referent_emails(signature.organisation, except_user=signature.advisor.user)
        key = _countersign_reminder_keys(signature, now)[0]
        if recipients and not OutboxMessage.objects.filter(dedup_key=key).exists():
            _send_countersign_reminder(signature=signature, recipients=recipients, key=key)
            queued += 1
    return queued


BULK_MAX = 200  # people per bulk action (SECURITY.md RL-4)


@dataclass
class ReminderPlan:
    """Who a manager's reminder about the current code of conduct reaches now: ``to_sign`` are (advisor, dedup
    key) pairs, ``to_countersign`` are (signature, referents' emails, dedup key); ``skipped`` counts the others."""

    code: CodeOfConduct
    to_sign: list = field(default_factory=list)
    to_countersign: list = field(default_factory=list)
    skipped: int = 0

    @property
    def count(self) -> int:
        return len(self.to_sign) + len(self.to_countersign)


def conduct_reminder_plan(*, user_ids, now=None) -> ReminderPlan:
    """Sort the chosen people (at most ``BULK_MAX``) for a reminder, without sending anything (the confirmation
    page shows the counts). Whoever has not signed the current version, or signed an earlier one, is asked to sign;
    a signature awaiting its countersignature is asked again of the organisation's other active referents (the
    weekly task's mail). Skipped: valid signatures, whoever was reminded this week (the weekly task's dedup keys, so
    a person gets one reminder a week at most, whoever sends it), deactivated accounts, people with no current
    organisation and signatures with no referent to ask. A fixed number of queries."""
    now = now or timezone.now()
    current = CodeOfConduct.objects.current()
    if current is None:
        raise ConductError(_("The network has not published its code of conduct yet."))
    user_ids = set(user_ids)
    if len(user_ids) > BULK_MAX:
        raise ConductError(_("Choose at most %(max)s people at a time.") % {"max": BULK_MAX})
    advisors = list(
        Advisor.objects.filter(user_id__in=user_ids, user__is_active=True, affiliations__ended_on__isnull=True)
        .select_related("user")
        .distinct()
        .order_by("pk")
    )
    plan = ReminderPlan(code=current, skipped=len(user_ids) - len(advisors))
    signatures = {
        signature.advisor_id: signature
        for signature in CodeOfConductSignature.objects.filter(code=current, advisor__in=advisors).select_related(
            "organisation"
        )
    }
    referents = {}
    for organisation_id, user_id, email in (
        Affiliation.objects.current()
        .filter(
            organisation__in={signature.organisation_id for signature in signatures.values()},
            role=Affiliation.Role.REFERENT,
            advisor__user__is_active=True,
        )
        .values_list("organisation_id", "advisor__user_id", "advisor__user__email")
        .order_by("advisor__user__email")
    ):
        referents.setdefault(organisation_id, []).append((user_id, email))
    candidates = []  # (advisor, signature or None, recipients, keys)
    for advisor in advisors:
        signature = signatures.get(advisor.pk)
        if signature is None:
            candidates.append((advisor, None, None, [_sign_reminder_key(advisor.pk, current, now)]))
            continue
        signature.advisor, signature.code = advisor, current  # for the mail, without a query each
        recipients = [
            email for user_id, email in referents.get(signature.organisation_id, []) if user_id != advisor.user_id
        ]
        if signature.countersigned_at or not recipients:
            plan.skipped += 1
            continue
        candidates.append((advisor, signature, recipients, _countersign_reminder_keys(signature, now)))
    keys = [key for _advisor, _signature, _recipients, candidate_keys in candidates for key in candidate_keys]
    already = set(OutboxMessage.objects.filter(dedup_key__in=keys).values_list("dedup_key", flat=True))
    for advisor, signature, recipients, keys in candidates:
        if already.intersection(keys):
            plan.skipped += 1
        elif signature is None:
            plan.to_sign.append((advisor, keys[0]))
        else:
            plan.to_countersign.append((signature, recipients, keys[0]))
    return plan


def conduct_remind(*, user_ids, by, now=None) -> ReminderPlan:
    """A network manager reminds the chosen people about the current code of conduct (rules in
    ``conduct_reminder_plan``): the mails go through the outbox, and one audit entry on the version records who
    sent how many. Returns the plan carried out."""
    with transaction.atomic():
        plan = conduct_reminder_plan(user_ids=user_ids, now=now)
        for advisor, key in plan.to_sign:
            _send_sign_reminder(advisor=advisor, code=plan.code, key=key)
        for signature, recipients, key in plan.to_countersign:
            _send_countersign_reminder(signature=signature, recipients=recipients, key=key)
        log_action(
            actor=by,
            action="remind",
            obj=plan.code,
            values={
                "to_sign": Public(len(plan.to_sign)),
                "to_countersign": Public(len(plan.to_countersign)),
                "skipped": Public(plan.skipped),
            },
        )
    return plan
