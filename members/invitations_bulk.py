"""Invitations from a CSV file (issue "Members II"): read the file and say what each row would do, writing nothing.

The file is read by network/csv_upload.py, as the organisation import's (``decode`` and ``parse_text``): UTF-8
with or without a BOM, Windows-1252 with a notice, commas or semicolons, blank lines skipped. Its columns are found
by name: ``email`` (required), ``role`` (advisor or referent; advisor when the cell is empty) and ``full_name`` (only
shown in the preview: the invitee types their name when they accept).

``plan_invitations`` answers, for each row, one outcome: invited, a pending invitation replaced, already a member
(skipped), or an error that skips the row (invalid email, duplicate in the file, unknown role). Its query count does
not depend on the number of rows. Sending is ``members.services.invitation_send_many``.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.models import Affiliation, Invitation
from network.csv_upload import CsvFileError, Table, choice_lookup, header_key, parse_text
from network.models import User

MAX_BYTES = 1024 * 1024  # the message saying it: forms.InvitationUploadForm.too_large
MAX_ROWS = 200
EMAIL_MAX_LENGTH = 254

INVITE = "invite"
REPLACE = "replace"
MEMBER = "member"
INVALID_EMAIL = "invalid_email"
DUPLICATE = "duplicate"
UNKNOWN_ROLE = "unknown_role"
SENDABLE = (INVITE, REPLACE)
ERRORS = (INVALID_EMAIL, DUPLICATE, UNKNOWN_ROLE)

# Extra spellings of the roles, beyond their codes and their English and French names.
ROLE_SYNONYMS = {
    "conseillere": Affiliation.Role.ADVISOR,
    "conseiller_e": Affiliation.Role.ADVISOR,
    "referente": Affiliation.Role.REFERENT,
    "referent_e": Affiliation.Role.REFERENT,
}


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    help_text: str
    synonyms: tuple[str, ...] = ()


COLUMNS = (
    Column(
        "email",
        gettext_lazy("Email address"),
        gettext_lazy("Required. The invitation is bound to this address: only its owner can use it."),
        ("e_mail", "mail", "courriel", "email_address", "adresse_email", "adresse_e_mail", "adresse_electronique"),
    ),
    Column(
        "role",
        gettext_lazy("Role"),
        gettext_lazy("“advisor” or “referent” (their French names work too); advisor when the cell is empty."),
        ("roles", "fonction", "profil"),
    ),
    Column(
        "full_name",
        gettext_lazy("Full name"),
        gettext_lazy("Optional, shown in the preview only: the invitee types their own name when they accept."),
        ("name", "nom", "nom_complet", "prenom_nom", "nom_prenom", "fullname"),
    ),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)


@dataclass
class InvitationTable:
    """The file's rows and which column holds each field (its index; ``role`` and ``full_name`` may be absent)."""

    table: Table
    columns: dict[str, int]

    @property
    def encoding(self) -> str:
        return self.table.encoding

    @property
    def delimiter(self) -> str:
        return self.table.delimiter

    @property
    def rows(self):
        return self.table.rows

    def cell(self, row, name) -> str:
        index = self.columns.get(name)
        if index is None or index >= len(row.cells):
            return ""
        return row.cells[index].strip()


def find_columns(headers) -> dict[str, int]:
    """Each known column → the index of the file's first column named like it (its name, then a synonym)."""
    keys = [header_key(header) for header in headers]
    found = {}
    for column in COLUMNS:
        for wanted in (column.name, *column.synonyms):
            if wanted in keys and keys.index(wanted) not in found.values():
                found[column.name] = keys.index(wanted)
                break
    return found


def read_text(text: str, encoding: str) -> InvitationTable:
    """Parse decoded text; CsvFileError (with a message safe to show) when it is not a usable invitations file."""
    table = parse_text(text, encoding, max_rows=MAX_ROWS)
    columns = find_columns(table.headers)
    if "email" not in columns:
        if any("@" in header for header in table.headers):
            raise CsvFileError(
                _(
                    "The first line must name the columns (email, role, full_name), but it holds an address. "
                    "Add a line with the column names at the top of the file."
                )
            )
        raise CsvFileError(
            _("The file has no “email” column. Its first line must name the columns: email, role, full_name.")
        )
    return InvitationTable(table=table, columns=columns)


