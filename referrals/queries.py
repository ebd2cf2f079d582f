"""The referrals app's hand-written SQL: only the statements whose ORM version was measured to cost too much, each
with what it cost and its plan's shape. Constant statements (SECURITY.md IN-2: values only as parameters), run on a
plain cursor. Who may read what comes from ``referrals.perms``, as parameters: no rule is restated here.

Measured (issue 15) in a Django shell on the demo seeded with ``seed_demo --scale small`` (4,500 companies, 20,000
contacts; the busiest company has 500), PostgreSQL 15 on the 2-core development machine while other work ran (load
about 3), warm, median of 100 and of 200 runs: each comment gives both. Each statement's ORM version returns the
same rows. Planning costs 0.3 to 0.7 ms each (EXPLAIN's "Planning Time"); psycopg prepares a statement once a
connection has run it five times (config/settings/base.py), so a busy worker pays it once per connection.
"""

from django.db import connection

# The search page by name. A common word matches thousands of companies ("boulangerie": 4,300 at region scale), and
# ranking them all read one heap page each: 9 ms of the page's 21 (issue 7). So at most ``candidates`` matches are
# ranked, taken from the GIN index in the table's order: first those where every word matches as a whole word (or
# its French stem), which rank highest, then, if fewer, the other matches (a word's prefix only: "boul" while
# typing). When no more than ``candidates`` match, the page lists exactly what ``services.search_companies`` (the
# ORM version) finds, in its order. When more match, it lists the best of the candidates: rows of the same rank as
# the best ones, mostly; a better ranked row outside the candidates (a name repeating the word) is missed. The words
# match as ``members.search.matching`` rules (every word; whole, prefix or stemmed by its length), each rule folded
# into one query for the index; a word the parser keeps nothing of ("²") matches nobody, as through the ORM. Those
# queries come from the parameters through a subquery, so the planner never reads them: the candidates always come
# from the index, never from a scan of the table stopped after ``candidates`` matches (which it chose for a
# ``pk IN (first 500 matches)`` subquery: 16 ms). Merged records left out (``CompanyQuerySet.live``).
# Cost: the ORM version (``services.search_companies``, ranking every match) 5.1-8.8 ms against 1.1-1.7 ms for
# "durand" (22 matches), 8-9.4 ms against 2-2.2 ms for "boulangerie" (86), 8.9-11.9 ms against 1.7-3.1 ms for "bou"
# (242); at region scale ranking the 4,300 matches of "boulangerie" took 9 ms (issue 7).
# EXPLAIN: CTE query: Aggregate of a Function Scan; CTE whole_words: Limit -> Bitmap Heap Scan on referrals_company
# (Bitmap Index Scan on company_search_gin); then Limit -> Sort by rank -> Append of whole_words and a Limit ->
# Bitmap Heap Scan (company_search_gin) for the other matches; SubPlan: network_territory_pkey per row shown.
NAMED_SQL = """
    WITH query AS MATERIALIZED (
        SELECT CASE WHEN bool_and(numnode(word.whole) > 0)
                    THEN string_agg('(' || word.whole::text || ')', ' & ')::tsquery END AS whole,
               CASE WHEN bool_and(numnode(word.matched) > 0)
                    THEN string_agg('(' || word.matched::text || ')', ' & ')::tsquery END AS matched,
               plainto_tsquery('french_unaccent', %(rank_words)s::text) AS rank_words,
               to_tsquery('simple_unaccent', %(rank_prefixes)s::text) AS rank_prefixes
          FROM (SELECT plainto_tsquery('simple_unaccent', coalesce(whole, stem, left(prefix, -2)))
                       || coalesce(plainto_tsquery('french_unaccent', stem), ''),
                       CASE WHEN whole IS NOT NULL THEN plainto_tsquery('simple_unaccent', whole)
                            WHEN stem IS NULL THEN to_tsquery('simple_unaccent', prefix)
                            ELSE to_tsquery('simple_unaccent', prefix) || plainto_tsquery('french_unaccent', stem)
                       END
                  FROM unnest(%(whole)s::text[], %(prefixes)s::text[], %(stems)s::text[])
                       AS word(whole, prefix, stem)) AS word(whole, matched)
    ), whole_words AS MATERIALIZED (
        SELECT c.id, c.name, c.registration_number, c.commune_id, c.search, c.name_key
          FROM referrals_company c
         WHERE c.merged_into_id IS NULL AND c.search @@ (SELECT whole FROM query)
         LIMIT %(candidates)s
    ), candidate AS (
        SELECT * FROM whole_words
         UNION ALL
        (SELECT c.id, c.name, c.registration_number, c.commune_id, c.search, c.name_key
           FROM referrals_company c
          WHERE c.merged_into_id IS NULL AND c.search @@ (SELECT matched FROM query)
            AND NOT coalesce(c.search @@ (SELECT whole FROM query), false)
          LIMIT (SELECT %(candidates)s - count(*) FROM whole_words))
    )
    SELECT best.id, best.name, best.registration_number,
           (SELECT t.name FROM network_territory t WHERE t.id = best.commune_id) AS commune_name
      FROM (SELECT id, name, registration_number, commune_id, name_key,
                   ts_rank(search, (SELECT rank_words FROM query)) * 2
                   + ts_rank(search, (SELECT rank_prefixes FROM query)) AS rank
              FROM candidate
             ORDER BY rank DESC, name_key, name, id
             LIMIT %(limit)s) AS best
     ORDER BY best.rank DESC, best.name_key, best.name, best.id
"""


