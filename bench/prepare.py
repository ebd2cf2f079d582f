"""Run by ``bench.run`` inside the benchmark's Django environment (``python -m bench.prepare``): makes the benchmark
advisor, finds the rows the pages name, and prints one JSON line ``BENCH_PREPARED {...}`` with every page's address.

The benchmark advisor (``BENCH_EMAIL``, password from ``BENCH_PASSWORD``) works for CCI Loiret (démo) — else the
first organisation with a convention in force — as an advisor, and signed the current code of conduct,
countersigned by a referent of that organisation: what an ordinary advisor needs to read and log contacts.

``python -m bench.prepare --logged-since ISO`` prints ``BENCH_LOGGED <n>``: the contacts the benchmark advisor
logged since then (the fast-entry POST must have created one per request).
"""

import argparse
import json
import os
import sys
from datetime import datetime, timedelta

BENCH_EMAIL = "bench-advisor@bench.example"
BENCH_ORGANISATION = "cci-loiret-demo"


def bench_advisor(password: str):
    from django.db import transaction
    from django.utils import timezone

    from members import perms as member_perms
    from members.models import Advisor, Affiliation, CodeOfConduct, CodeOfConductSignature, MemberOrganisation
    from network.models import User
    from referrals import perms

    in_force = MemberOrganisation.objects.with_convention_in_force()
    organisation = in_force.filter(slug=BENCH_ORGANISATION).first() or in_force.order_by("pk").first()
    if organisation is None:
        raise SystemExit("No member organisation with a convention in force: seed the data first.")
    code = CodeOfConduct.objects.current()
    if code is None:
        raise SystemExit("No published code of conduct: seed the data first.")
    with transaction.atomic():
        user, _created = User.objects.get_or_create(email=BENCH_EMAIL, defaults={"full_name": "Banc d'essai"})
        user.set_password(password)
        user.save(update_fields=["password"])
        advisor, _created = Advisor.objects.get_or_create(user=user, defaults={"job_title": "Banc d'essai"})
        Affiliation.objects.get_or_create(
            advisor=advisor,
            organisation=organisation,
            ended_on=None,
            defaults={"role": Affiliation.Role.ADVISOR, "started_on": timezone.localdate() - timedelta(days=365)},
        )
        if not CodeOfConductSignature.objects.filter(advisor=advisor, code=code).exists():
            referent = Affiliation.objects.countersigner_for(advisor, organisation)
            if referent is None:
                raise SystemExit(f"{organisation} has no referent to countersign the benchmark advisor's signature.")
            now = timezone.now()
            CodeOfConductSignature.recorded(
                advisor=advisor,
                code=code,
                organisation=organisation,
                language="fr",
                signed_at=now,
                countersigned_by=referent.advisor.user,
                countersigned_at=now,
            ).save()
    user = User.objects.get(pk=user.pk)
    if not (perms.can_log_interactions(user) and member_perms.can_find_colleagues(user)):
        raise SystemExit("The benchmark advisor does not pass the company-data gate: see bench/prepare.py.")
    return user


def prepared(password: str) -> dict:
    from django.db import connection

    from bench.pages import PAGES, find_subjects

    user = bench_advisor(password)
    subjects = find_subjects(user)
    pages = {}
    for page in PAGES:
        pages[page.name] = {
            "path": page.path(subjects),
            "method": page.method,
            "login": page.login,
            "status": page.status,
            "form": page.form(subjects) if page.form else None,
            "form_choices": page.form_choices(subjects) if page.form_choices else None,
            "fresh_uuid": page.fresh_uuid,
            "match_share": round(page.match_share(), 4) if page.match_share else None,
            "by_number": page.by_number,
            "description": page.description,
        }
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server_version = cursor.fetchone()[0]
    return {"email": user.email, "pages": pages, "postgresql": server_version}


def logged_since(since: str) -> int:
    from referrals.models import Interaction

    return Interaction.objects.filter(
        advisor__user__email=BENCH_EMAIL, created_at__gte=datetime.fromisoformat(since)
    ).count()


def main(argv=None):
    import django

    parser = argparse.ArgumentParser()
    parser.add_argument("--logged-since")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    django.setup()
    if args.logged_since:
        print(f"BENCH_LOGGED {logged_since(args.logged_since)}")
        return
    password = os.environ.get("BENCH_PASSWORD")
    if not password:
        sys.exit("BENCH_PASSWORD is not set.")
    print("BENCH_PREPARED " + json.dumps(prepared(password), ensure_ascii=False))


if __name__ == "__main__":
    main()
