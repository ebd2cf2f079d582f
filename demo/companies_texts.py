"""The words of the companies demo (``demo.companies``), read from ``demo/data/companies.json``: trades with their
NAF codes and name patterns, people's names and roles, and the templates of the contacts' summaries. Everything is
fictional.

Name patterns take ``{last}``, ``{first}``, ``{town}``, ``{de_town}`` ("de Blois", "d'Orléans", "du Blanc"),
``{place}`` (a lieu-dit with its article: "de la Motte"), ``{inn}`` ("du Lion d'Or") and ``{brand}`` (a coined
name). A pattern starting with EARL, GAEC or SCEA fixes the legal form.
"""

from typing import NamedTuple

from demo.data import load
from demo.people import FIRST_NAMES as ADVISOR_FIRST_NAMES
from demo.people import LAST_NAMES as ADVISOR_LAST_NAMES


class Trade(NamedTuple):
    family: str  # a key of ORGANISATION_AFFINITY and THEME_AFFINITY
    weight: int  # how common it is
    placement: str  # "rural" (every commune alike), "town" (by population) or "city" (big towns favoured)
    variants: tuple[tuple[str, tuple[str, ...]], ...]  # (NAF code, name patterns)
    forms: dict[str, int]  # legal form: weight
    sizes: tuple[int, int, int, int, int]  # weights of 0, 1-9, 10-49, 50-249, 250+ employees
    website: float  # share with a website


DATA = load("companies")
TRADES = tuple(Trade(**trade) for trade in DATA["trades"])
# Extra names so that company and contact names vary more than the advisors'.
FIRST_NAMES = ADVISOR_FIRST_NAMES + DATA["extra_first_names"]
LAST_NAMES = ADVISOR_LAST_NAMES + DATA["extra_last_names"]
FEMININE_FIRST_NAMES = frozenset(DATA["feminine_first_names"])
BRAND_HEADS = DATA["brand_heads"]
BRAND_TAILS = DATA["brand_tails"]
BRAND_WORDS = DATA["brand_words"]
PLACES = DATA["places"]
INNS = DATA["inns"]
FARM_FORMS = DATA["farm_forms"]
# Contacts' roles by legal form, (masculine, feminine).
OWNER_TITLES = DATA["owner_titles"]
STAFF_TITLES = DATA["staff_titles"]
CONSENT_TEXT_VERSIONS = DATA["consent_text_versions"]
CONSENT_PURPOSES = DATA["consent_purposes"]
# Project holders not registered yet: (what, commune, NAF code of the planned activity).
PROJECTS = DATA["projects"]
# The family of a company by NACE section, for codes outside TRADES (project holders).
SECTION_FAMILIES = DATA["section_families"]
AGRIFOOD_DIVISIONS = DATA["agrifood_divisions"]
# How likely each kind of organisation works with a family of companies (1 when not listed).
ORGANISATION_AFFINITY = DATA["organisation_affinity"]
# How likely a family of companies needs each top-level theme (1 when not listed) ...
THEME_AFFINITY = DATA["theme_affinity"]
# ... and at each stage of its life.
STAGE_AFFINITY = DATA["stage_affinity"]
# Sub-themes rarer than their siblings, and how often a contact about them is confidential.
SUB_THEME_WEIGHT = DATA["sub_theme_weight"]
CONFIDENTIAL_SHARE = DATA["confidential_share"]
DEFAULT_CONFIDENTIAL_SHARE = DATA["default_confidential_share"]
# Per sub-theme: (first contacts, follow-ups); placeholders are filled by ``demo.companies._summary``.
SUMMARIES = DATA["summaries"]
# A theme without its own templates (added by a network manager).
GENERIC_SUMMARIES = DATA["generic_summaries"]
# How a summary starts, by channel: first contact, follow-up.
OPENINGS = DATA["openings"]
CLOSINGS = DATA["closings"]
# Who was met when no person is named, by legal form (any other form: DEFAULT_ANONYMOUS_PERSON).
ANONYMOUS_PERSON = DATA["anonymous_person"]
DEFAULT_ANONYMOUS_PERSON = DATA["default_anonymous_person"]
PROJECT_PERSON = DATA["project_person"]
EVENTS = DATA["events"]
AMOUNTS = DATA["amounts"]
SMALL_AMOUNTS = DATA["small_amounts"]
BIG_AMOUNTS = DATA["big_amounts"]
LEGAL_FORMS_FOR_FOUNDERS = DATA["legal_forms_for_founders"]
COUNTRIES = DATA["countries"]
FAIRS = DATA["fairs"]
MONTHS = DATA["months"]
INVESTMENTS = DATA["investments"]
RESEARCH_TOPICS = DATA["research_topics"]
DEFAULT_RESEARCH_TOPICS = DATA["default_research_topics"]
