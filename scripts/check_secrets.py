"""SECURITY.md SC-3: no secret in the tracked files beyond the audited ones of ``.secrets.baseline``.

detect-secrets' own hook also fails when a known finding merely moved to another line (and rewrites the
baseline); this compares findings by file, type and hashed value only, so editing above a test password is not a
failure. A new finding is printed with its line: remove it, or mark a false positive with ``# pragma: allowlist
secret``. ``.venv/bin/detect-secrets scan --baseline .secrets.baseline`` refreshes the baseline's line numbers.

Usage: ``python -m scripts.check_secrets`` from the repository's root.
"""

import sys

from detect_secrets.core import baseline

BASELINE = ".secrets.baseline"


def main() -> int:
    audited = baseline.load(baseline.load_from_file(BASELINE), BASELINE)  # also applies its plugins and filters
    found = baseline.create(".")  # the files git tracks, less the baseline's exclusions
    new = sorted(f"{filename}:{secret.line_number}: {secret.type}" for filename, secret in found - audited)
    if new:
        print("Possible secrets not in .secrets.baseline:\n" + "\n".join(new), file=sys.stderr)
        return 1
    print(f"detect-secrets: {len(list(found))} findings, all audited in {BASELINE}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
