"""The members app's hand-written SQL: only where the ORM's version was measured to cost too much. Values only ever
as parameters (IN-2)."""

from django.db import connection

# "Find a colleague" (members.views.extranet.colleague_page) in one constant statement: how many people match, and
# the cards of one page, with each card's current organisations and skills. The rules are those of
# ``Advisor.objects.active()`` (an account still active, a current affiliation) and of ``members.search``: a filter
# left empty is NULL and lets everyone through; every significant word must match (``search.statement_parameters``);
# with words, best matches first as ``search.rank`` weighs them, else by name (as network/ordering.py sorts names)
# and email. Skill and organisation names come in the page's language, else the other one.
# Cost, measured (issue 15, demo data: 133 active advisors, median of 40 runs): the ORM version (``search.matching``
# and ``search.rank`` on the view's ``_colleagues()``: count, page, two prefetches, four queries) took 17.3 ms for
# everyone, 13.5 ms for "export", 10.7 ms for "financement"; this statement 5.3, 2.2 and 2.9 ms. Issue 7 measured the
# same ratio (about four times) at region scale.
# EXPLAIN: CTE ``term`` (function scan of the words), CTE ``found`` (nested-loop anti join: active advisors with a
# current affiliation, by index, against the words they fail; each filter a NULL test or an EXISTS on an indexed join
# table); then count(*) over ``found``, left join lateral the page (sort on rank and name_sort_key, limit), the
# backup's user by primary key, and two sub-plans per card: organisations (index scan on the current affiliations)
# and skills (bitmap scan on members_advisor_skills).
COLLEAGUES_SQL = """
    WITH term AS MATERIALIZED (  -- parsed once, not once per advisor
        SELECT plainto_tsquery('simple_unaccent', whole) AS whole, to_tsquery('simple_unaccent', prefix) AS prefix,
               plainto_tsquery('french_unaccent', stem) AS french, plainto_tsquery('english_unaccent', stem) AS english
          FROM unnest(%(whole)s::text[], %(prefixes)s::text[], %(stems)s::text[]) AS term(whole, prefix, stem)
    ), found AS (
        SELECT a.id, u.full_name, u.email, a.job_title, a.absent_from, a.absent_until, a.backup_id,
               CASE WHEN %(ranked)s::boolean
                    THEN ts_rank(a.search_fr, plainto_tsquery('french_unaccent', %(rank_words)s::text)) * 2
                         + ts_rank(a.search_words, to_tsquery('simple_unaccent', %(rank_prefixes)s::text))
                    ELSE 0 END AS rank
          FROM members_advisor a
          JOIN network_user u ON u.id = a.user_id
         WHERE u.is_active
           AND EXISTS (SELECT FROM members_affiliation f WHERE f.advisor_id = a.id AND f.ended_on IS NULL)
           AND NOT EXISTS (  -- a word that does not match
                   SELECT FROM term
                    WHERE NOT coalesce(a.search_words @@ term.whole, false)
                      AND NOT coalesce(a.search_words @@ term.prefix, false)
                      AND NOT coalesce(a.search_fr @@ term.french OR a.search_en @@ term.english, false))
           AND (%(skill)s::bigint IS NULL OR EXISTS (
                   SELECT FROM members_advisor_skills s JOIN network_theme t ON t.id = s.theme_id
                    WHERE s.advisor_id = a.id AND (t.id = %(skill)s::bigint OR t.parent_id = %(skill)s::bigint)))
           AND (%(territory)s::bigint IS NULL OR EXISTS (
                   SELECT FROM members_advisor_territories t
                    WHERE t.advisor_id = a.id AND t.territory_id = %(territory)s::bigint))
           AND (%(language)s::varchar IS NULL OR a.languages @> ARRAY[%(language)s::varchar])
           AND (%(sector)s::varchar IS NULL OR a.sectors @> ARRAY[%(sector)s::varchar])
           AND (%(organisation)s::bigint IS NULL OR EXISTS (
                   SELECT FROM members_affiliation f
                    WHERE f.advisor_id = a.id AND f.ended_on IS NULL AND f.organisation_id = %(organisation)s::bigint))
    )
    SELECT total.count, card.*
      FROM (SELECT count(*) FROM found) AS total
      LEFT JOIN LATERAL (
           SELECT found.id, found.rank, found.full_name, found.email, found.job_title, found.absent_from,
                  found.absent_until,
                  coalesce(nullif(backup_user.full_name, ''), backup_user.email) AS backup_name,
                  backup_user.email AS backup_email,
                  ARRAY(SELECT CASE WHEN f.role = 'referent' THEN o.name || %(referent)s::text ELSE o.name END
                          FROM members_affiliation f
                          JOIN members_memberorganisation o ON o.id = f.organisation_id
                         WHERE f.advisor_id = found.id AND f.ended_on IS NULL
                         ORDER BY name_sort_key(o.name), o.name, f.id) AS organisations,
                  ARRAY(SELECT CASE WHEN %(page_language)s::text = 'en'
                                    THEN coalesce(nullif(t.name_en, ''), t.name_fr)
                                    ELSE coalesce(nullif(t.name_fr, ''), t.name_en) END
                          FROM members_advisor_skills s JOIN network_theme t ON t.id = s.theme_id
                         WHERE s.advisor_id = found.id
                         ORDER BY t.position, t.slug) AS skills
             FROM found
             LEFT JOIN members_advisor backup ON backup.id = found.backup_id
             LEFT JOIN network_user backup_user ON backup_user.id = backup.user_id
            ORDER BY found.rank DESC, name_sort_key(found.full_name), found.full_name,
                     CASE WHEN %(ranked)s::boolean THEN '' ELSE found.email END, found.id
            LIMIT %(limit)s OFFSET %(offset)s
      ) AS card ON true
     ORDER BY card.rank DESC, name_sort_key(card.full_name), card.full_name,
              CASE WHEN %(ranked)s::boolean THEN '' ELSE card.email END, card.id
"""


