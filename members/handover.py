"""What a leaving person still holds in the members app (the handover hook, contract in network/hooks.py)."""

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Affiliation, CodeOfConduct, CodeOfConductSignature, Invitation
from network.hooks import HandoverItem
from network.ordering import by_name


def open_items(user) -> list[HandoverItem]:
    """Per organisation: invitations this person sent that are still pending (a referent re-sends or withdraws
    them), and colleagues' signatures of the current code that wait for a countersignature nobody else can give,
    because this person is the organisation's only active referent (appoint another one). Three queries."""
    items = []
    pending = (
        Invitation.objects.filter(
            invited_by=user, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .values("organisation_id", "organisation__name")
        .annotate(count=Count("id"))
        .order_by(*by_name("organisation__name"), "organisation_id")
    )
    for row in pending:
        items.append(
            HandoverItem(
                _("Invitations sent to join %(organisation)s, still pending")
                % {"organisation": row["organisation__name"]},
                row["count"],
                reverse("members:organisation_detail", kwargs={"pk": row["organisation_id"]}),
            )
        )
    current = CodeOfConduct.objects.current()
    if current is None:
        return items
    other_referents = (
        Affiliation.objects.current()
        .filter(organisation=OuterRef("organisation"), role=Affiliation.Role.REFERENT, advisor__user__is_active=True)
        .exclude(advisor__user=user)
    )
    own = Affiliation.objects.current().filter(advisor__user=user, role=Affiliation.Role.REFERENT)
    waiting = (
        CodeOfConductSignature.objects.filter(
            code=current,
            countersigned_at__isnull=True,
            organisation__in=own.values("organisation"),
            advisor__user__is_active=True,
        )
        .exclude(advisor__user=user)
        .filter(~Exists(other_referents))
        .values("organisation_id", "organisation__name")
        .annotate(count=Count("id"))
        .order_by(*by_name("organisation__name"), "organisation_id")
    )
    for row in waiting:
        items.append(
            HandoverItem(
                _("Code of conduct signatures at %(organisation)s waiting for their countersignature (only referent)")
                % {"organisation": row["organisation__name"]},
                row["count"],
                reverse("members:organisation_detail", kwargs={"pk": row["organisation_id"]}),
            )
        )
    return items
