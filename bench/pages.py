"""The pages the benchmark drives, in one list. Each later issue adds its pages to ``PAGES``; the test
``tests/test_bench_queries.py`` pins the SQL queries of every page listed here (a new page fails it until pinned).

A page's address is built from ``Subjects``: the rows of the database it names (the busiest company, an office...),
found by ``find_subjects`` in whatever data is loaded (a benchmark scale, or the test's small fixtures). Django must
be set up before anything here is called; importing the module needs nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

FINDER_QUERY = "Orléans"
COLLEAGUE_QUERY = "export"
COMPANY_NAME_QUERY = "boulangerie"
POST_COMPANIES = 50  # the fast-entry POST logs each contact with one of these, drawn at random
BENCH_SUMMARY = "Contact enregistré par le banc d'essai (bench/)."


@dataclass
class Subjects:
    """The rows the benchmarked addresses name."""

    busiest_pk: int
    busiest_number: str
    timeline_cursor: str | None
    office_slug: str
    organisation_pk: int
    theme_pk: int | None
    post_company_pks: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Page:
    name: str
    description: str
    path: Callable[[Subjects], str]
    login: bool = False  # needs the benchmark advisor's session
    status: int = 200  # what every request must answer (anything else counts as an error)
    # A POST: the fixed form fields, and fields whose value is drawn per request from a list. Each request also
    # gets a fresh UUID in ``fresh_uuid`` and the CSRF token.
    form: Callable[[Subjects], dict[str, str]] | None = None
    form_choices: Callable[[Subjects], dict[str, list[str]]] | None = None
    fresh_uuid: str = ""
    # A full-text search: the share of rows its term matches (≤ 15 × /healthz instead of 8 × above 5 %).
    match_share: Callable[[], float] | None = None
    by_number: bool = False  # company search by number: ≤ 3 × /healthz

    @property
    def method(self) -> str:
        return "POST" if self.form else "GET"


def _fr(name: str, **kwargs) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override("fr"):
        return reverse(name, **kwargs)


def _reverse(name: str, **kwargs) -> str:
    from django.urls import reverse

    return reverse(name, **kwargs)


def _with_query(path: str, **query) -> str:
    return f"{path}?{urlencode(query)}"


def _company_share() -> float:
    from members import search
    from referrals.models import Company

    condition = search.matching(COMPANY_NAME_QUERY, words="search", stemmed=(("search", "french_unaccent"),))
    live = Company.objects.live()
    total = live.count()
    return live.filter(condition).count() / total if total else 0.0


def _colleague_share() -> float:
    from members import search
    from members.models import Advisor

    active = Advisor.objects.active()
    total = active.count()
    return active.filter(search.matching(COLLEAGUE_QUERY)).count() / total if total else 0.0


def _timeline(subjects: Subjects) -> str:
    path = _reverse("referrals:company_timeline", kwargs={"pk": subjects.busiest_pk})
    return _with_query(path, before=subjects.timeline_cursor) if subjects.timeline_cursor else path


def _log_form(subjects: Subjects) -> dict[str, str]:
    from django.utils import timezone

    fields = {
        "occurred_on": timezone.localdate().isoformat(),
        "channel": "phone",
        "organisation": str(subjects.organisation_pk),
        "summary": BENCH_SUMMARY,
        "minutes": "20",
    }
    if subjects.theme_pk:
        fields["themes"] = str(subjects.theme_pk)
    return fields


PAGES = [
    Page("healthz", "/healthz, SELECT 1: the reference", lambda s: "/healthz"),
    Page("home", "Public home", lambda s: _fr("network_public:home")),
    Page(
        "office_finder",
        f"Office finder, “{FINDER_QUERY}”",
        lambda s: _with_query(_fr("network_public:office_finder"), q=FINDER_QUERY),
    ),
    Page("office", "An office's page", lambda s: _fr("network_public:office_detail", kwargs={"slug": s.office_slug})),
    Page("organisations", "Public list of organisations", lambda s: _fr("members_public:organisation_list")),
    Page(
        "colleague_search",
        f"Find a colleague, “{COLLEAGUE_QUERY}”",
        lambda s: _with_query(_reverse("members:colleagues"), q=COLLEAGUE_QUERY),
        login=True,
        match_share=_colleague_share,
    ),
    Page(
        "company",
        "Company page of the busiest company",
        lambda s: _reverse("referrals:company_detail", kwargs={"pk": s.busiest_pk}),
        login=True,
    ),
    Page("company_timeline", "Its timeline, second page (keyset cursor)", _timeline, login=True),
    Page(
        "company_search_name",
        f"Company search by name, “{COMPANY_NAME_QUERY}”",
        lambda s: _with_query(_reverse("referrals:company_search"), q=COMPANY_NAME_QUERY),
        login=True,
        match_share=_company_share,
    ),
    Page(
        "company_search_number",
        "Company search by the busiest company's SIREN (answers 302 to its page; the redirect is not followed)",
        lambda s: _with_query(_reverse("referrals:company_search"), q=s.busiest_number),
        login=True,
        status=302,
        by_number=True,
    ),
    Page(
        "contact_log_post",
        "Fast entry: POST a contact with an existing company (a new interaction each time, 302)",
        lambda s: _reverse("referrals:contact_log"),
        login=True,
        status=302,
        form=_log_form,
        form_choices=lambda s: {"company": [str(pk) for pk in s.post_company_pks]},
        fresh_uuid="submission_key",
    ),
]
REFERENCE = "healthz"


def page_named(name: str) -> Page:
    return next(page for page in PAGES if page.name == name)


def find_subjects(user) -> Subjects:
    """The rows to benchmark in the data loaded, seen by ``user`` (the benchmark's gated advisor)."""
    from django.db.models import Count

    from demo.companies import BUSIEST_NAME
    from members.forms import _themes
    from network.models import Office
    from referrals.models import Company
    from referrals.services import logging_organisations
    from referrals.views.companies import timeline_page

    live = Company.objects.live().exclude(registration_number=None).defer("search")
    busiest = live.filter(name=BUSIEST_NAME).first()
    if busiest is None:
        busiest = live.annotate(contacts=Count("interactions")).order_by("-contacts", "pk").first()
    if busiest is None:
        raise LookupError("No company with a registration number: seed the data first.")
    _rows, cursor = timeline_page(busiest, user, None)
    office = Office.objects.order_by("-is_head_office", "name", "pk").first()
    if office is None:
        raise LookupError("No office: seed the data first.")
    organisation = next(iter(logging_organisations(user)), None)
    if organisation is None:
        raise LookupError(f"{user} cannot log contacts: no organisation with a convention in force.")
    theme = _themes().filter(parent__isnull=False).first() or _themes().first()
    others = list(live.exclude(pk=busiest.pk).order_by("pk").values_list("pk", flat=True)[:POST_COMPANIES])
    return Subjects(
        busiest_pk=busiest.pk,
        busiest_number=busiest.registration_number,
        timeline_cursor=cursor,
        office_slug=office.slug,
        organisation_pk=organisation.pk,
        theme_pk=theme.pk if theme else None,
        post_company_pks=others or [busiest.pk],
    )
