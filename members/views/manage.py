"""Management pages of member organisations (network managers edit, office managers read, referents keep their own),
their services and conventions, and the code of conduct's versions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from members import perms
from members.access import (
    NOT_MANAGER,
    NOT_STAFF,
    get_convention_for_user,
    get_organisation_for_user,
    get_service_for_user,
)
from members.filters import OrganisationFilter
from members.forms import CodeOfConductForm, ConventionForm, InvitationForm, OrganisationForm, ServiceForm
from members.models import CodeOfConduct, MemberOrganisation, OrganisationStatus
from members.services import (
    code_publish,
    convention_record,
    organisation_save,
    organisation_set_published,
    service_save,
)
from network.access import requires
from network.exports import EXPORT_MAX_ROWS, csv_download
from network.models import Territory
from network.ordering import by_name
from network.publishing import VersionTexts, publish_version_page

PAGE_SIZE = 25


def _organisations(request):
    queryset = MemberOrganisation.objects.with_status().prefetch_related(
        Prefetch("territories", queryset=Territory.objects.order_by("code"))
    )
    return OrganisationFilter(request.GET or None, queryset=queryset.order_by(*by_name("name"), "id"), request=request)


@require_safe
@requires(perms.can_view_organisations, NOT_STAFF)
def organisation_list(request):
    filterset = _organisations(request)
    page = Paginator(filterset.qs.annotate(service_count=Count("services", distinct=True)), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "members/manage/organisation_list.html",
        {
            "filterset": filterset,
            "page": page,
            "query": query.urlencode(),
            "can_edit": perms.can_edit_organisations(request.user),
            "status_labels": dict(OrganisationStatus.choices),
        },
    )


@require_safe
@requires(perms.can_view_organisations, NOT_STAFF)
def organisation_export(request):
    filterset = _organisations(request)
    labels = dict(OrganisationStatus.choices)
    kinds = dict(MemberOrganisation.Kind.choices)
    header = [
        _("Name"),
        _("Kind"),
        _("Registration number"),
        _("Convention"),
        _("Valid until"),
        _("Départements"),
        _("Website"),
        _("Email"),
        _("Phone"),
    ]
    rows = (
        (
            organisation.name,
            kinds.get(organisation.kind, organisation.kind),
            organisation.registration_number,
            labels.get(organisation.convention_status),
            organisation.convention_until.isoformat() if organisation.convention_until else "",
            " ".join(territory.code for territory in organisation.territories.all()),
            organisation.website,
            organisation.contact_email,
            organisation.contact_phone,
        )
        for organisation in filterset.qs[:EXPORT_MAX_ROWS]
    )
    return csv_download(name="organisations", header=header, rows=rows)


@require_safe
def organisation_detail(request, pk):
    return render_organisation_detail(request, get_organisation_for_user(request, pk))


def render_organisation_detail(request, organisation, *, invitation_form=None, status=200):
    services = organisation.services.prefetch_related("themes").order_by(*by_name("title_fr", "title_en"), "id")
    conventions = organisation.conventions.order_by("-version")
    can_edit = perms.can_edit_organisation(request.user, organisation)
    return render(
        request,
        "members/manage/organisation_detail.html",
        {
            "people": organisation.affiliations.current()
            .select_related("advisor__user")
            .order_by(*by_name("advisor__user__full_name"), "advisor__user__email"),
            "invitations": organisation.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)
            .select_related("invited_by")
            .order_by("-created_at")
            if can_edit
            else [],
            "invitation_form": invitation_form or InvitationForm(),
            "organisation": organisation,
            "services": services,
            "conventions": conventions,
            "can_edit": can_edit,
            "can_manage": perms.can_edit_organisations(request.user),  # conventions and publication
            "status_label": dict(OrganisationStatus.choices)[organisation.convention_status],
            "themes": organisation.themes.select_related("parent").order_by("parent__position", "position"),
            "territories": organisation.territories.order_by("code"),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@requires(perms.can_edit_organisations, NOT_MANAGER)
def organisation_create(request):
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        organisation = organisation_save(form=form, by=request.user)
        messages.success(
            request,
            _("%(name)s is created. Record its convention so it appears on the public portal.")
            % {"name": organisation.name},
        )
        return redirect("members:organisation_detail", pk=organisation.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "members/manage/organisation_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def organisation_edit(request, pk):
    organisation = get_organisation_for_user(request, pk, write=True)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation_save(form=form, by=request.user)
        messages.success(request, _("%(name)s is saved.") % {"name": organisation.name})
        return redirect("members:organisation_detail", pk=organisation.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "organisation": organisation}
    return render(request, "members/manage/organisation_form.html", context, status=status)


@require_POST
@requires(perms.can_edit_organisations, NOT_MANAGER)
def organisation_publication(request, pk):
    organisation = get_organisation_for_user(request, pk, write=True)
    publish = request.POST.get("publish") == "1"
    organisation_set_published(organisation=organisation, published=publish, by=request.user)
    if publish:
        messages.success(request, _("%(name)s is published again.") % {"name": organisation.name})
    else:
        messages.success(request, _("%(name)s is hidden from the public portal.") % {"name": organisation.name})
    return redirect("members:organisation_detail", pk=organisation.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def service_create(request, pk):
    organisation = get_organisation_for_user(request, pk, write=True)
    form = ServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = service_save(form=form, organisation=organisation, by=request.user)
        messages.success(request, _("The service “%(title)s” is added.") % {"title": service.title})
        return redirect("members:organisation_detail", pk=organisation.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "organisation": organisation}
    return render(request, "members/manage/service_form.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def service_edit(request, pk):
    service = get_service_for_user(request, pk, write=True)
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        service_save(form=form, organisation=service.organisation, by=request.user)
        messages.success(request, _("The service “%(title)s” is saved.") % {"title": service.title})
        return redirect("members:organisation_detail", pk=service.organisation_id)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "organisation": service.organisation, "service": service}
    return render(request, "members/manage/service_form.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@requires(perms.can_edit_organisations, NOT_MANAGER)
def convention_create(request, pk):
    organisation = get_organisation_for_user(request, pk, write=True)
    latest = organisation.conventions.order_by("-version").first()
    initial = {}
    if latest:  # a renewal starts where the last one ends
        initial = {"signatory_name": latest.signatory_name, "signatory_role": latest.signatory_role}
    form = ConventionForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        convention = convention_record(form=form, organisation=organisation, by=request.user)
        messages.success(request, _("Convention version %(version)s is recorded.") % {"version": convention.version})
        return redirect("members:organisation_detail", pk=organisation.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "organisation": organisation, "latest": latest}
    return render(request, "members/manage/convention_form.html", context, status=status)


@require_safe
def convention_pdf(request, pk):
    """The signed PDF, checked on every request; served as an attachment that cannot run anything (FU-2)."""
    convention = get_convention_for_user(request, pk)
    if not convention.pdf:
        raise Http404
    try:
        handle = convention.pdf.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type="application/pdf")
    filename = f"convention-{convention.organisation.slug}-v{convention.version}.pdf"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


# --- The code of conduct's versions ---------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@requires(perms.can_publish_code_of_conduct, gettext_lazy("Only network managers publish the code of conduct."))
def conduct_versions(request):
    def publish(*, form, by):
        return code_publish(text_en=form.cleaned_data["text_en"], text_fr=form.cleaned_data["text_fr"], by=by)

    return publish_version_page(
        request,
        model=CodeOfConduct,
        form_class=CodeOfConductForm,
        fields=("text_en", "text_fr"),
        publish=publish,
        url_name="members:conduct_versions",
        texts=VersionTexts(
            title=_("Code of conduct"),
            lead=_(
                "Every advisor signs the current version, and a referent of their organisation countersigns. "
                "Publishing a new version asks everyone to sign again; earlier signatures stay as history."
            ),
            confirm=_("Publish this text? Every advisor will have to sign it again before using the company records."),
            empty=_("No version yet: advisors cannot sign until the first one is published."),
            published=_("Version %(version)s is published: every advisor is asked to sign it."),
        ),
    )
