"""CSV import of organisations and their services: upload, map the columns and preview, confirm (network managers),
on network/csv_upload.py's flow.

The uploaded text waits in the session between the steps (capped at 2 MB and 2,000 rows): nothing of it is written
to disk, and nothing reaches the database before the manager confirms the preview.
"""

import csv
import io

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from members import perms
from members.importing import (
    COLUMN_NAMES,
    COLUMNS,
    MAX_ROWS,
    ORGANISATION,
    SERVICE,
    ImportMappingForm,
    ImportUploadForm,
    organisations_import,
    plan_import,
    suggest_mapping,
)
from network.access import requires
from network.csv_upload import CsvFlow, preview_context
from network.models import Network

UPLOADS = CsvFlow(session_key="members_import", form_class=ImportUploadForm)
SESSION_KEY = UPLOADS.session_key
TEMPLATE_FILENAME = "organisations-import-template.csv"
MANAGERS_ONLY = gettext_lazy("Only network managers can import organisations.")


@require_http_methods(["GET", "HEAD", "POST"])
@requires(perms.can_edit_organisations, MANAGERS_ONLY)
def organisation_import(request):
    """Step 1: upload the file. It is checked (size, type, encoding, rows) and kept in the session."""
    return UPLOADS.upload(
        request,
        template="members/manage/import.html",
        context={
            "columns": COLUMNS,
            "max_rows": MAX_ROWS,
            "template_url": reverse("members:organisation_import_template"),
            "cancel_url": reverse("members:organisation_list"),
        },
        preview_url=reverse("members:organisation_import_confirm"),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@requires(perms.can_edit_organisations, MANAGERS_ONLY)
def organisation_import_confirm(request):
    """Step 2 (GET): map the columns and preview each row. Step 3 (POST): import the valid rows at once."""
    stored, table = UPLOADS.stored(request)
    if table is None:
        messages.info(request, _("Upload a CSV file first."))
        return redirect("members:organisation_import")
    labels = table.column_labels()
    if request.method == "POST":
        form = ImportMappingForm(request.POST, headers=table.headers, labels=labels, expected_upload=stored["token"])
        if form.is_valid():
            try:
                plan = organisations_import(table=table, mapping=form.mapping(), by=request.user)
            except IntegrityError:
                messages.error(
                    request,
                    _("Someone changed organisations while you imported; nothing was imported. Check the preview."),
                )
                return redirect(_preview_url(form.mapping()))
            UPLOADS.clear(request)
            _report(request, plan)
            return redirect("members:organisation_list")
        status = 400
    else:
        submitted = any(name in request.GET for name in COLUMN_NAMES)
        if submitted:
            data = request.GET
        else:
            data = {name: str(index) for name, index in suggest_mapping(table.headers).items()}
        form = ImportMappingForm(data, headers=table.headers, labels=labels)
        status = 400 if submitted and not form.is_valid() else 200
    plan = plan_import(table, form.mapping()) if form.is_valid() else None
    context = {
        **preview_context(stored, table),
        "form": form,
        "groups": form.groups(),
        "table": table,
        "labels": labels,
        "plan": plan,
        "summary": plan.summary() if plan else {},
        "hidden_mapping": sorted(form.mapping().items()) if plan else [],
    }
    return render(request, "members/manage/import_preview.html", context, status=status)


def _preview_url(mapping) -> str:
    query = {name: str(mapping[name]) if name in mapping else "" for name in COLUMN_NAMES}
    return f"{reverse('members:organisation_import_confirm')}?{urlencode(query)}"


def _report(request, plan):
    summary = plan.summary()
    if plan.changes:
        messages.success(
            request,
            _(
                "Import done. Organisations: %(organisations_create)s created, %(organisations_update)s updated, "
                "%(organisations_unchanged)s unchanged. Services: %(services_create)s created, "
                "%(services_update)s updated, %(services_unchanged)s unchanged."
            )
            % summary,
        )
    else:
        messages.info(request, _("Nothing changed: every valid row matches the portal already."))
    if plan.errors:
        messages.warning(request, _("%(errors)s rows with errors were skipped.") % summary)


# --- The template file ---------------------------------------------------------------------------------------------


def _example_rows(country) -> list[dict]:
    number = "123456782" if country == Network.Country.FRANCE else "12345678"
    organisation = {
        "type": ORGANISATION,
        "registration_number": number,
        "name": "Chambre des métiers de l'exemple",
        "kind": "chamber_trades",
        "website": "https://www.example.org",
        "description_fr": "Accompagne les entreprises artisanales.",
        "description_en": "Supports craft businesses.",
        "contact_email": "contact@example.org",
        "contact_phone": "02 38 00 00 00",
        "address": "1 rue de l'Exemple, 45000 Orléans",
        "departements": "45 41",
    }
    service = {
        "type": SERVICE,
        "organisation_registration_number": number,
        "title_fr": "Prêt d'honneur",
        "title_en": "Honour loan",
        "description_fr": "Un prêt sans intérêt ni garantie pour les créateurs.",
        "description_en": "An interest-free loan without guarantee for founders.",
        "stages": "creation growth",
        "themes": "financing-loans",
        "cost": "free",
        "how_to_access_fr": "Sur rendez-vous.",
        "how_to_access_en": "By appointment.",
        "public": "yes",
    }
    return [organisation, service]


@require_safe
@requires(perms.can_edit_organisations, MANAGERS_ONLY)
def organisation_import_template(request):
    """A CSV with every expected column and two example rows, ready to fill in a spreadsheet."""
    buffer = io.StringIO()
    buffer.write("\ufeff")  # a BOM, so spreadsheets read the accents as UTF-8
    writer = csv.DictWriter(buffer, fieldnames=COLUMN_NAMES, lineterminator="\r\n", restval="")
    writer.writeheader()
    writer.writerows(_example_rows(Network.load().country))
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{TEMPLATE_FILENAME}"
    return response
