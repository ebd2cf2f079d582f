"""The people at a company: their details, the legal basis for holding them, and the information they are owed.

Company records are network-wide: anyone through the gate reads every company's people, the network team included.
Adding, changing and deleting them needs ``can_edit_companies``. Lists elsewhere show a person's name and role only
(PR-6); their email and phone are on the detail page, and every view of it is written to the access log (LG-3).
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from network.audit import log_access
from network.french import elide
from network.models import Network
from referrals import perms, services
from referrals.access import company_data_required, get_company_for_user, get_contact_for_user
from referrals.forms.contacts import CompanyContactForm
from referrals.models import CompanyContact
from referrals.services import ContactError

INFORMATION_LANGUAGES = ("fr", "en")
# How long the network keeps a person's details after the last contact with their company (SECURITY.md PR-2).
DEFAULT_RETENTION_MONTHS = 36
SUPERVISORY_AUTHORITIES = {
    Network.Country.FRANCE: ("CNIL", "https://www.cnil.fr"),
    Network.Country.UNITED_KINGDOM: ("Information Commissioner's Office", "https://ico.org.uk"),
}


@require_http_methods(["GET", "HEAD", "POST"])
@company_data_required()
def contact_create(request, pk):
    company = get_company_for_user(request, pk, write=True)
    if company.pk != pk and request.method in ("GET", "HEAD"):
        return redirect("referrals:contact_create", pk=company.pk)
    form = CompanyContactForm(request.POST or None, instance=CompanyContact(company=company))
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_save(contact=form.instance, values=form.contact_values(), by=request.user)
        except ContactError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s is added to %(company)s.") % {"name": contact, "company": company})
            return redirect("referrals:contact_detail", pk=contact.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "referrals/contacts/form.html", {"form": form, "company": company}, status=status)


@require_safe
@company_data_required()
def contact_detail(request, pk):
    contact = get_contact_for_user(request, pk)
    log_access(actor=request.user, action="view", obj=contact, detail={"page": "detail"})
    return render(
        request,
        "referrals/contacts/detail.html",
        {"contact": contact, "company": contact.company, "can_edit": perms.can_edit_companies(request.user)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@company_data_required()
def contact_edit(request, pk):
    contact = get_contact_for_user(request, pk, write=True)
    form = CompanyContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_save(contact=contact, values=form.contact_values(), by=request.user)
        except ContactError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, elide(_("The details of %(name)s are saved.") % {"name": contact}, contact))
            return redirect("referrals:contact_detail", pk=contact.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "company": contact.company, "contact": contact}
    return render(request, "referrals/contacts/form.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@company_data_required()
def contact_delete(request, pk):
    """A confirmation page, then the delete; someone named in a logged interaction stays (their page says why)."""
    contact = get_contact_for_user(request, pk, write=True)
    if request.method == "POST":
        try:
            services.contact_delete(contact=contact, by=request.user)
        except ContactError as error:
            context = {"contact": contact, "company": contact.company, "in_use": True, "error": str(error)}
            return render(request, "referrals/contacts/delete.html", context, status=409)
        messages.success(request, _("%(name)s is deleted.") % {"name": contact})
        return redirect("referrals:company_detail", pk=contact.company_id)
    context = {"contact": contact, "company": contact.company, "in_use": services.contact_in_use(contact)}
    return render(request, "referrals/contacts/delete.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@company_data_required()
def contact_information(request, pk):
    """The ready text that tells the person what the network holds about them (GDPR art. 14), in French or English
    (``?language=``); "Mark as informed" records the day it was sent."""
    contact = get_contact_for_user(request, pk, write=request.method == "POST")
    if request.method == "POST":
        language = request.POST.get("language")
        try:
            services.contact_mark_informed(contact=contact, by=request.user)
        except ContactError as error:  # pragma: no cover - today is never in the future
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(name)s is recorded as informed today.") % {"name": contact})
        url = reverse("referrals:contact_information", kwargs={"pk": contact.pk})
        if language in INFORMATION_LANGUAGES:
            url += f"?language={language}"
        return redirect(url)
    language = request.GET.get("language")
    if language not in INFORMATION_LANGUAGES:
        current = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
        language = current if current in INFORMATION_LANGUAGES else INFORMATION_LANGUAGES[0]
    network = Network.load()
    with translation.override(language):
        privacy_url = settings.SITE_URL + reverse("network_public:privacy_notice")
    authority = SUPERVISORY_AUTHORITIES.get(network.country, SUPERVISORY_AUTHORITIES[Network.Country.FRANCE])
    log_access(actor=request.user, action="view", obj=contact, detail={"page": "information", "language": language})
    context = {
        "contact": contact,
        "company": contact.company,
        "language": language,
        "languages": [(code, _language_name(code)) for code in INFORMATION_LANGUAGES],
        "privacy_url": privacy_url,
        "retention_months": getattr(settings, "COMPANY_CONTACT_RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS),
        "authority_name": authority[0],
        "authority_url": authority[1],
        "can_edit": perms.can_edit_companies(request.user),
    }
    return render(request, "referrals/contacts/information.html", context)


def _language_name(code: str) -> str:
    """A language named in itself, so that whoever reads it finds theirs ("Français", "English")."""
    return translation.get_language_info(code)["name_local"]
