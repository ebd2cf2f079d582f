"""The members app's share of the request's user context (``network/user_context.py``): the person's advisor
record, their current affiliations (organisation, role, whether a convention is in force there today) and where
their signature of the current code of conduct stands. ``MemberContext`` answers the gate, the referent checks and
"works for a member" from these, without another query."""

from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Exists, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import JSONObject


@dataclass(frozen=True)
class CurrentAffiliation:
    organisation_id: int
    role: str
    convention_in_force: bool


@dataclass(frozen=True)
class MemberContext:
    advisor_id: int | None
    affiliations: tuple[CurrentAffiliation, ...]
    signature: str  # members.services.signature_status: none, unsigned, outdated, awaiting, valid

    @property
    def organisation_ids(self) -> frozenset:
        return frozenset(affiliation.organisation_id for affiliation in self.affiliations)

    @property
    def referent_organisation_ids(self) -> frozenset:
        from members.models import Affiliation

        return frozenset(a.organisation_id for a in self.affiliations if a.role == Affiliation.Role.REFERENT)

    @property
    def convention_in_force(self) -> bool:
        return any(affiliation.convention_in_force for affiliation in self.affiliations)


EMPTY = MemberContext(advisor_id=None, affiliations=(), signature="unsigned")


def annotate(users: QuerySet) -> QuerySet:
    from members.models import Advisor, Affiliation, CodeOfConduct, CodeOfConductSignature, Convention

    current_code = CodeOfConduct.objects.filter(published_at__isnull=False).order_by("-version")
    latest_signature = CodeOfConductSignature.objects.filter(advisor__user_id=OuterRef("pk")).order_by(
        "-code__version"
    )
    affiliations = (
        Affiliation.objects.current()
        .filter(advisor__user_id=OuterRef("pk"))
        .order_by("organisation_id")
        .values(
            row=JSONObject(
                organisation_id=F("organisation_id"),
                role=F("role"),
                in_force=Exists(Convention.objects.in_force().filter(organisation_id=OuterRef("organisation_id"))),
            )
        )
    )
    return users.annotate(
        context_advisor_id=Subquery(Advisor.objects.filter(user_id=OuterRef("pk")).order_by().values("pk")[:1]),
        context_affiliations=ArraySubquery(affiliations),
        context_current_code_id=Subquery(current_code.values("pk")[:1]),
        context_signed_code_id=Subquery(latest_signature.values("code_id")[:1]),
        context_countersigned_at=Subquery(latest_signature.values("countersigned_at")[:1]),
    )


def _signature_status(user) -> str:
    """``members.services.signature_status`` from the annotations (the same rules, tested against each other)."""
    current = getattr(user, "context_current_code_id", None)
    if current is None:
        return "none"
    signed = getattr(user, "context_signed_code_id", None)
    if getattr(user, "context_advisor_id", None) is None or signed is None:
        return "unsigned"
    if signed != current:
        return "outdated"
    return "valid" if getattr(user, "context_countersigned_at", None) else "awaiting"


def remember(user) -> None:
    rows = getattr(user, "context_affiliations", None) or []
    user._member_context = MemberContext(
        advisor_id=getattr(user, "context_advisor_id", None),
        affiliations=tuple(
            CurrentAffiliation(row["organisation_id"], row["role"], bool(row["in_force"])) for row in rows
        ),
        signature=_signature_status(user),
    )


def member_context(user) -> MemberContext:
    """The signed-in ``user``'s context (read with the user, or once for a user object loaded another way)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return EMPTY
    if not hasattr(user, "_member_context"):
        from network import user_context

        user_context.load_into(user)
    return user._member_context
