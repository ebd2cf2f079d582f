"""The referrals app's share of ``manage.py seed_demo --scale ...`` (see demo.scale): the scale's companies,
the people met there (about 0.8 per company), and interactions over ten years with their themes, services and
people met, plus more contacts with the demo's busiest company (Bâtiments Durand Frères, still the busiest).

Shape, as in a real network: a handful of contacts for most companies (5% none), a heavy tail (2% of companies
drawn from a Pareto law, capped at half the busiest company's count, so a few dozen have thousands at region
scale); each company works with one to a few organisations covering its département (many for the heavy ones),
in episodes of a few contacts a few weeks apart about one subject; about 8% confidential. Dates: never in the
future, on working days (events aside), within the organisation's conventions and after the advisor joined it.
Interaction ids increase with the date, as if logged as they happened.

Speed: rows are generated with cheap Python (precomputed pools of names and summaries, cumulative weights) and
written with COPY in the text format, while the loaded tables' secondary indexes and foreign keys are dropped
(demo.scale.BulkLoad recreates them afterwards, same names and definitions).
"""

import bisect
import itertools
import math
import random
import re
from datetime import date, timedelta
from types import SimpleNamespace

from django.db import connection
from django.utils import timezone
from django.utils.text import slugify
from psycopg import sql
from stdnum import luhn

from demo import companies as demo
from demo import companies_texts as texts
from demo.scale import HISTORY_YEARS, NULL, SEED, BulkLoad, IdBlock, Scale, copy_lines, copy_text
from members.models import Affiliation, Convention
from network.sectors import section_of
from referrals.models import Company, CompanyActivity, CompanyContact, Interaction

GENERATED_SLUG = re.compile(r"-[0-9]{3}$")  # demo.members_scale's organisations
HEAVY_SHARE = 0.02
HEAVY_BASE = 15
HEAVY_ALPHA = 1.1
NO_CONTACT_SHARE = 0.05
TABLES = [
    Company._meta.db_table,
    CompanyContact._meta.db_table,
    Interaction._meta.db_table,
    Interaction.themes.through._meta.db_table,
    Interaction.services.through._meta.db_table,
    Interaction.contacts.through._meta.db_table,
]
# The counting triggers declared on Interaction (django-pgtrigger names them in the database).
ACTIVITY_TRIGGERS = tuple(trigger.get_pgid(Interaction) for trigger in Interaction._meta.triggers)
COMPANY_COLUMNS = [
    "id",
    "created_at",
    "updated_at",
    "registration_number",
    "establishment_number",
    "name",
    "legal_form",
    "activity_code",
    "sector",
    "size_band",
    "founded_on",
    "stage",
    "website",
    "project_email",
    "version",
    "commune_id",
]
CONTACT_COLUMNS = [
    "id",
    "created_at",
    "updated_at",
    "company_id",
    "full_name",
    "job_title",
    "email",
    "phone",
    "legal_basis",
    "consent_text_version",
    "consent_given_on",
    "consent_purpose",
    "informed_on",
]
INTERACTION_COLUMNS = [
    "id",
    "created_at",
    "updated_at",
    "occurred_on",
    "channel",
    "summary",
    "minutes",
    "is_confidential",
    "submission_key",
    "advisor_id",
    "company_id",
    "organisation_id",
]


def _cumulative(weights):
    return list(itertools.accumulate(weights))


def _pick(rng, items, cumulative):
    return items[bisect.bisect_right(cumulative, rng.random() * cumulative[-1])]


class Days:
    """Dates as ordinals, with their COPY text cached (a few thousand distinct ones)."""

    def __init__(self):
        self.text = {}
        self.stamp = {}

    def day(self, ordinal: int) -> str:
        value = self.text.get(ordinal)
        if value is None:
            value = self.text[ordinal] = date.fromordinal(ordinal).isoformat()
        return value

    def timestamp(self, ordinal: int) -> str:
        value = self.stamp.get(ordinal)
        if value is None:
            value = self.stamp[ordinal] = self.day(ordinal) + " 09:30:00+00"
        return value


