"""Two advisors correcting one company record at once (issue 14): the second save is refused (409) with a table of
the fields that differ, their saved value beside yours; saving again keeps what the other advisor changed unless
"Keep mine" is ticked for that field, and keeps your input everywhere else."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from network.models import AuditEntry, Territory
from referrals.models import Company
from tests.factories import ConventionFactory

pytestmark = pytest.mark.django_db


class EditPage(HTMLParser):
    """What a browser reads on the edit page: the values its form would send (the controls as they are filled in,
    checkboxes as they are ticked) and the conflict table's rows as text (label, theirs, yours, on saving again)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.controls, self.checkboxes, self.rows = {}, {}, []
        self._in_form = self._in_conflicts = False
        self._select = self._textarea = self._cell = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method") == "post":
            self._in_form = True
        elif tag == "table" and attrs.get("id") == "conflicts":
            self._in_conflicts = True
        elif self._in_conflicts and tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif self._in_conflicts and tag in ("td", "th"):
            self._cell = []
        if not self._in_form or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type") == "checkbox":
            self.checkboxes[(attrs["name"], attrs.get("value"))] = "checked" in attrs
        elif tag == "input":
            self.controls[attrs["name"]] = attrs.get("value", "")
        elif tag == "select":
            self._select = attrs["name"]
            self.controls.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.controls[self._select] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.controls[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "table":
            self._in_conflicts = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._textarea:
            self.controls[self._textarea] += data

    def data(self, **changes):
        """The form as sent after typing ``changes``; ``tick=[...]`` ticks those "Keep mine" boxes."""
        sent = dict(self.controls)
        ticked = [(name, value) for (name, value), checked in self.checkboxes.items() if checked]
        for field in changes.pop("tick", []):
            assert ("keep_mine", field) in self.checkboxes, f"no 'Keep mine' box for {field} on the page"
            ticked.append(("keep_mine", field))
        for name, value in ticked:
            sent.setdefault(name, [])
            sent[name] = [*sent[name], value] if isinstance(sent[name], list) else [sent[name], value]
        sent.update(changes)
        return sent

    def row(self, label):
        (row,) = [row for row in self.rows[1:] if row[0] == label]
        return row


def client_for(user):
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


@pytest.fixture
def alice(gated_advisor):
    return gated_advisor(organisation=ConventionFactory(organisation__name="Initiative Loiret").organisation)


@pytest.fixture
def bruno(gated_advisor):
    return gated_advisor(organisation=ConventionFactory(organisation__name="BGE Touraine").organisation)


@pytest.fixture
def record(db):
    return Company.objects.create(
        name="Durand SAS", registration_number="443061841", legal_form="SARL", website="https://durand.example"
    )


def open_form(client, record):
    response = client.get(reverse("referrals:company_edit", args=[record.pk]))
    assert response.status_code == 200
    return EditPage(response.content.decode())


def save(client, record, data):
    return client.post(reverse("referrals:company_edit", args=[record.pk]), data)


@pytest.fixture
def conflict(alice, bruno, record):
    """Both open the form; Alice changes the legal form to EURL and saves; Bruno, who did not touch the legal form,
    renames the company and saves: refused, the conflict page is returned (the response)."""
    alices, brunos = client_for(alice), client_for(bruno)
    her_form, his_form = open_form(alices, record), open_form(brunos, record)
    assert save(alices, record, her_form.data(legal_form="EURL")).status_code == 302
    return brunos, save(brunos, record, his_form.data(name="Durand Frères SAS"))


def test_the_conflict_page_shows_their_saved_value_beside_yours_field_by_field(conflict, record):
    _brunos, response = conflict
    assert response.status_code == 409
    page = EditPage(response.content.decode())
    assert page.rows[0][:3] == ["Field", "Their saved value", "Your value"]
    assert page.row("Legal form")[1:3] == ["EURL", "SARL"]
    assert page.row("Name")[1:3] == ["Durand SAS", "Durand Frères SAS"]
    assert "only you changed it" in page.row("Name")[3]
    assert len(page.rows) == 3  # the number and website are the same on both sides: not listed
    # The form is ready to save again: their change, your other input, the token of the version now saved.
    assert page.controls["legal_form"] == "EURL" and page.controls["name"] == "Durand Frères SAS"
    assert page.controls["version"] == "2" and page.checkboxes == {("keep_mine", "legal_form"): False}


def test_saving_again_keeps_the_other_advisors_change_and_your_other_input(conflict, record, bruno):
    brunos, response = conflict
    again = save(brunos, record, EditPage(response.content.decode()).data())
    assert again.status_code == 302
    record.refresh_from_db()
    assert (record.legal_form, record.name, record.version) == ("EURL", "Durand Frères SAS", 3)
    his_entry = AuditEntry.objects.filter(action="update", object_id=str(record.pk)).latest("pk")
    assert his_entry.actor_id == bruno.pk and his_entry.changed_fields == ["name"]


def test_keeping_mine_explicitly_takes_your_value_over_theirs(conflict, record, bruno):
    brunos, response = conflict
    again = save(brunos, record, EditPage(response.content.decode()).data(tick=["legal_form"]))
    assert again.status_code == 302
    record.refresh_from_db()
    assert (record.legal_form, record.name) == ("SARL", "Durand Frères SAS")
    his_entry = AuditEntry.objects.filter(action="update", object_id=str(record.pk)).latest("pk")
    assert his_entry.actor_id == bruno.pk and set(his_entry.changed_fields) == {"name", "legal_form"}


def test_a_field_both_changed_to_different_values_is_theirs_unless_you_keep_yours(alice, bruno, record, territories):
    alices, brunos = client_for(alice), client_for(bruno)
    her_form, his_form = open_form(alices, record), open_form(brunos, record)
    assert save(alices, record, her_form.data(commune="Orléans", size_band="1-9")).status_code == 302
    response = save(brunos, record, his_form.data(commune="Tours", size_band="1-9"))
    assert response.status_code == 409
    page = EditPage(response.content.decode())
    assert page.row("Commune")[1:3] == ["Orléans (45000)", "Tours (37000)"]
    assert len(page.rows) == 2  # the size both chose is no conflict
    assert page.controls["commune"].startswith("Orléans")
    assert save(brunos, record, page.data(tick=["commune"])).status_code == 302
    record.refresh_from_db()
    assert record.commune == Territory.objects.get(level="commune", code="37261") and record.size_band == "1-9"


def test_a_third_save_while_you_resolve_is_compared_with_what_you_last_saw(alice, bruno, record):
    alices, brunos = client_for(alice), client_for(bruno)
    her_form, his_form = open_form(alices, record), open_form(brunos, record)
    assert save(alices, record, her_form.data(legal_form="EURL")).status_code == 302
    first = EditPage(save(brunos, record, his_form.data(name="Durand Frères SAS")).content.decode())
    assert save(alices, record, open_form(alices, record).data(website="https://durand-freres.example")).status_code
    second = save(brunos, record, first.data())
    assert second.status_code == 409
    page = EditPage(second.content.decode())
    assert page.row("Website")[1:3] == ["https://durand-freres.example", "https://durand.example"]
    assert [row[0] for row in page.rows[1:]] == ["Name", "Website"]  # the legal form is settled: EURL on both sides
    assert save(brunos, record, page.data()).status_code == 302
    record.refresh_from_db()
    assert (record.name, record.legal_form, record.website) == (
        "Durand Frères SAS",
        "EURL",
        "https://durand-freres.example",
    )


def test_a_form_whose_hidden_snapshot_was_altered_is_refused_and_saves_nothing(bruno, record):
    brunos = client_for(bruno)
    response = save(brunos, record, open_form(brunos, record).data(name="Autre nom", base="forged"))
    assert response.status_code == 400
    assert "This form was altered or is too old" in response.content.decode()
    record.refresh_from_db()
    assert record.name == "Durand SAS" and record.version == 1


def test_the_conflict_page_is_in_french_for_a_french_advisor(alice, bruno, record):
    bruno.preferred_language = "fr"
    bruno.save()
    alices, brunos = client_for(alice), client_for(bruno)
    her_form, his_form = open_form(alices, record), open_form(brunos, record)
    assert save(alices, record, her_form.data(legal_form="EURL")).status_code == 302
    response = save(brunos, record, his_form.data(name="Durand et fils"))
    assert response.status_code == 409
    page = EditPage(response.content.decode())
    assert page.rows[0][:3] == ["Champ", "Sa valeur enregistrée", "Votre valeur"]
    assert page.row("Forme juridique")[1:3] == ["EURL", "SARL"]
    assert "vous seul l'avez modifié" in page.row("Nom")[3]
