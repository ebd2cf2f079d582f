"""Supply chain (SECURITY.md SC-1 to SC-3): what a fresh clone installs is what CI tested.

pyproject.toml keeps the ranges; requirements/base.txt (the production image) and requirements/test.txt (make,
CI) pin every package with its hashes. ``make lock`` regenerates them after a change of pyproject.toml and
``make upgrade`` moves them to the newest versions the ranges allow.
"""

import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.test_code_safety import project_sources

ROOT = Path(settings.BASE_DIR)
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
LOCKS = {
    "requirements/base.txt": PYPROJECT["dependencies"],
    "requirements/test.txt": PYPROJECT["dependencies"] + PYPROJECT["optional-dependencies"]["test"],
}
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)")


def pins(lock: str) -> dict[str, str]:
    """Every ``name==version`` of a lock file, by canonical name."""
    found = {}
    for line in (ROOT / lock).read_text().splitlines():
        if match := PIN.match(line):
            found[canonicalize_name(match["name"])] = match["version"]
    return found


@pytest.mark.parametrize("lock", LOCKS)
def test_the_lock_pins_every_requirement_of_pyproject_within_its_range(lock):
    pinned = pins(lock)
    problems = []
    for line in LOCKS[lock]:
        requirement = Requirement(line)
        version = pinned.get(canonicalize_name(requirement.name))
        if version is None:
            problems.append(f"{requirement.name} is not in {lock}")
        elif not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{requirement.name}=={version} in {lock} is outside {requirement.specifier}")
    assert not problems, "\n".join(problems) + "\nRun `make lock` after changing pyproject.toml, and commit the lock."


@pytest.mark.parametrize("lock", LOCKS)
def test_every_locked_package_carries_its_hashes(lock):
    entries = re.split(r"\n(?=\S)", (ROOT / lock).read_text())  # a pin and its indented continuation lines
    unhashed = [entry.split()[0] for entry in entries if PIN.match(entry) and "--hash=sha256:" not in entry]
    assert not unhashed, f"{lock} pins without hashes: {unhashed}"


def test_the_test_lock_agrees_with_the_production_lock():
    """The image runs the versions the suite ran: the test lock is compiled under the base lock's constraint."""
    base, test = pins("requirements/base.txt"), pins("requirements/test.txt")
    assert {name: test.get(name) for name in base} == base


@pytest.mark.parametrize(
    ("path", "command"),
    [
        ("Makefile", "pip install --quiet --require-hashes --no-deps -r $(LOCK)"),
        ("Dockerfile", "pip install --require-hashes --no-deps -r requirements/base.txt"),
    ],
)
def test_every_install_reads_the_lock(path, command):
    text = (ROOT / path).read_text()
    assert command in text
    assert not re.search(r"pip install[^\n]*(-e |\.\[test\]| \.$)", text, re.M), f"{path} installs around the lock"


def test_every_nosec_gives_its_reason():
    """SC-2: bandit's findings are fixed, or silenced on their line with the reason written before ``# nosec``."""
    bare = []
    for path in project_sources():
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if "nosec" in line and not re.search(r"#\s*\S.{8,}#\s*nosec B\d+", line):
                bare.append(f"{path.relative_to(ROOT)}:{number}")
    assert not bare, f"# nosec without a reason before it (`# <why it is safe>  # nosec B308`): {bare}"