# --- Planning ------------------------------------------------------------------------------------------------------


@dataclass
class InvitationRow:
    line: int
    email: str  # lower case when valid, the cell as it is otherwise
    role: str = ""  # a role code, or the cell as it is when unknown
    full_name: str = ""
    outcome: str = ""
    detail: str = ""
    has_account: bool = False

    @property
    def sendable(self) -> bool:
        return self.outcome in SENDABLE

    @property
    def is_error(self) -> bool:
        return self.outcome in ERRORS

    @property
    def role_label(self) -> str:
        if self.role in Affiliation.Role.values:
            return Affiliation.Role(self.role).label
        return self.role


@dataclass
class InvitationPlan:
    rows: list[InvitationRow] = field(default_factory=list)

    def count(self, *outcomes) -> int:
        return sum(1 for row in self.rows if row.outcome in outcomes)

    @property
    def sendable(self) -> list[InvitationRow]:
        return [row for row in self.rows if row.sendable]

    def summary(self) -> dict:
        return {
            "invite": self.count(INVITE),
            "replace": self.count(REPLACE),
            "send": self.count(*SENDABLE),
            "member": self.count(MEMBER),
            "errors": self.count(*ERRORS),
            "rows": len(self.rows),
        }


def _role_lookup() -> dict[str, str]:
    return choice_lookup(Affiliation.Role) | ROLE_SYNONYMS


def _valid_email(value: str) -> bool:
    if len(value) > EMAIL_MAX_LENGTH:
        return False
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def plan_invitations(organisation, upload: InvitationTable) -> InvitationPlan:
    """What confirming would do for each row of ``upload``. Three queries, whatever the number of rows."""
    roles = _role_lookup()
    plan = InvitationPlan()
    first_line = {}  # valid address → the line it first appears on
    for row in upload.table.rows:
        raw_email = upload.cell(row, "email")
        raw_role = upload.cell(row, "role")
        item = InvitationRow(line=row.line, email=raw_email, full_name=upload.cell(row, "full_name"))
        item.role = roles.get(header_key(raw_role), raw_role) if raw_role else Affiliation.Role.ADVISOR
        email = raw_email.lower()
        if not raw_email:
            item.outcome, item.detail = INVALID_EMAIL, _("The email address is missing.")
        elif not _valid_email(email):
            item.outcome, item.detail = INVALID_EMAIL, _("This is not a valid email address.")
        else:
            item.email = email
            if email in first_line:
                item.outcome = DUPLICATE
                item.detail = _("The same address is already on line %(line)s; only that line counts.") % {
                    "line": first_line[email]
                }
            else:
                first_line[email] = row.line
                if item.role not in Affiliation.Role.values:
                    item.outcome = UNKNOWN_ROLE
                    item.detail = _("Use advisor or referent, or leave the cell empty for advisor.")
        plan.rows.append(item)

    emails = {row.email for row in plan.rows if not row.outcome}
    members, pending, accounts = {}, set(), set()
    if emails:
        members = dict(
            Affiliation.objects.current()
            .filter(organisation=organisation)
            .annotate(member_email=Lower("advisor__user__email"))
            .filter(member_email__in=emails)
            .values_list("member_email", "role")
        )
        pending = set(
            Invitation.objects.filter(
                organisation=organisation,
                email__in=emails,
                accepted_at__isnull=True,
                revoked_at__isnull=True,
                expires_at__gt=timezone.now(),
            ).values_list("email", flat=True)
        )
        accounts = set(
            User.objects.annotate(lower_email=Lower("email"))
            .filter(lower_email__in=emails)
            .values_list("lower_email", flat=True)
        )
    for row in plan.rows:
        if row.outcome:
            continue
        row.has_account = row.email in accounts
        if row.email in members:
            row.outcome = MEMBER
            row.detail = _("Already works for this organisation (as %(role)s): nothing is sent.") % {
                "role": Affiliation.Role(members[row.email]).label.lower()
            }
        elif row.email in pending:
            row.outcome = REPLACE
            row.detail = _("The pending invitation is withdrawn and a new link is sent.")
        else:
            row.outcome = INVITE
        if row.has_account and row.outcome in SENDABLE:
            extra = _("Has an account already: they sign in to accept.")
            row.detail = f"{row.detail} {extra}" if row.detail else extra
    return plan
