"""Management by network managers: the network's settings, its privacy notices, its offices and their coverage."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from network import perms
from network.access import NOT_NETWORK_MANAGER, NOT_OFFICE_MANAGER, get_office_for_user, requires
from network.audit import Public, log_action
from network.communes import insee_query
from network.forms import NetworkSettingsForm, OfficeCommuneForm, OfficeForm, PrivacyNoticeForm
from network.french import elide
from network.models import Network, Office, OfficeCommune, PrivacyNotice, Territory
from network.offices import DEPARTEMENTS_BY_CODE, communes_of_office, office_for_commune
from network.ordering import by_name
from network.publishing import VersionTexts, publish_version_page
from network.services import ServiceError, office_commune_assign, office_commune_release, office_delete, office_save

# --- Network settings and privacy notices ---------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@requires(perms.can_edit_network_settings, NOT_NETWORK_MANAGER)
def network_settings(request):
    network = Network.objects.filter(id=1).first() or Network(id=1)
    form = NetworkSettingsForm(request.POST or None, request.FILES or None, instance=network)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            network = form.save()
            # Everything on this form is published on the site: the values are not personal data.
            log_action(
                actor=request.user,
                action="update",
                obj=network,
                changed_fields=form.changed_data,
                values={name: Public(form.cleaned_data.get(name)) for name in form.changed_data if name != "logo"},
            )
        messages.success(request, _("The network's settings are saved. Every page now shows them."))
        return redirect("network:network_settings")
    status = 400 if request.method == "POST" else 200
    return render(request, "network/manage/network_settings.html", {"form": form}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@requires(perms.can_edit_network_settings, NOT_NETWORK_MANAGER)
def privacy_notices(request):

    def publish(*, form, by):
        with transaction.atomic():
            notice = form.save(commit=False)
            last = PrivacyNotice.objects.select_for_update().order_by("-version").first()
            notice.version = (last.version if last else 0) + 1
            notice.save()
            log_action(actor=by, action="create", obj=notice, values={"version": Public(notice.version)})
        return notice

    return publish_version_page(
        request,
        model=PrivacyNotice,
        form_class=PrivacyNoticeForm,
        fields=("body_en", "body_fr"),
        publish=publish,
        url_name="network:privacy_notices",
        texts=VersionTexts(
            title=_("Privacy notice"),
            lead=_(
                "Each publication is a new version; earlier versions are kept, because forms record which version "
                "a person was shown."
            ),
            confirm=_(
                "Publish this text as the new privacy notice? It replaces the current version on the site at once."
            ),
            empty=_(
                "No version is published yet: the privacy page tells visitors so. Publish the first one with the form."
            ),
            published=_("Version %(version)s of the privacy notice is published."),
        ),
    )


# --- Offices --------------------------------------------------------------------------------------------------------


@require_safe
@requires(perms.can_manage_offices, NOT_OFFICE_MANAGER)
def manage_office_list(request):
    offices = (
        Office.objects.annotate(
            departement_count=Count("departement_links", distinct=True),
            override_count=Count("commune_overrides", distinct=True),
            staff_count=Count("staff", distinct=True),
        )
        .prefetch_related(DEPARTEMENTS_BY_CODE)
        .order_by("-is_head_office", *by_name("name"))
    )
    uncovered = Territory.objects.departements().filter(office_link__isnull=True).order_by("code")
    return render(request, "network/manage/offices.html", {"offices": offices, "uncovered": uncovered})


@require_http_methods(["GET", "HEAD", "POST"])
@requires(perms.can_manage_offices, NOT_OFFICE_MANAGER)
def manage_office_create(request):
    form = OfficeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        office = office_save(form=form, by=request.user)
        messages.success(request, _("The office %(name)s is created.") % {"name": office.name})
        return redirect("network:office_edit", pk=office.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "network/manage/office_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def manage_office_edit(request, pk):
    office = get_office_for_user(request, pk, write=True)
    form = OfficeForm(request.POST or None, instance=office)
    if request.method == "POST" and form.is_valid():
        office_save(form=form, by=request.user)
        messages.success(request, _("The office %(name)s is saved.") % {"name": office.name})
        return redirect("network:office_edit", pk=office.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "network/manage/office_form.html", _edit_context(office, form), status=status)


def _edit_context(office, form, commune_form=None, pending=None):
    overrides = office.commune_overrides.select_related("commune__parent").order_by("commune__search_name")
    return {
        "form": form,
        "office": office,
        "overrides": overrides,
        "commune_form": commune_form or OfficeCommuneForm(),
        "pending": pending,
    }


@require_POST
def manage_office_commune_add(request, pk):
    """Read the commune, show which one it is and which office has it today, and attach it once confirmed: the
    confirmation names it by its INSEE code, so what is saved is what was shown."""
    office = get_office_for_user(request, pk, write=True)
    commune_form = OfficeCommuneForm(request.POST)
    if not commune_form.is_valid():
        context = _edit_context(office, OfficeForm(instance=office), commune_form)
        return render(request, "network/manage/office_form.html", context, status=400)
    commune = commune_form.cleaned_data["commune"]
    if not commune_form.cleaned_data["confirmed"]:
        pending = {"commune": commune, "current_office": office_for_commune(commune), "value": insee_query(commune)}
        context = _edit_context(office, OfficeForm(instance=office), pending=pending)
        return render(request, "network/manage/office_form.html", context)
    office_commune_assign(office=office, commune=commune, by=request.user)
    messages.success(
        request,
        elide(
            _("%(commune)s is now handled by %(office)s.") % {"commune": commune.name, "office": office.name},
            office.name,
        ),
    )
    return redirect("network:office_edit", pk=office.pk)


@require_POST
def manage_office_commune_remove(request, pk, link_pk):
    office = get_office_for_user(request, pk, write=True)
    link = get_object_or_404(OfficeCommune.objects.select_related("commune"), pk=link_pk, office=office)
    office_commune_release(link=link, by=request.user)
    messages.success(
        request,
        _("%(commune)s goes back to the office of its département.") % {"commune": link.commune.name},
    )
    return redirect("network:office_edit", pk=office.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def manage_office_delete(request, pk):
    office = get_office_for_user(request, pk, write=True)
    if request.method == "POST":
        try:
            office_delete(office=office, by=request.user)
        except ServiceError as error:
            messages.error(request, str(error))
            return redirect("network:office_edit", pk=office.pk)
        messages.success(request, _("The office %(name)s is deleted.") % {"name": office.name})
        return redirect("network:office_list")
    communes = communes_of_office(office).count()
    return render(request, "network/manage/office_delete.html", {"office": office, "commune_count": communes})
