"""Screenshots of a running portal with Debian's Chromium: `python -m scripts.screenshots [BASE_URL] [OUT_DIR]`.

Used for docs/screenshots (shown in the README) and to look at pages while building them.
Extra arguments after OUT_DIR are paths to capture (default: the home page in French and English).
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.e2e.chromium import launch

SIZES = {"desktop": (1280, 900), "phone": (375, 812)}


def main():
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots")
    paths = sys.argv[3:] or ["/fr/", "/en/"]
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = launch(p)
        for label, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in paths:
                page.goto(base + path)
                name = path.strip("/").replace("/", "-") or "root"
                page.screenshot(path=str(out / f"{name}-{label}.png"), full_page=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
