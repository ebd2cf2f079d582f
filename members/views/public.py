"""The public pages: the directory of member organisations with a convention in force and their public services,
and the invitation link that someone without an account yet opens (``invitation_accept``)."""

from urllib.parse import urlencode

from allauth.account.internal.flows.login import record_authentication
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from members.forms import AcceptInvitationForm
from members.models import Advisor, Affiliation, Invitation, MemberOrganisation, Service
from members.services import InvitationError, invitation_accept, invitation_find
from network import public_cache
from network.french import elide
from network.models import Territory, Theme, User
from network.ordering import by_name

PAGE_SIZE = 24


def public_services(on=None):
    on = on or timezone.localdate()
    return (
        Service.objects.filter(is_public=True, is_published=True)
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=on), Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .prefetch_related("themes")
        .order_by(*by_name("title_fr", "title_en"), "id")
    )


def public_advisors(organisation):
    """The people of the organisation who switched their public profile on (off by default): name, job title and
    skills only, never contact details."""
    current = Affiliation.objects.current().filter(advisor=OuterRef("pk"), organisation=organisation)
    return (
        Advisor.objects.filter(Exists(current), public_profile=True, user__is_active=True)
        .only("job_title", "user__full_name", "user__email")
        .select_related("user")
        .prefetch_related(Prefetch("skills", queryset=Theme.objects.order_by("position"), to_attr="skill_list"))
        .order_by(*by_name("user__full_name"), "pk")
    )


@login_not_required
@require_safe
def organisation_list(request):
    """The directory of member organisations. The list sits in a cached fragment (network/public_cache.py): on a
    cache hit nothing below is read, so the page of results is handed to the template as a lazy value."""
    kind = request.GET.get("kind", "")
    if kind not in MemberOrganisation.Kind.values:
        kind = ""
    page_number = request.GET.get("page", "")[:10]
    return render(
        request,
        "members/public/organisation_list.html",
        {
            "listing": OrganisationListing(kind, page_number),
            "page_number": page_number,
            "kind": kind,
            "kinds": MemberOrganisation.Kind.choices,
            "query": urlencode({"kind": kind}) if kind else "",
            "cache_seconds": public_cache.SECONDS,
        },
    )


class OrganisationListing:
    """One page of the public directory, read when first shown."""

    def __init__(self, kind: str, page_number: str):
        self.kind, self.page_number = kind, page_number

    @cached_property
    def page(self):
        organisations = MemberOrganisation.objects.public().prefetch_related(
            Prefetch("territories", queryset=Territory.objects.order_by("code").only("id", "name"))
        )
        if self.kind:
            organisations = organisations.filter(kind=self.kind)
        return Paginator(organisations.order_by(*by_name("name"), "id"), PAGE_SIZE).get_page(self.page_number)


@login_not_required
@require_safe
def organisation_detail(request, slug):
    organisation = get_object_or_404(MemberOrganisation.objects.public(), slug=slug)
    return render(
        request,
        "members/public/organisation_detail.html",
        {
            "organisation": organisation,
            "services": public_services().filter(organisation=organisation),
            "territories": organisation.territories.order_by("code"),
            "themes": organisation.themes.order_by("position"),
            "advisors": public_advisors(organisation),
        },
    )


# --- The invitation link --------------------------------------------------------------------------------------------


def _problem(request, title, explanation, status):
    return render(
        request, "members/invitations/problem.html", {"title": title, "explanation": explanation}, status=status
    )


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept_page(request, token):
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
