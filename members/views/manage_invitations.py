"""Invitations, by network managers and referents: one person at a time from the organisation's page, or many from
a CSV file (upload, preview each row's outcome, confirm: network/csv_upload.py's flow). The invitee's side is
``members.views.public.invitation_accept``.

The uploaded text waits in the session between the steps (at most 1 MB and 200 rows), tied to the organisation it
was uploaded for; the preview and the confirmation both read it again from there and plan again, so nothing posted
by the browser decides who is invited.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from members import perms
from members.access import get_invitation_for_user, get_organisation_for_user
from members.forms import InvitationForm, InvitationImportConfirmForm, InvitationUploadForm
from members.invitations_bulk import COLUMN_NAMES, COLUMNS, MAX_ROWS, plan_invitations
from members.services import InvitationError, invitation_revoke, invitation_send, invitation_send_many
from members.views.manage import render_organisation_detail
from network.csv_upload import CsvFlow, preview_context
from network.exports import csv_download

UPLOADS = CsvFlow(session_key="members_invitation_upload", form_class=InvitationUploadForm)
SESSION_KEY = UPLOADS.session_key
TEMPLATE_NAME = "invitations-template"


def _accept_url(request):
    return lambda token: request.build_absolute_uri(reverse("members:invitation_accept", kwargs={"token": token}))


@require_POST
def invitation_create(request, pk):
    organisation = get_organisation_for_user(request, pk, write=True)
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


@require_POST
def invitation_resend(request, pk):
    invitation = get_invitation_for_user(request, pk)
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
    invitation = get_invitation_for_user(request, pk)
    try:
        invitation_revoke(invitation=invitation, by=request.user)
    except InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email})
    return redirect("members:organisation_detail", pk=invitation.organisation_id)


# --- Invitations from a CSV file ---------------------------------------------------------------------------------


def _context(request, organisation, **extra):
    return {"organisation": organisation, "can_list": perms.can_view_organisations(request.user), **extra}


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_import(request, pk):
    """Step 1: upload the file; it is checked (size, type, encoding, rows, columns) and kept in the session."""
    organisation = get_organisation_for_user(request, pk, write=True)
    return UPLOADS.upload(
        request,
        template="members/invitations/import.html",
        context=_context(
            request,
            organisation,
            columns=COLUMNS,
            max_rows=MAX_ROWS,
            template_url=reverse("members:invitation_import_template", args=[organisation.pk]),
            cancel_url=reverse("members:organisation_detail", args=[organisation.pk]),
        ),
        preview_url=reverse("members:invitation_import_confirm", args=[organisation.pk]),
        scope={"organisation": organisation.pk},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_import_confirm(request, pk):
    """Step 2 (GET): each row and what confirming does with it. Step 3 (POST): send every valid invitation at once."""
    organisation = get_organisation_for_user(request, pk, write=True)
    stored, upload = UPLOADS.stored(request, scope={"organisation": organisation.pk})
    if upload is None:
        messages.info(request, _("Upload a CSV file first."))
        return redirect("members:invitation_import", pk=organisation.pk)
    plan = plan_invitations(organisation, upload)
    status = 200
    if request.method == "POST":
        form = InvitationImportConfirmForm(request.POST, expected_upload=stored["token"])
        if form.is_valid():
            return _send(request, organisation, plan)
        status = 400
    else:
        form = InvitationImportConfirmForm(initial={"upload": stored["token"]})
    context = _context(
        request,
        organisation,
        **preview_context(stored, upload),
        form=form,
        plan=plan,
        summary=plan.summary(),
        has_full_name="full_name" in upload.columns,
    )
    return render(request, "members/invitations/import_preview.html", context, status=status)


def _send(request, organisation, plan):
    preview = redirect("members:invitation_import_confirm", pk=organisation.pk)
    rows = plan.sendable
    if not rows:
        messages.info(request, _("Nobody to invite in this file: check the preview."))
        return preview
    try:
        invitations = invitation_send_many(
            organisation=organisation,
            invitees=[(row.email, row.role) for row in rows],
            by=request.user,
            accept_url=_accept_url(request),
        )
    except InvitationError as error:
        messages.error(request, _("Nothing was sent: %(reason)s Check the new preview.") % {"reason": error})
        return preview
    UPLOADS.clear(request)
    messages.success(
        request,
        ngettext(
            "%(count)s invitation is on its way. The link works for 7 days.",
            "%(count)s invitations are on their way. Each link works for 7 days.",
            len(invitations),
        )
        % {"count": len(invitations)},
    )
    skipped = len(plan.rows) - len(rows)
    if skipped:
        messages.warning(
            request,
            ngettext(
                "%(count)s row was skipped (already a member, or an error shown in the preview).",
                "%(count)s rows were skipped (already members, or errors shown in the preview).",
                skipped,
            )
            % {"count": skipped},
        )
    return redirect("members:organisation_detail", pk=organisation.pk)


@require_safe
def invitation_import_template(request, pk):
    """A CSV with the expected columns and two example rows, ready to fill in a spreadsheet."""
    get_organisation_for_user(request, pk, write=True)
    examples = [
        ["camille.durand@example.org", "advisor", "Camille Durand"],
        ["dominique.lefevre@example.org", "referent", "Dominique Lefèvre"],
    ]
    return csv_download(name=TEMPLATE_NAME, header=COLUMN_NAMES, rows=examples, dated=False)
