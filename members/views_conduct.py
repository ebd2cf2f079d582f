"""The code of conduct: advisors sign, referents countersign, network managers publish versions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from members import perms
from members.forms import CodeOfConductForm
from members.models import Advisor, Affiliation, CodeOfConduct, CodeOfConductSignature
from members.services import ConductError, code_countersign, code_publish, code_sign, signature_status
from network.french import elide
from network.throttling import client_ip


def _countersign_url(request):
    return lambda signature: request.build_absolute_uri(
        reverse("conduct:countersign", kwargs={"public_id": signature.public_id})
    )


@require_http_methods(["GET", "HEAD", "POST"])
def code_of_conduct(request):
    current = CodeOfConduct.objects.current()
    advisor = Advisor.objects.filter(user=request.user).first()
    affiliations = (
        Affiliation.objects.current().filter(advisor=advisor).select_related("organisation") if advisor else []
    )
    language = translation.get_language()[:2]
    if request.method == "POST":
        organisation = next(iter(affiliations), None)
        if advisor is None or organisation is None or current is None:
            messages.error(request, _("Only advisors of a member organisation sign the code of conduct."))
            return redirect("conduct:read")
        try:
            code_sign(
                advisor=advisor,
                organisation=organisation.organisation,
                language=language,
                ip=client_ip(request),
                countersign_url=_countersign_url(request),
            )
        except ConductError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("You signed the code of conduct. A referent of your organisation now countersigns it.")
            )
        return redirect("conduct:read")
    signature = advisor.signatures.select_related("countersigned_by", "code").first() if advisor else None
    return render(
        request,
        "members/conduct/read.html",
        {
            "code": current,
            "text": current.text_in(language) if current else "",
            "status": signature_status(advisor, current),
            "signature": signature,
            "is_advisor": bool(affiliations),
            "gate": perms.company_data_gate(request.user),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def countersign(request, public_id):
    signature = get_object_or_404(
        CodeOfConductSignature.objects.select_related("advisor__user", "organisation", "code", "countersigned_by"),
        public_id=public_id,
    )
    is_referent = (
        Affiliation.objects.current()
        .filter(organisation=signature.organisation, role=Affiliation.Role.REFERENT, advisor__user=request.user)
        .exists()
    )
    if not is_referent and not signature.advisor.user_id == request.user.pk:
        # Same answer as an unknown link: nothing about other organisations' people leaks.
        return render(
            request,
            "members/conduct/countersign_problem.html",
            {
                "title": _("This countersignature link is not for you"),
                "explanation": _(
                    "Only the referents of the signer's organisation can open it. Check that you are signed "
                    "in with your own account."
                ),
            },
            status=404,
        )
    if request.method == "POST":
        try:
            code_countersign(signature=signature, by=request.user, ip=client_ip(request))
        except ConductError as error:
            return render(
                request,
                "members/conduct/countersign_problem.html",
                {"title": _("This signature cannot be countersigned"), "explanation": str(error)},
                status=409,
            )
        signer = signature.advisor.user.get_full_name()
        messages.success(
            request,
            elide(_("You countersigned the code of conduct of %(name)s.") % {"name": signer}, signer),
        )
        return redirect("conduct:read")
    problem = None
    if signature.countersigned_at:
        problem = _("This signature is already countersigned.")
    elif signature.advisor.user_id == request.user.pk:
        problem = _("You cannot countersign your own signature: another referent of your organisation does.")
    elif signature.code != CodeOfConduct.objects.current():
        problem = _("This signature is for an earlier version of the code of conduct: nothing to countersign.")
    if problem:
        return render(
            request,
            "members/conduct/countersign_problem.html",
            {"title": _("This signature cannot be countersigned"), "explanation": problem},
            status=409,
        )
    return render(request, "members/conduct/countersign.html", {"signature": signature})


@require_http_methods(["GET", "HEAD", "POST"])
def manage_versions(request):
    if not perms.can_publish_code_of_conduct(request.user):
        raise PermissionDenied(_("Only network managers publish the code of conduct."))
    current = CodeOfConduct.objects.current()
    initial = {"text_en": current.text_en, "text_fr": current.text_fr} if current else {}
    form = CodeOfConductForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        code = code_publish(
            text_en=form.cleaned_data["text_en"], text_fr=form.cleaned_data["text_fr"], by=request.user
        )
        messages.success(
            request,
            _("Version %(version)s is published: every advisor is asked to sign it.") % {"version": code.version},
        )
        return redirect("conduct_manage:versions")
    status = 400 if request.method == "POST" else 200
    versions = CodeOfConduct.objects.order_by("-version")[:50]
    return render(
        request, "members/conduct/manage.html", {"form": form, "versions": versions, "current": current}, status=status
    )
