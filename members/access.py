"""Loading one object for the signed-in user, one helper per object type (healthchecks' ``_get_check_for_user``):
404 when the object is outside the user's reach, so nobody learns what exists from an address; 403 when they may
read it but not change it, or when the page is not for them at all. Built on the predicates of members/perms.py."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members import perms
from members.filters import people_with_signature_status
from members.models import CodeOfConductSignature, Convention, Invitation, MemberOrganisation, Service
from network import perms as network_perms
from network.models import User

NOT_STAFF = gettext_lazy("Only the network team can see the member organisations' files.")
NOT_MANAGER = gettext_lazy("Only network managers can change member organisations.")


def _referent_only(user, message) -> frozenset:
    """The organisations a user outside the network team reaches (as a referent); 403 when there is none."""
    own = perms.referent_organisation_ids(user)
    if not own:
        raise PermissionDenied(message)
    return own


def get_organisation_for_user(request, pk, *, write=False) -> MemberOrganisation:
    """Network staff reach every organisation, referents their own; ``write``: network managers and referents."""
    user = request.user
    organisations = MemberOrganisation.objects.with_status()
    if not perms.can_view_organisations(user):
        own = _referent_only(user, _("Only the network team and organisations' referents can open these pages."))
        organisations = organisations.filter(pk__in=own)
    organisation = get_object_or_404(organisations, pk=pk)
    if write and not perms.can_edit_organisation(user, organisation):
        raise PermissionDenied(NOT_MANAGER)
    return organisation


def get_service_for_user(request, pk, *, write=False) -> Service:
    """A service, reached through its organisation (``get_organisation_for_user``'s rules)."""
    user = request.user
    services = Service.objects.select_related("organisation")
    if not perms.can_view_organisations(user):
        own = _referent_only(user, _("Only network managers and the organisation's referents change its services."))
        services = services.filter(organisation_id__in=own)
    service = get_object_or_404(services, pk=pk)
    if write and not perms.can_edit_organisation(user, service.organisation):
        raise PermissionDenied(_("Only network managers and the organisation's referents change its services."))
    return service


def get_convention_for_user(request, pk) -> Convention:
    """A signed convention is a contract: only those who may download it learn that it exists."""
    if not perms.can_edit_organisations(request.user):  # before the lookup: an outsider learns nothing
        raise PermissionDenied(NOT_MANAGER)
    convention = get_object_or_404(Convention.objects.select_related("organisation"), pk=pk)
    if not perms.can_download_convention(request.user, convention):
        raise PermissionDenied(_("Only network managers can download signed conventions."))
    return convention


def get_invitation_for_user(request, pk) -> Invitation:
    """Network managers: any invitation; referents: their organisation's (others answer 404). Every use writes."""
    invitations = Invitation.objects.select_related("organisation")
    if not network_perms.is_network_manager(request.user):
        own = _referent_only(
            request.user, _("Only network managers and the organisation's referents manage its invitations.")
        )
        invitations = invitations.filter(organisation_id__in=own)
    return get_object_or_404(invitations, pk=pk)


def get_person_for_user(request, pk, *, write=False) -> User:
    """Someone with an advisor profile, with their code-of-conduct status: network staff read, managers change."""
    if not perms.can_view_organisations(request.user):
        raise PermissionDenied(_("Only the network team can see the people of the network."))
    if write and not perms.can_edit_organisations(request.user):
        raise PermissionDenied(_("Only network managers can change people's accounts."))
    return get_object_or_404(people_with_signature_status().select_related("advisor"), pk=pk)


def get_signature_for_user(request, public_id) -> CodeOfConductSignature:
    """A signature, for its signer and for the referents who may countersign it; 404 for anyone else. Whether it
    can still be countersigned (already done, an earlier version) is the service's answer, not a reach question."""
    signature = get_object_or_404(
        CodeOfConductSignature.objects.select_related("advisor__user", "organisation", "code", "countersigned_by"),
        public_id=public_id,
    )
    if not perms.can_view_signature(request.user, signature):
        raise Http404
    return signature