class Plan:
    """What the scale load draws, from one fixed seed."""

    def __init__(self, scale: Scale, today: date):
        self.scale = scale
        self.rng = random.Random(SEED + 1)
        self.today = today
        self.today_ordinal = today.toordinal()
        self.history_start = (today - timedelta(days=round(HISTORY_YEARS * 365.25))).toordinal()
        self.context = demo._load(today)
        self.days = Days()
        self.summaries = {}
        self.topic_cache = {}
        self.sections = {}
        self._organisations()
        self.trades = texts.TRADES
        self.trade_cumulative = _cumulative(trade.weight for trade in self.trades)
        years = {}
        for oldest in (1950, 1975):
            span = list(range(oldest, today.year + 1))
            weights = [1 + (year - oldest) * 0.06 + (2.0 if year >= today.year - 3 else 0) for year in span]
            years[oldest] = (span, _cumulative(weights))
        self.years = years
        self.taken = set(self.context.taken_numbers)
        self.taken |= set(
            Company.objects.exclude(registration_number=None).values_list("registration_number", flat=True)
        )
        self.channel_first = _cumulative(demo.FIRST_CHANNEL_WEIGHTS)
        self.channel_next = _cumulative(demo.FOLLOW_UP_CHANNEL_WEIGHTS)
        self.episode_cumulative = _cumulative(demo.EPISODE_LENGTH_WEIGHTS)
        self.interactions = [[] for _day in range(self.today_ordinal - self.history_start + 1)]
        busiest_total = demo.BUSIEST_INTERACTIONS + scale.busiest_extra
        self.heavy_cap = max(30, busiest_total // 2)

    # --- Organisations and advisors ---------------------------------------------------------------------------------

    def _organisations(self):
        context = self.context
        starts = {}
        for organisation_id, advisor_id, started_on in Affiliation.objects.current().values_list(
            "organisation_id", "advisor_id", "started_on"
        ):
            starts[organisation_id, advisor_id] = started_on.toordinal()
        first_days = {}
        for organisation_id, valid_from in Convention.objects.signed().values_list("organisation_id", "valid_from"):
            first_days[organisation_id] = min(first_days.get(organisation_id, valid_from), valid_from)
        self.organisations = []
        for organisation in context.organisations:
            generated = GENERATED_SLUG.search(organisation.slug)
            # The demo's own organisations and people are recent: like the demo, their contacts ignore the start
            # of their conventions and affiliations (over the whole ten years here).
            advisors = sorted(
                (
                    starts.get((organisation.pk, pk), self.history_start) if generated else self.history_start,
                    pk,
                    sectors,
                )
                for pk, _email, sectors in organisation.advisors
            )
            first = first_days.get(organisation.pk, self.today).toordinal() if generated else self.history_start
            organisation.first_day = max(self.history_start, first, advisors[0][0])
            organisation.end_day = min(organisation.last_day.toordinal(), self.today_ordinal)
            organisation.advisor_starts = [start for start, _pk, _sectors in advisors]
            organisation.advisor_rows = [(pk, sectors) for _start, pk, sectors in advisors]
            if organisation.first_day <= organisation.end_day:
                self.organisations.append(organisation)
        self.by_area = {}

    def candidates(self, departement: str, family: str):
        key = (departement, family)
        if key not in self.by_area:
            organisations = [item for item in self.organisations if departement in item.departements]
            organisations = organisations or self.organisations
            weights = [demo._organisation_weight(item, family) for item in organisations]
            self.by_area[key] = (organisations, _cumulative(weights))
        return self.by_area[key]

    def choose_organisations(self, departement: str, family: str, count: int):
        organisations, cumulative = self.candidates(departement, family)
        count = min(count, len(organisations))
        chosen = {}
        for _attempt in range(count * 4):
            organisation = _pick(self.rng, organisations, cumulative)
            chosen[organisation.pk] = organisation
            if len(chosen) >= count:
                break
        return list(chosen.values())

    def main_advisor(self, organisation, sector: str) -> int:
        rows = organisation.advisor_rows
        if len(rows) == 1:
            return 0
        if sector:
            matching = [index for index, (_pk, sectors) in enumerate(rows) if sector in sectors]
            if matching and self.rng.random() < 0.5:
                return self.rng.choice(matching)
        return self.rng.randrange(len(rows))

    # --- Topics and summaries ---------------------------------------------------------------------------------------

    def topics(self, organisation, family: str, stage: str):
        key = (organisation.pk, family, stage)
        if key not in self.topic_cache:
            topics = demo.Topics(self.context)
            services, service_weights, themes, theme_weights = topics.choices(organisation, family, stage)
            service_rows = [
                (service[0], [self.context.themes[slug][0] for slug in slugs], slugs, _cumulative(weights))
                for service, slugs, weights in services
            ]
            self.topic_cache[key] = (
                service_rows,
                _cumulative(service_weights) if service_weights else None,
                themes,
                _cumulative(theme_weights),
            )
        return self.topic_cache[key]

    def pick_topic(self, organisation, family: str, stage: str):
        """(theme ids, first theme slug, service id or 0, confidential share) for one episode."""
        rng = self.rng
        services, service_cumulative, themes, theme_cumulative = self.topics(organisation, family, stage)
        if services and rng.random() < 0.6:
            service_id, theme_ids, slugs, cumulative = _pick(rng, services, service_cumulative)
            index = bisect.bisect_right(cumulative, rng.random() * cumulative[-1])
            chosen = [slugs[index]]
            if len(slugs) > 1 and rng.random() < 0.3:
                other = rng.choice(slugs)
                if other != chosen[0]:
                    chosen.append(other)
            return chosen, service_id
        main = _pick(rng, themes, theme_cumulative)
        chosen = [main]
        if rng.random() < 0.2:
            other = _pick(rng, themes, theme_cumulative)
            if other != main:
                chosen.append(other)
        return chosen, 0

    def summary(self, slug: str, channel: str, follow_up: bool, organisation) -> str:
        key = (slug, channel, follow_up)
        pool = self.summaries.get(key)
        if pool is None:
            pool = self.summaries[key] = []
        if len(pool) < 8:
            rng = self.rng
            town = rng.choice(self.context.communes).name
            company = SimpleNamespace(registration_number="1", legal_form=rng.choice(("SARL", "SAS", "EI")), town=town)
            planned = SimpleNamespace(company=company, family=rng.choice(("services", "industry", "craft")))
            text = demo._summary(
                rng,
                self.context,
                planned,
                channel=channel,
                step=int(follow_up),
                slugs=[slug],
                contact=None,
                organisation=organisation,
                day=self.today,
            )
            pool.append(copy_text(text))
            return pool[-1]
        return pool[self.rng.randrange(len(pool))]

    # --- Companies --------------------------------------------------------------------------------------------------

    def counts(self, companies: int, target: int) -> list[int]:
        """Interactions per company: a heavy tail, a few without any, a handful for the rest; summing to target."""
        rng = self.rng
        counts = [0] * companies
        heavy = 0
        regular = []
        for index in range(companies):
            draw = rng.random()
            if draw < HEAVY_SHARE:
                counts[index] = min(self.heavy_cap, int(HEAVY_BASE * rng.paretovariate(HEAVY_ALPHA)))
                heavy += counts[index]
            elif draw > 1 - NO_CONTACT_SHARE:
                continue
            else:
                regular.append(index)
        if not regular:
            return counts
        mean = max(1.0, (target - heavy) / len(regular))  # 1 + a geometric count
        log_q = math.log((mean - 1) / mean) if mean > 1 else None
        total = heavy
        for index in regular:
            extra = int(math.log(1.0 - rng.random()) / log_q) if log_q else 0
            counts[index] = 1 + extra
            total += counts[index]
        while total != target:  # the last few, one by one
            index = rng.choice(regular)
            if total > target and counts[index] > 1:
                counts[index] -= 1
                total -= 1
            elif total < target:
                counts[index] += 1
                total += 1
        return counts

    def siren(self, year: int) -> str:
        heads = "3" if year < 1983 else "4" if year < 1998 else "45" if year < 2008 else "78" if year < 2016 else "89"
        rng = self.rng
        while True:
            body = rng.choice(heads) + f"{rng.randrange(10_000_000):07d}"
            number = body + luhn.calc_check_digit(body)
            if number not in self.taken:
                self.taken.add(number)
                return number

    def section(self, code: str) -> str:
        if code not in self.sections:
            self.sections[code] = section_of(code) or ""
        return self.sections[code]

    def company(self, company_id: int, interactions: int, contact_ids: IdBlock, contact_lines: list) -> str:
        """One company's COPY line; its people's lines are appended to ``contact_lines``, its interactions
        planned."""
        rng, context, days = self.rng, self.context, self.days
        trade = _pick(rng, self.trades, self.trade_cumulative)
        code, patterns = rng.choice(trade.variants)
        cumulative = context.cumulative_weights[trade.placement]
        commune = context.communes[
            min(bisect.bisect_left(cumulative, rng.random() * cumulative[-1]), len(context.communes) - 1)
        ]
        while True:
            first, last = rng.choice(texts.FIRST_NAMES), rng.choice(texts.LAST_NAMES)
            name = rng.choice(patterns).format(
                last=last,
                first=first,
                town=commune.name,
                de_town=demo._de(commune.name),
                place=rng.choice(texts.PLACES),
                inn=rng.choice(texts.INNS),
                brand=demo._brand(rng, trade.family),
            )
            if "durand frères" not in name.lower():
                break
        head = name.split(" ", 1)[0]
        legal_form = (
            head if head in texts.FARM_FORMS else rng.choices(list(trade.forms), list(trade.forms.values()))[0]
        )
        if legal_form in ("EI", "EURL", "SASU"):
            size = rng.choices(demo.SIZE_BANDS, (6, 5, 1, 0, 0))[0]
        else:
            size = rng.choices(demo.SIZE_BANDS, trade.sizes)[0]
        span, year_cumulative = self.years[1950 if trade.family in ("agri", "craft", "building", "industry") else 1975]
        year = _pick(rng, span, year_cumulative)
        founded = min(date(year, 1, 1).toordinal() + rng.randrange(365), self.today_ordinal - 30 - rng.randrange(200))
        founded_on = date.fromordinal(founded)
        siren = self.siren(year)
        siret = ""
        if rng.random() < 0.45:
            body = siren + f"{rng.choice((1, 1, 2, 3, 4, 5, 12, 21, 34)):04d}"
            siret = body + luhn.calc_check_digit(body)
        slug = slugify(name)[:60].strip("-") or "entreprise"
        website = f"https://www.{slug}.example" if rng.random() < trade.website else ""
        stage = demo._stage(rng, trade.family, founded_on, size, self.today)
        wanted = rng.choices((0, 1, 2, 3), (45, 35, 13, 7))[0] if interactions <= 50 else rng.randint(3, 8)
        contacts = [contact_ids.take() for _position in range(wanted)]
        # Its contacts from six months before its creation on; first seen by the network at the first of them.
        earliest = max(self.history_start, founded - 180)
        company = (company_id, trade.family, self.section(code), stage, commune.departement, earliest, contacts)
        first_seen = self.plan_interactions(company, interactions)
        if first_seen is None:
            first_seen = earliest + rng.randrange(max(1, self.today_ordinal - earliest))
        stamp = days.timestamp(first_seen)
        line = (
            f"{company_id}\t{stamp}\t{stamp}\t{siren}\t{siret}\t{copy_text(name)}\t{legal_form}\t{code}\t"
            f"{self.section(code)}\t{size}\t{days.day(founded)}\t{stage}\t{copy_text(website)}\t\t1\t{commune.pk}\n"
        )
        for position, contact_id in enumerate(contacts):
            contact_lines.append(self.contact(contact_id, company_id, legal_form, slug, position, first_seen))
        return line

    def contact(self, contact_id, company_id, legal_form, domain, position, first_seen) -> str:
        rng, days = self.rng, self.days
        first, last = rng.choice(texts.FIRST_NAMES), rng.choice(texts.LAST_NAMES)
        feminine = first in texts.FEMININE_FIRST_NAMES
        titles = (
            texts.OWNER_TITLES.get(legal_form, texts.OWNER_TITLES["SARL"]) if position == 0 else texts.STAFF_TITLES
        )
        title = rng.choice(titles)[1 if feminine else 0]
        email = f"{demo._ascii(first)}.{demo._ascii(last)}@{domain}.example" if rng.random() < 0.8 else ""
        phone = demo._phone(rng) if rng.random() < 0.7 else ""
        stamp = days.timestamp(first_seen)
        version = purpose = ""
        consent_on = informed = NULL
        if rng.random() < 0.15:
            basis = "consent"
            version = rng.choice(texts.CONSENT_TEXT_VERSIONS)
            consent_on = informed = days.day(first_seen + rng.randrange(0, 30))
            purpose = copy_text(rng.choice(texts.CONSENT_PURPOSES))
        else:
            basis = "legitimate_interest"
            if rng.random() < 0.4:
                informed = days.day(first_seen + rng.randrange(0, 60))
        return (
            f"{contact_id}\t{stamp}\t{stamp}\t{company_id}\t{copy_text(first + ' ' + last)}\t{copy_text(title)}\t"
            f"{email}\t{phone}\t{basis}\t{version}\t{consent_on}\t{purpose}\t{informed}\n"
        )

    # --- Interactions -----------------------------------------------------------------------------------------------

    def organisation_count(self, count: int) -> int:
        if count > 50:
            return 3 + count // 50
        return demo._organisation_count(self.rng, count)

    def draw_day(self, start: int, end: int) -> int:
        """A day in [start, end], the network's activity growing steadily: twice as many contacts a day at the end
        of the ten years as at the start (density 1 + x over x in [0, 1], drawn by inverting its distribution)."""
        history = self.today_ordinal - self.history_start
        low = (start - self.history_start) / history
        high = (end - self.history_start) / history
        low_cdf, high_cdf = low + low * low / 2, high + high * high / 2
        u = low_cdf + (high_cdf - low_cdf) * self.rng.random()
        day = self.history_start + int(history * (math.sqrt(1 + 2 * u) - 1))
        return min(max(day, start), end)

    def plan_interactions(self, company: tuple, count: int, organisations=None) -> int | None:
        """Bucket ``count`` interactions of ``company`` by day (written in date order later); the first day."""
        if count <= 0:
            return None
        rng = self.rng
        company_id, family, sector, stage, departement, first_seen, contacts = company
        first_day = None
        if organisations is None:
            organisations = self.choose_organisations(departement, family, self.organisation_count(count))
        entries = [
            (organisation, self.main_advisor(organisation, sector))
            for organisation in organisations
            if max(first_seen, organisation.first_day) <= organisation.end_day
        ]
        if not entries:
            return None
        buckets, base = self.interactions, self.history_start
        planned = 0
        for _attempt in range(count * 3):
            if planned >= count:
                break
            organisation, main = rng.choice(entries)
            start = max(first_seen, organisation.first_day)
            end = organisation.end_day
            day = self.draw_day(start, end)
            slugs, service_id = self.pick_topic(organisation, family, stage)
            theme_ids = tuple(dict.fromkeys(self.context.themes[slug][0] for slug in slugs))
            confidential = "t" if rng.random() < demo._confidential_share(slugs) else "f"
            length = _pick(rng, demo.EPISODE_LENGTHS, self.episode_cumulative)
            advisor_index = main if rng.random() < 0.85 else rng.randrange(len(organisation.advisor_rows))
            for step in range(length):
                if planned >= count:
                    break
                if step:
                    day += rng.randint(5, 45)
                    if day > end:
                        break
                channel = demo.CHANNELS[
                    bisect.bisect_right(self.channel_next if step else self.channel_first, rng.random() * 100)
                ]
                occurred = day
                if channel != "event":
                    occurred = day - max(0, (day - 1) % 7 - 4)  # a weekend moves back to the Friday
                    if occurred < start:
                        occurred = day
                advisor = self.advisor_on(organisation, advisor_index, occurred)
                if advisor is None:
                    break
                low, high = demo.MINUTES[channel]
                minutes = NULL if rng.random() < 0.08 else str(5 * rng.randint(low // 5, high // 5))
                met = ()
                if contacts and rng.random() < 0.6:
                    first = contacts[0] if rng.random() < 0.7 else rng.choice(contacts)
                    met = (first,)
                    if len(contacts) > 1 and rng.random() < 0.15:
                        other = rng.choice(contacts)
                        if other != first:
                            met = (first, other)
                summary = self.summary(slugs[0], channel, bool(step), organisation)
                linked_service = service_id if service_id and rng.random() < 0.75 else 0
                buckets[occurred - base].append(
                    (company_id, advisor, organisation.pk, channel, summary, minutes, confidential, theme_ids,
                     linked_service, met)
                )  # fmt: skip
                planned += 1
                if first_day is None or occurred < first_day:
                    first_day = occurred
        return first_day

    def advisor_on(self, organisation, index: int, day: int):
        """The chosen advisor if they had joined by ``day``, else one who had."""
        starts = organisation.advisor_starts
        if starts[index] <= day:
            return organisation.advisor_rows[index][0]
        joined = bisect.bisect_right(starts, day)
        if not joined:
            return None
        return organisation.advisor_rows[self.rng.randrange(joined)][0]


def seed(scale: Scale, steps) -> dict[str, int]:
    today = timezone.localdate()
    with steps("plan"):
        plan = Plan(scale, today)
        busiest = Company.objects.filter(registration_number=demo.BUSIEST_SIREN).first()
    if not plan.organisations:
        return {}
    rows = {}
    with connection.cursor() as cursor:
        load = BulkLoad(cursor, TABLES)
        with steps("drop indexes and foreign keys"):
            load.drop()
            # The triggers keeping the "who works with" counts (Interaction.Meta.triggers) would run once per contact:
            # off for the load, and the counts rebuilt in one pass after it.
            _switch(cursor, ACTIVITY_TRIGGERS, on=False)
        with steps("companies, people, planning the interactions"):
            company_ids, contact_ids = IdBlock(cursor, TABLES[0]), IdBlock(cursor, TABLES[1])
            counts = plan.counts(scale.companies, scale.interactions)
            contact_lines = []
            company_lines = (plan.company(company_ids.take(), count, contact_ids, contact_lines) for count in counts)
            rows[TABLES[0]] = copy_lines(cursor, TABLES[0], COMPANY_COLUMNS, company_lines)
            rows[TABLES[1]] = copy_lines(cursor, TABLES[1], CONTACT_COLUMNS, contact_lines)
            company_ids.close()
            contact_ids.close()
            contact_lines.clear()
        with steps("interactions"):
            if busiest is not None:
                contacts = list(busiest.contacts.order_by("pk").values_list("pk", flat=True))
                company = (busiest.pk, "building", busiest.sector, busiest.stage, "45", plan.history_start, contacts)
                plan.plan_interactions(company, scale.busiest_extra, organisations=plan.organisations)
            interaction_ids = IdBlock(cursor, TABLES[2])
            first_id = interaction_ids.next
            rows[TABLES[2]] = copy_lines(
                cursor, TABLES[2], INTERACTION_COLUMNS, _interaction_lines(plan, interaction_ids)
            )
            interaction_ids.close()
        with steps("themes, services, people met"):
            for table, column, position in (
                (TABLES[3], "theme_id", 7),
                (TABLES[4], "service_id", 8),
                (TABLES[5], "companycontact_id", 9),
            ):
                rows[table] = copy_lines(
                    cursor, table, ["interaction_id", column], _link_lines(plan, first_id, position)
                )
        with steps("recreate indexes and foreign keys"):
            load.restore()
        with steps("who works with each company"):
            _switch(cursor, ACTIVITY_TRIGGERS, on=True)
            cursor.execute("SELECT referrals_rebuild_company_activity()")
            rows[CompanyActivity._meta.db_table] = cursor.fetchone()[0]  # all its rows: rebuilt, not added to
    return rows


def _switch(cursor, triggers, *, on: bool) -> None:
    """Turn the contacts' ``triggers`` on or off (the load has locked the table already)."""
    table = sql.Identifier(TABLES[2])
    for trigger in map(sql.Identifier, triggers):
        if on:
            cursor.execute(sql.SQL("ALTER TABLE {} ENABLE TRIGGER {}").format(table, trigger))
        else:
            cursor.execute(sql.SQL("ALTER TABLE {} DISABLE TRIGGER {}").format(table, trigger))


def _interaction_lines(plan: Plan, ids: IdBlock):
    rng, days = plan.rng, plan.days
    base = plan.history_start
    for offset, bucket in enumerate(plan.interactions):
        if not bucket:
            continue
        day = days.day(base + offset)
        stamp = days.timestamp(base + offset)
        for company_id, advisor, organisation, channel, summary, minutes, confidential, *_links in bucket:
            key = rng.getrandbits(128)
            key = (key & ~(0xF << 76) & ~(0x3 << 62)) | (0x4 << 76) | (0x2 << 62)  # a version 4 UUID
            yield (
                f"{ids.take()}\t{stamp}\t{stamp}\t{day}\t{channel}\t{summary}\t{minutes}\t{confidential}\t"
                f"{key:032x}\t{advisor}\t{company_id}\t{organisation}\n"
            )


def _link_lines(plan: Plan, first_id: int, position: int):
    """Rows of one many-to-many table: the interactions get their ids in the same order as _interaction_lines."""
    interaction_id = first_id
    for bucket in plan.interactions:
        for row in bucket:
            linked = row[position]
            if position == 8:
                if linked:
                    yield f"{interaction_id}\t{linked}\n"
            else:
                for pk in linked:
                    yield f"{interaction_id}\t{pk}\n"
            interaction_id += 1
