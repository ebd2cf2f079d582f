"""Generated tests over the project registries (network/registries.py): every URL, form and personal-data field.

Adding a URL, a form view or a text field without registering it makes one of these tests fail and say what to do.
SECURITY.md rows: AZ-1, AZ-4, HD-1, HD-3, HD-4, IN-1, IN-3, IN-6, PR-1.
"""

import ast
import urllib.parse
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from members.models import Advisor, Affiliation, CodeOfConduct, CodeOfConductSignature
from members.services import invitation_send
from network.models import Network, OfficeCommune, PrivacyNotice, Territory
from network.registries import PROJECT_APPS, Access, collect, is_text_like, rule_for
from referrals.models import Interaction
from tests.factories import (
    AffiliationFactory,
    CompanyContactFactory,
    CompanyFactory,
    ConventionFactory,
    NetworkStaffFactory,
    ServiceFactory,
    UserFactory,
)
from tests.registry_examples import EXAMPLES
from tests.urlwalk import (
    dummy_kwargs,
    path_for,
    registry_to_edit,
    reversible_entries,
    script_problems,
    url_entries,
    with_access,
)

pytestmark = pytest.mark.django_db

REGISTRIES = collect()
ENTRIES = reversible_entries()
LOGIN_PATH = "/accounts/login/"
HOW_TO_REGISTER = "The rules (public, authenticated, role, scoped, third_party) are in network/registries.py."


def by_access(*kinds):
    return with_access(ENTRIES, REGISTRIES, *kinds)


def ids(entry):
    return entry.name


@pytest.fixture
def world(cvl_offices, network, user, network_manager):
    """Objects the example URLs point at; the signed-in personas have a second factor set up."""
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.core.cache import cache
    from django.core.files.base import ContentFile

    office = cvl_offices["37"]
    link = OfficeCommune.objects.create(office=office, commune=Territory.objects.get(level="commune", code="41151"))
    convention = ConventionFactory(with_pdf=True)
    service = ServiceFactory(organisation=convention.organisation)
    code = CodeOfConduct.objects.create(
        version=1, text_en="Be fair.", text_fr="Soyez loyal.", published_at=timezone.now()
    )
    referent = Advisor.objects.create(user=user)
    Affiliation.objects.create(advisor=referent, organisation=convention.organisation, role="referent")
    signer = AffiliationFactory(organisation=convention.organisation).advisor
    signature = CodeOfConductSignature.objects.create(
        advisor=signer, code=code, organisation=convention.organisation, language="en", text_sha256="0" * 64
    )
    invitation = invitation_send(
        organisation=convention.organisation,
        email="invited@example.org",
        role="advisor",
        by=network_manager,
        accept_url=lambda token: f"/accounts/invitation/{token}/",
    )
    network.logo.save("logo.png", ContentFile(_png()), save=True)
    company = CompanyFactory(name="Boulangerie Dupain")
    contact = CompanyContactFactory(company=company, full_name="Jeanne Dupain")
    interaction = Interaction.objects.create(
        company=company, advisor=referent, organisation=convention.organisation, summary="Diagnostic export"
    )
    cache.clear()
    for person in (user, network_manager):
        TOTP.activate(person, generate_totp_secret())
        RecoveryCodes.activate(person)
    return {
        "office": office,
        "commune_link": link,
        "organisation": convention.organisation,
        "convention": convention,
        "service": service,
        "invitation": invitation,
        "signature": signature,
        "company": company,
        "contact": contact,
        "interaction": interaction,
    }


def _png():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "#123456").save(buffer, format="PNG")
    return buffer.getvalue()


# Pages whose job is to send a visitor without a sign-in in progress back to the sign-in page.
SENDS_TO_SIGN_IN = {"admin_login_redirect", "account_confirm_login_code", "mfa_authenticate"}


def client_for(user=None):
    """A client signed in as ``user`` who has just confirmed their password (allauth's re-authentication)."""
    import time

    from allauth.account.internal.flows import login as allauth_login

    client = Client(headers={"accept-language": "en"})
    if user is not None:
        client.force_login(user)
        session = client.session
        session[allauth_login.AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": time.time(), "reauthenticated": True}
        ]
        session[allauth_login._AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
        session.save()
    return client


# Reading personal data writes an access-log row (LG-3, e.g. an export): a record of the read, not a side effect.
READ_RECORDS = ("network.AccessLog",)


def _row_counts(ignore=()):
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label not in ignore
    }


