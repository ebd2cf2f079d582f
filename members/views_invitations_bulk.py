"""Invitations from a CSV file: upload, preview each row's outcome, confirm (network managers; referents for their
own organisation).

The uploaded text waits in the session between the steps (at most 1 MB and 200 rows), tied to the organisation it
was uploaded for; the preview and the confirmation both read it again from there and plan again, so nothing posted
by the browser decides who is invited.
"""

import secrets
from pathlib import PurePath

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from members import perms
from members.forms import InvitationImportConfirmForm, InvitationUploadForm
from members.importing import ImportFileError
from members.invitations_bulk import COLUMN_NAMES, COLUMNS, MAX_ROWS, plan_invitations, read_text
from members.services import InvitationError, invitation_send_many
from members.views_manage import _organisation_for
from network.exports import csv_download

SESSION_KEY = "members_invitation_upload"
TEMPLATE_NAME = "invitations-template"


def _accept_url(request):
    return lambda token: request.build_absolute_uri(reverse("invitation_accept", kwargs={"token": token}))


def _stored_upload(request, organisation):
    """The upload waiting in the session for ``organisation`` and its table, or (None, None)."""
    stored = request.session.get(SESSION_KEY)
    try:
        if stored["organisation"] != organisation.pk:
            return None, None
        return stored, read_text(stored["text"], stored["encoding"])
    except (TypeError, KeyError, ImportFileError):
        return None, None


def _context(request, organisation, **extra):
    return {"organisation": organisation, "can_list": perms.can_view_organisations(request.user), **extra}


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_import(request, pk):
    """Step 1: upload the file; it is checked (size, type, encoding, rows, columns) and kept in the session."""
    organisation = _organisation_for(request, pk, write=True)
    if request.method == "POST":
        form = InvitationUploadForm(request.POST, request.FILES)
        if form.is_valid():
            request.session[SESSION_KEY] = {
                "token": secrets.token_urlsafe(12),
                "organisation": organisation.pk,
                "filename": PurePath(form.cleaned_data["file"].name).name[:120],
                "encoding": form.upload.encoding,
                "text": form.text,
            }
            return redirect("members:invitation_import_confirm", pk=organisation.pk)
        status = 400
    else:
        form = InvitationUploadForm()
        status = 200
    context = _context(request, organisation, form=form, columns=COLUMNS, max_rows=MAX_ROWS)
    return render(request, "members/invitations/import.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_import_confirm(request, pk):
    """Step 2 (GET): each row and what confirming does with it. Step 3 (POST): send every valid invitation at once."""
    organisation = _organisation_for(request, pk, write=True)
    stored, upload = _stored_upload(request, organisation)
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
        form=form,
        upload=stored,
        plan=plan,
        summary=plan.summary(),
        delimiter_label=_("semicolons") if upload.delimiter == ";" else _("commas"),
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
    del request.session[SESSION_KEY]
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
    _organisation_for(request, pk, write=True)
    examples = [
        ["camille.durand@example.org", "advisor", "Camille Durand"],
        ["dominique.lefevre@example.org", "referent", "Dominique Lefèvre"],
    ]
    return csv_download(name=TEMPLATE_NAME, header=COLUMN_NAMES, rows=examples, dated=False)