def colleague_rows(parameters: dict) -> list[tuple]:
    """``COLLEAGUES_SQL``'s rows for ``parameters``: (count, id, rank, full_name, email, job_title, absent_from,
    absent_until, backup_name, backup_email, organisations, skills); one row of NULL cards past the last page."""
    with connection.cursor() as database:
        database.execute(COLLEAGUES_SQL, parameters)
        return database.fetchall()


# Each advisor's search document (members/models.py, ``Advisor.search_text``) from their name, job title, current
# organisations and skills, for the given advisors or all, in one UPDATE. Table names are fixed (the models' default
# db_table); parameters only for the ids (IN-2).
# Cost, measured (issue 15, demo data: 133 advisors, median of 15 runs): the ORM version (advisors with their user,
# current affiliations and skills prefetched, the texts joined in Python, ``bulk_update``) took 142 ms for all; this
# statement 58 ms, and 1.6 ms for one advisor, which is what the signals ask for on every save.
# EXPLAIN (one advisor): nested loop of members_advisor (primary key, = ANY) and network_user (primary key), with
# three aggregate sub-plans per row: skills twice (bitmap scan on members_advisor_skills, hash join to network_theme)
# and organisations (index-only scan on the current affiliations, organisation by primary key).
REFRESH_SEARCH_TEXT = """
    UPDATE members_advisor AS a SET
        search_text = concat_ws(E'\\n',
            NULLIF(u.full_name, ''),
            NULLIF(a.job_title, ''),
            (SELECT string_agg(o.name, E'\\n' ORDER BY o.name)
               FROM members_affiliation f
               JOIN members_memberorganisation o ON o.id = f.organisation_id
              WHERE f.advisor_id = a.id AND f.ended_on IS NULL),
            (SELECT string_agg(t.name_fr, E'\\n' ORDER BY t.slug)
               FROM members_advisor_skills s JOIN network_theme t ON t.id = s.theme_id
              WHERE s.advisor_id = a.id)),
        search_text_en = coalesce(
            (SELECT string_agg(t.name_en, E'\\n' ORDER BY t.slug)
               FROM members_advisor_skills s JOIN network_theme t ON t.id = s.theme_id
              WHERE s.advisor_id = a.id), '')
    FROM network_user AS u
    WHERE u.id = a.user_id AND (%(all)s OR a.id = ANY(%(ids)s))
"""


def refresh_search_text(advisor_ids=None) -> int:
    """Rewrite ``search_text`` of the given advisors (all when None) in one statement; returns the rows updated.

    Called by the signal receivers in members/signals.py whenever a name, job title, current organisation or skill
    changes, so the search never shows a stale profile."""
    ids = None if advisor_ids is None else list(advisor_ids)
    if ids == []:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(REFRESH_SEARCH_TEXT, {"all": ids is None, "ids": ids or []})
        return cursor.rowcount