def companies_named(words: dict, *, candidates: int, limit: int) -> list[tuple]:
    """``(id, name, registration_number, commune_name)`` of the live companies best matching ``words``
    (``members.search.statement_parameters``), best first, at most ``limit``."""
    parameters = {name: words[name] for name in ("whole", "prefixes", "stems", "rank_words", "rank_prefixes")}
    with connection.cursor() as cursor:
        cursor.execute(NAMED_SQL, {**parameters, "candidates": candidates, "limit": limit})
        return cursor.fetchall()


# A company's timeline, one page, newest first. The content of a row (channel, advisor, summary, themes, services,
# people) is one JSON object, built only for the rows the viewer may read (``readable``, from
# ``perms.confidential_readable_organisations``): for the others the database returns NULL, so a confidential
# contact's content never leaves it.
# Bilingual names come in the page's language, else the other one. The keyset condition compares (occurred_on, id)
# with the last row shown, which the ``interaction_timeline`` index serves directly, on page 500 as on page 1.
# Cost: the ORM version (``select_related`` of the organisation and the advisor's user, ``prefetch_related`` of the
# themes, services and people, in their orders; ``perms.can_read_content`` per row: 4 queries, 7 ms of them in the
# database) 18-32 ms against 2.9-3.7 ms for the busiest company's first page.
# EXPLAIN: Limit -> Nested Loop: Index Scan on interaction_timeline (company_id = , ROW(occurred_on, id) < ),
# the organisation (materialized), the advisor (memoized primary key) and user (primary key); per row shown, three
# SubPlans: Sort -> Nested Loop of an Index Only Scan on the link table's unique index and the row by primary key.
TIMELINE_SQL = """
    SELECT i.id, i.occurred_on, i.is_confidential, o.name,
           CASE WHEN NOT i.is_confidential OR i.organisation_id = ANY(%(readable)s) THEN json_build_object(
               'channel', i.channel,
               'advisor', coalesce(nullif(u.full_name, ''), u.email),
               'summary', left(i.summary, %(summary_length)s),
               'themes', ARRAY(
                   SELECT CASE WHEN %(language)s = 'en' THEN coalesce(nullif(t.name_en, ''), t.name_fr)
                               ELSE coalesce(nullif(t.name_fr, ''), t.name_en) END
                     FROM referrals_interaction_themes it JOIN network_theme t ON t.id = it.theme_id
                    WHERE it.interaction_id = i.id ORDER BY t.position, t.slug),
               'services', ARRAY(
                   SELECT CASE WHEN %(language)s = 'en' THEN coalesce(nullif(s.title_en, ''), s.title_fr)
                               ELSE coalesce(nullif(s.title_fr, ''), s.title_en) END
                     FROM referrals_interaction_services si JOIN members_service s ON s.id = si.service_id
                    WHERE si.interaction_id = i.id ORDER BY name_sort_key(s.title_fr), s.title_fr, s.id),
               'people', ARRAY(
                   SELECT c.full_name
                     FROM referrals_interaction_contacts ic
                     JOIN referrals_companycontact c ON c.id = ic.companycontact_id
                    WHERE ic.interaction_id = i.id ORDER BY name_sort_key(c.full_name), c.full_name, c.id)
           ) END AS content
      FROM referrals_interaction i
      JOIN members_memberorganisation o ON o.id = i.organisation_id
      JOIN members_advisor a ON a.id = i.advisor_id
      JOIN network_user u ON u.id = a.user_id
     WHERE i.company_id = %(company)s
       AND (i.occurred_on, i.id) < (%(before_day)s::date, %(before_id)s::bigint)
     ORDER BY i.occurred_on DESC, i.id DESC
     LIMIT %(limit)s
"""


