"""Invitations: network managers invite people to an organisation; the invitee opens the link and joins."""

from allauth.account.internal.flows.login import record_authentication
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from members import perms
from members.forms import AcceptInvitationForm, InvitationForm
from members.models import Invitation
from members.services import InvitationError, invitation_accept, invitation_find, invitation_revoke, invitation_send
from members.views_manage import _organisation_for, render_organisation_detail
from network import perms as network_perms
from network.french import elide
from network.models import User


def _accept_url(request):
    return lambda token: request.build_absolute_uri(reverse("invitation_accept", kwargs={"token": token}))


@require_POST
def invitation_create(request, pk):
    organisation = _organisation_for(request, pk, write=True)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = invitation_send(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
                accept_url=_accept_url(request),
            )
        except InvitationError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request,
                _("An invitation is on its way to %(email)s. The link works for 7 days.")
                % {"email": invitation.email},
            )
            return redirect("members:organisation_detail", pk=organisation.pk)
    return render_organisation_detail(request, organisation, invitation_form=form, status=400)


def _invitation_for(request, pk) -> Invitation:
    """Network managers: any invitation; referents: their organisation's (others answer 404)."""
    invitations = Invitation.objects.select_related("organisation")
    if not network_perms.is_network_manager(request.user):
        own = perms.referent_organisation_ids(request.user)
        if not own:
            raise PermissionDenied(_("Only network managers and the organisation's referents manage its invitations."))
        invitations = invitations.filter(organisation_id__in=own)
    return get_object_or_404(invitations, pk=pk)


@require_POST
def invitation_resend(request, pk):
    invitation = _invitation_for(request, pk)
    try:
        fresh = invitation_send(
            organisation=invitation.organisation,
            email=invitation.email,
            role=invitation.role,
            by=request.user,
            accept_url=_accept_url(request),
        )
    except InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("A new link is on its way to %(email)s; the old one no longer works.") % {"email": fresh.email}
        )
    return redirect("members:organisation_detail", pk=invitation.organisation_id)


@require_POST
def invitation_withdraw(request, pk):
    invitation = _invitation_for(request, pk)
    try:
        invitation_revoke(invitation=invitation, by=request.user)
    except InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email})
    return redirect("members:organisation_detail", pk=invitation.organisation_id)


def _problem(request, title, explanation, status):
    return render(
        request, "members/invitations/problem.html", {"title": title, "explanation": explanation}, status=status
    )


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept_view(request, token):
    """The link in the invitation mail. Every dead end gets its own clear page."""
    invitation = invitation_find(token)
    if invitation is None:
        return _problem(
            request,
            _("This invitation link is not valid"),
            _("Check that you copied the whole link from the mail, or ask for a new invitation."),
            404,
        )
    if invitation.status != Invitation.Status.PENDING:
        explanations = {
            Invitation.Status.ACCEPTED: _("This invitation has already been used. If it was you, just sign in."),
            Invitation.Status.EXPIRED: _("This invitation has expired (links work for 7 days). Ask for a new one."),
            Invitation.Status.REVOKED: _(
                "This invitation was withdrawn or replaced by a newer one. Use the latest mail."
            ),
        }
        return _problem(request, _("This invitation can no longer be used"), explanations[invitation.status], 410)

    user = request.user
    if user.is_authenticated and user.email.lower() != invitation.email:
        return _problem(
            request,
            _("This invitation is for another account"),
            elide(
                _(
                    "You are signed in as %(current)s, but the invitation was sent to another address. "
                    "Sign out, then open the link again."
                )
                % {"current": user.email},
                user.email,
            ),
            403,
        )
    existing = not user.is_authenticated and User.objects.filter(email__iexact=invitation.email).exists()
    form = None
    if not user.is_authenticated and not existing:
        form = AcceptInvitationForm(
            request.POST or None, email=invitation.email, initial={"preferred_language": request.LANGUAGE_CODE}
        )
    if request.method == "POST" and not existing:
        if form is None or form.is_valid():
            try:
                if form is None:
                    accepted = invitation_accept(invitation=invitation, user=user)
                else:
                    accepted = invitation_accept(
                        invitation=invitation,
                        full_name=form.cleaned_data["full_name"],
                        password=form.cleaned_data["password1"],
                        language=form.cleaned_data["preferred_language"],
                    )
            except InvitationError as error:
                return _problem(request, _("This invitation can no longer be used"), str(error), 410)
            if form is not None:
                login(request, accepted, backend="network.auth_backends.ModelBackend")
                # They typed their new password a moment ago: setting up the second factor, which MFA_REQUIRED
                # asks for next, does not ask for it again (allauth's re-authentication record).
                record_authentication(request, accepted, method="password", email=accepted.email, reauthenticated=True)
            name = invitation.organisation.name
            messages.success(
                request, elide(_("Welcome to the network, as a member of %(name)s.") % {"name": name}, name)
            )
            return redirect("network:dashboard")
    status = 200
    if request.method == "POST":
        status = 403 if existing else 400  # sign in first / the form has errors
    return render(
        request,
        "members/invitations/accept.html",
        {"invitation": invitation, "form": form, "existing_account": existing},
        status=status,
    )