def assert_security_headers(response, label):
    assert response["X-Content-Type-Options"] == "nosniff", label
    assert response["Referrer-Policy"] == "same-origin", label
    assert response["X-Frame-Options"] == "DENY", label
    assert response["Permissions-Policy"] == settings.PERMISSIONS_POLICY, label
    csp = response["Content-Security-Policy"]
    if response.get("Content-Disposition", "").startswith("attachment"):  # downloads run nothing at all (FU-2)
        assert "sandbox" in csp and "default-src 'none'" in csp, label
    else:
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp, label


# --- AZ-1: every URL is classified --------------------------------------------------------------------------------


def test_every_url_pattern_is_classified():
    missing = sorted(
        {
            f"{entry.name} (/{entry.route}, served by {entry.pattern.lookup_str}): add it to ACCESS in "
            f"{registry_to_edit(entry)}"
            for entry in url_entries()
            if rule_for(REGISTRIES, entry.name) is None
        }
    )
    assert not missing, "Unclassified URL patterns:\n" + "\n".join(missing) + f"\n{HOW_TO_REGISTER}"


def test_the_registry_names_no_url_that_does_not_exist():
    names = {entry.name for entry in url_entries()}
    stale = sorted(set(REGISTRIES.access) - names)
    assert not stale, f"ACCESS entries for URLs that no longer exist: {stale}"


def test_every_parameterised_url_has_an_example():
    missing = [entry.name for entry in ENTRIES if entry.parameters() and entry.name not in EXAMPLES]
    assert not missing, f"Add real arguments for {missing} to tests/registry_examples.py"


# --- AZ-2 (first part): who gets in -------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", by_access(Access.AUTHENTICATED, Access.ROLE, Access.OBJECT), ids=ids)
def test_anonymous_visitors_are_sent_to_sign_in(entry):
    response = client_for().get(path_for(entry))
    assert response.status_code == 302, entry.name
    assert response["Location"].startswith(f"{LOGIN_PATH}?next="), entry.name
    assert_security_headers(response, entry.name)


@pytest.mark.parametrize("entry", by_access(Access.ROLE), ids=ids)
def test_accounts_without_the_role_are_refused_with_403(entry, user):
    response = client_for(user).get(path_for(entry))
    assert response.status_code in (403, 405), entry.name  # 405: POST-only, refused before anything else
    if response.status_code == 403:
        assert "You cannot open this page" in response.content.decode()


ROLE_PERSONAS = {
    "members.perms.can_publish_code_of_conduct": "network_manager",
    "network.perms.is_network_manager": "network_manager",
    "members.perms.can_view_organisations": "office_manager",  # read-only staff: the weakest allowed persona
    "members.perms.can_edit_organisations": "network_manager",
    "members.perms.can_find_colleagues": "user",  # in ``world``, a referent of a member organisation
    "referrals.perms.can_read_companies": "office_manager",  # network staff pass the gate; read-only on members
    "referrals.perms.can_edit_companies": "network_manager",
    "referrals.perms.can_merge_companies": "network_manager",
    "referrals.perms.can_log_interactions": "logging_advisor",  # staff log nothing: an advisor through the gate
}


@pytest.fixture
def logging_advisor(world):
    """An advisor of ``world``'s organisation through the company-data gate (countersigned by ``user``)."""
    from tests.referrals.conftest import make_gated_advisor

    return make_gated_advisor(organisation=world["organisation"])


def _persona_for(rule, request):
    if rule.access == Access.ROLE:
        return request.getfixturevalue(ROLE_PERSONAS[rule.roles[0]])
    if rule.access in (Access.AUTHENTICATED, Access.OBJECT):
        return request.getfixturevalue("user")  # in ``world``, a referent of the organisation the examples use
    return None