def timeline(*, company_id: int, readable, language: str, summary_length: int, before, limit: int) -> list[tuple]:
    """``(id, occurred_on, is_confidential, organisation name, content)`` of the contacts with the company before
    the keyset ``before`` (a day, an id), newest first; ``content`` a dict (or its JSON text), None unless the
    contact is not confidential or its organisation is in ``readable``."""
    parameters = {
        "company": company_id,
        "readable": sorted(readable),
        "language": language,
        "summary_length": summary_length,
        "before_day": before[0],
        "before_id": before[1],
        "limit": limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(TIMELINE_SQL, parameters)
        return cursor.fetchall()


# "Already in contact": per organisation not in ``mine``, its last contact in the window and its advisors, latest
# first, each advisor named only from contacts whose content the viewer may read (``readable``). The organisations
# come from the stored counts (``CompanyActivity``): one whose last contact with the company is in the window is one
# to show, and that date is its line's (``total``: how many, before the LIMIT). Only the lines shown then read their
# contacts of the window, from the ``interaction_company_org_date`` index, to name their advisors (issue 7: grouping
# the busiest company's 280 contacts of the window first cost 1 ms, this 0.3 ms).
# Cost: the ORM version (the lines from CompanyActivity with a window count, then one query per line for its
# advisors: 6 queries) 10-16 ms against 0.9-1.2 ms for the busiest company's 5 lines.
# EXPLAIN: Subquery Scan on lines: Limit -> Sort (top-N) -> WindowAgg -> Hash Join (Index Scan on
# company_activity_once, the organisations); per line, a SubPlan: Sort -> Nested Loop (GroupAggregate of an Index
# Scan on interaction_company_org_date, the advisor and user by primary key).
RECENT_BY_OTHERS_SQL = """
    WITH lines AS (
        SELECT a.organisation_id, o.name, a.last_on, count(*) OVER () AS total
          FROM referrals_companyactivity a
          JOIN members_memberorganisation o ON o.id = a.organisation_id
         WHERE a.company_id = %(company)s AND a.last_on >= %(since)s AND NOT a.organisation_id = ANY(%(mine)s)
         ORDER BY a.last_on DESC, o.name
         LIMIT %(shown)s
    )
    SELECT l.name, l.last_on, l.total,
           ARRAY(SELECT coalesce(nullif(u.full_name, ''), u.email) AS advisor
                   FROM (SELECT advisor_id, max(occurred_on) AS shown_on
                           FROM referrals_interaction
                          WHERE company_id = %(company)s AND organisation_id = l.organisation_id
                            AND occurred_on >= %(since)s
                            AND (NOT is_confidential OR organisation_id = ANY(%(readable)s))
                          GROUP BY advisor_id) AS per_advisor
                   JOIN members_advisor a ON a.id = per_advisor.advisor_id
                   JOIN network_user u ON u.id = a.user_id
                  ORDER BY per_advisor.shown_on DESC, advisor)
      FROM lines l
     ORDER BY l.last_on DESC, l.name
"""


def recent_by_others(*, company_id: int, since, mine, readable, shown: int) -> list[tuple]:
    """``(organisation name, last_on, total lines, [advisor names])``, latest first, at most ``shown``."""
    parameters = {
        "company": company_id,
        "since": since,
        "mine": sorted(mine),
        "readable": sorted(readable),
        "shown": shown,
    }
    with connection.cursor() as cursor:
        cursor.execute(RECENT_BY_OTHERS_SQL, parameters)
        return cursor.fetchall()
