"""Languages people can work in, beyond the portal's own two: advisors list them so SMEs and colleagues find them."""

from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy

# ISO 639-1 codes, the common working languages of a European business support network; Django's own catalogue
# translates their names.
WORKING_LANGUAGES = ["fr", "en", "de", "es", "it", "pt", "nl", "pl", "ro", "ar", "tr", "zh-hans", "ru", "uk"]


def language_choices() -> list[tuple[str, str]]:
    return [(code, gettext_lazy(LANG_INFO[code]["name"])) for code in WORKING_LANGUAGES]


def language_name(code: str) -> str:
    info = LANG_INFO.get(code)
    return str(gettext_lazy(info["name"])) if info else code