@pytest.mark.parametrize("entry", by_access(Access.OBJECT), ids=ids)
def test_someone_outside_the_owning_organisation_gets_404_and_changes_nothing(entry, world):
    """AZ-2: a referent of another organisation; foreign objects never answer 403 (no existence leak)."""
    outsider = AffiliationFactory(referent=True).advisor.user
    client = client_for(outsider)
    path = path_for(entry, EXAMPLES[entry.name](world))
    assert client.get(path).status_code in (404, 405), entry.name
    before = _row_counts()
    posted = client.post(path, {"email": "x@example.org", "role": "advisor", "name": "Hijacked"})
    assert posted.status_code in (404, 405), entry.name  # 405: a read-only page
    assert _row_counts() == before, entry.name


@pytest.mark.parametrize("entry", by_access(Access.OBJECT), ids=ids)
def test_an_account_with_no_organisation_gets_403_with_an_explanation(entry, world):
    response = client_for(UserFactory()).get(path_for(entry, EXAMPLES[entry.name](world)))
    assert response.status_code in (403, 405), entry.name


@pytest.mark.parametrize("entry", by_access(Access.PUBLIC, Access.AUTHENTICATED, Access.ROLE, Access.OBJECT), ids=ids)
def test_the_allowed_persona_gets_the_page_unchanged_with_safe_headers_and_no_inline_script(entry, world, request):
    rule = rule_for(REGISTRIES, entry.name)
    persona = _persona_for(rule, request)
    kwargs = EXAMPLES[entry.name](world) if entry.name in EXAMPLES else dummy_kwargs(entry)
    client = client_for(persona)
    before = _row_counts(ignore=READ_RECORDS)
    response = client.get(path_for(entry, kwargs))
    assert _row_counts(ignore=READ_RECORDS) == before, f"GET {entry.name} changed rows (IN-6: GET has no side effects)"
    assert response.status_code in (200, 302, 405), entry.name
    assert_security_headers(response, entry.name)
    if persona is not None:  # HD-3
        assert "no-store" in response["Cache-Control"] and "Cookie" in response.get("Vary", ""), entry.name
    if response.status_code == 302 and entry.name not in SENDS_TO_SIGN_IN:
        assert not response["Location"].startswith(LOGIN_PATH), f"{entry.name} sent its persona to sign in"
    if response["Content-Type"].startswith("text/html") and response.status_code == 200:
        assert script_problems(response.content.decode()) == [], entry.name


@pytest.mark.parametrize("entry", by_access(Access.OFF), ids=ids)
def test_a_switched_off_page_does_not_exist_for_anyone(entry, world, request):
    for persona in (None, request.getfixturevalue("user"), request.getfixturevalue("network_manager")):
        client = client_for(persona)
        assert client.get(path_for(entry)).status_code == 404, entry.name
        assert client.post(path_for(entry), {"email": "x@example.org"}).status_code == 404, entry.name


# --- Every page that answers GET answers HEAD (uptime monitors and link checkers send HEAD) -------------------------


@pytest.mark.parametrize("entry", ENTRIES, ids=ids)
def test_every_page_answers_head_as_it_answers_get_without_a_body(entry, world, request):
    rule = rule_for(REGISTRIES, entry.name)  # an unclassified URL fails its own test above: tried anonymously here
    kwargs = EXAMPLES[entry.name](world) if entry.name in EXAMPLES else dummy_kwargs(entry)
    path = path_for(entry, kwargs)
    client = client_for(_persona_for(rule, request) if rule else None)
    got = client.get(path)
    _body(got)  # reads a download to its end, which closes its file
    head = client.head(path)
    assert head.status_code == got.status_code, f"{entry.name}: GET {got.status_code}, HEAD {head.status_code}"
    assert _body(head) == b"", entry.name
    if got.status_code in (200, 302, 403, 404):
        assert head["Content-Type"] == got["Content-Type"], entry.name
        assert head.get("Location") == got.get("Location"), entry.name
    else:  # only POST-only pages refuse GET, and HEAD with them
        assert got.status_code == 405 and "GET" not in got["Allow"], entry.name


def test_health_checks_answer_head_for_uptime_monitors(client, network):
    for path in ("/healthz", "/readyz"):
        response = client.head(path)
        assert response.status_code == 200, path
        assert _body(response) == b"", path


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


