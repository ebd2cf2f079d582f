"""Debian's Chromium as Playwright launches it here: the browser tests and scripts/screenshots.py share this."""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling Google hosts, refused on a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = (
    f"Chromium not found at {CHROMIUM}: install the Debian packages chromium and chromium-driver (.ci/run does)"
)


def launch(playwright):
    """Start Chromium; never ``playwright install`` (it downloads a browser, which fails here)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