# --- IN-6: CSRF on every POST ------------------------------------------------------------------------------------


# Every named URL, and the admin's parameter-free ones (its object URLs share the same views and protection).
CSRF_ENTRIES = [entry for entry in url_entries() if not entry.is_admin or not entry.parameters()]


@pytest.mark.parametrize("entry", CSRF_ENTRIES, ids=ids)
def test_every_post_without_a_csrf_token_is_refused(entry, network_manager):
    client = Client(enforce_csrf_checks=True, headers={"accept-language": "en"})
    client.force_login(network_manager)
    path = "/" + entry.route if entry.is_admin else path_for(entry)
    assert client.post(path, {"x": "1"}).status_code == 403, entry.name


# --- AZ-4: every view that accepts POST is registered with its form -------------------------------------------------


@pytest.mark.parametrize("entry", ENTRIES, ids=ids)
def test_every_view_accepting_post_is_in_the_form_registry(entry, network_manager, world):
    client = client_for(network_manager)  # signed in and re-authenticated: neither can hide a 405
    kwargs = EXAMPLES[entry.name](world) if entry.name in EXAMPLES else dummy_kwargs(entry)
    accepts_post = client.post(path_for(entry, kwargs), {}).status_code != 405
    registered = entry.name in REGISTRIES.forms
    assert accepts_post == registered, (
        f"{entry.name} accepts POST but is not in FORMS of its registry.py: add FormView(<FormClass>, protected=...)"
        if accepts_post
        else f"{entry.name} is in FORMS but does not accept POST: remove it"
    )


@pytest.mark.parametrize("name", sorted(REGISTRIES.forms))
def test_protected_fields_cannot_be_posted_through_registered_forms(name):
    view = REGISTRIES.forms[name]
    if view.form is None:
        return
    exposed = set(view.protected) & set(view.form.base_fields)
    assert not exposed, f"{name}: {view.form.__name__} exposes protected fields {sorted(exposed)}"


def _model_forms_with_open_field_lists():
    problems = []
    for label in PROJECT_APPS:
        for path in Path(settings.BASE_DIR, label).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ClassDef) and node.name == "Meta":
                    for statement in node.body:
                        targets = [t.id for t in getattr(statement, "targets", []) if isinstance(t, ast.Name)]
                        value = getattr(statement, "value", None)
                        if "exclude" in targets or (
                            "fields" in targets and isinstance(value, ast.Constant) and value.value == "__all__"
                        ):
                            problems.append(f"{path.relative_to(settings.BASE_DIR)}:{statement.lineno}")
    return problems


def test_no_model_form_uses_all_fields_or_exclude():
    assert _model_forms_with_open_field_lists() == [], "List the fields a form may change explicitly"


def test_posting_protected_fields_changes_nothing(manager_client, network):
    before = Network.objects.values("id", "created_at").get()
    data = {"name": "Renamed", "primary_colour": "#1d4f91", "accent_colour": "#b8336a", "country": "FR"}
    data |= {"time_zone": "Europe/Paris", "id": "7", "created_at": "2000-01-01T00:00"}
    assert manager_client.post("/manage/network/", data).status_code == 302
    assert Network.objects.values("id", "created_at").get() == before
    assert Network.objects.get().name == "Renamed"


# --- IN-1: every form survives junk -------------------------------------------------------------------------------

JUNK = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "\x00",
            "A" * 100_000,
            "\ud800",  # a lone surrogate: not valid UTF-8 once encoded
            "\u202egnp.exe",
            "<script>alert(1)</script>",
            "' OR 1=1--",
            "-1",
            "99999999999999999999999",
            "2026-02-30",
            "",
        ]
    ),
)
FORM_PERSONAS = {"network:": "network_manager", "referrals:contact_log": "logging_advisor"}


def _encode(data):
    pairs = []
    for key, value in data.items():
        encoded = value.encode("utf-8", "surrogatepass")
        pairs.append(f"{urllib.parse.quote(key)}={urllib.parse.quote_from_bytes(encoded)}")
    return "&".join(pairs)


FUZZED_FORMS = sorted(name for name, view in REGISTRIES.forms.items() if view.form is not None)


@pytest.mark.parametrize("name", FUZZED_FORMS)
def test_every_form_survives_junk_without_a_server_error(name, world, request):
    persona_fixture = next((fixture for prefix, fixture in FORM_PERSONAS.items() if name.startswith(prefix)), "user")
    rule = rule_for(REGISTRIES, name)
    client = client_for(None if rule.access == Access.PUBLIC else request.getfixturevalue(persona_fixture))
    entry = next(entry for entry in ENTRIES if entry.name == name)
    path = path_for(entry, EXAMPLES[name](world) if name in EXAMPLES else dummy_kwargs(entry))
    field_names = list(REGISTRIES.forms[name].form.base_fields)

    @hypothesis_settings(
        max_examples=settings.HYPOTHESIS_FORM_EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(st.fixed_dictionaries({field: JUNK for field in field_names}))
    def post_junk(data):
        response = client.post(path, _encode(data), content_type="application/x-www-form-urlencoded")
        assert response.status_code < 500, (name, response.status_code)
        if response.status_code == 400 and response["Content-Type"].startswith("text/html"):
            body = response.content.decode()
            assert "There is a problem" in body or "invalid-feedback" in body, name

    post_junk()


# --- IN-3: stored XSS is impossible -------------------------------------------------------------------------------

PAYLOAD = "<img src=x onerror=alert(1)>\"'"


def test_an_xss_payload_in_every_text_field_never_renders_unescaped(client, network_manager, world):
    Network.objects.filter(id=1).update(
        **{
            field.name: PAYLOAD[: field.max_length or None]
            for field in Network._meta.fields
            if isinstance(field, models.CharField | models.TextField)
            and field.name not in {"primary_colour", "accent_colour", "time_zone", "country", "logo"}
        }
    )
    office = world["office"]
    for field in ("name", "address", "email", "phone", "opening_hours_en", "opening_hours_fr"):
        setattr(office, field, PAYLOAD)
    office.save()
    Territory.objects.filter(level="commune", code="37261").update(name=PAYLOAD)
    PrivacyNotice.objects.create(version=1, body_en=PAYLOAD, body_fr=PAYLOAD)
    network_manager.full_name = PAYLOAD
    network_manager.save()
    NetworkStaffFactory(user=UserFactory(full_name=PAYLOAD), office=office, office_manager=True)
    from django.core.cache import cache

    cache.clear()
    client.force_login(network_manager)
    pages = [
        "/en/",
        "/en/legal-notice/",
        "/en/privacy/",
        "/en/accessibility/",
        "/en/contact/",
        "/en/offices/",
        f"/en/offices/{office.slug}/",
        "/en/which-office/?q=37000",
        f"/en/which-office/?q={urllib.parse.quote(PAYLOAD)}",
        "/extranet/",
        "/manage/network/",
        "/manage/offices/",
        f"/manage/offices/{office.pk}/",
        "/manage/privacy-notices/",
    ]
    for page in pages:
        body = client.get(page).content.decode()
        assert "<img src=x onerror" not in body, page
        assert script_problems(body) == [], page


# --- PR-1: every text field is classified ---------------------------------------------------------------------------


def _text_fields():
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.concrete_fields:
                if is_text_like(field):
                    yield f"{label}.{model.__name__}.{field.name}"


def test_every_text_field_is_classified_as_personal_data_or_not():
    unclassified = sorted(set(_text_fields()) - set(REGISTRIES.pii) - set(REGISTRIES.not_pii))
    assert not unclassified, (
        f"Unclassified fields: {unclassified}. Add each to PII (what personal data it holds) or NOT_PII (why not) "
        "in its app's registry.py."
    )


def test_no_field_is_both_personal_and_not():
    assert not set(REGISTRIES.pii) & set(REGISTRIES.not_pii)


def test_the_pii_registry_names_real_fields():
    fields = set(_text_fields())
    stale = sorted((set(REGISTRIES.pii) | set(REGISTRIES.not_pii)) - fields)
    assert not stale, f"Registry entries for fields that do not exist: {stale}"
