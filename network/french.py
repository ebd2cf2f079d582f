"""French elision before a name put into a translated sentence: "de Agathe" becomes "d'Agathe".

A translator writes "la charte de %(name)s": right for "de Martin", wrong for "de Agathe" or "de Antenne du Loiret".
French drops the vowel of "de", "le", "la" and "que" before a word that starts with a vowel sound, and only the
value, known when the page is built, says which. ``elide`` fixes the sentence once the name is in it, in French only;
the template filter of the same name (``network/templatetags/portal.py``) does it for a ``blocktranslate ... asvar``.

A name that starts with a vowel, or with an h (taken as mute, as in Hélène or Hôtel: an aspirated h, as in
Hollande, cannot be told from the spelling), or with a y before a consonant (Yves, not Yann) is elided before.
"""

import re

from django.utils.translation import get_language

VOWEL_SOUND = re.compile(r"[aeiouæœàâäéèêëîïôöùûüh]|y[^aeiouyéèêë]", re.IGNORECASE)
ELIDED = {"de": "d'", "le": "l'", "la": "l'", "que": "qu'"}


def starts_with_vowel_sound(name: str) -> bool:
    return bool(VOWEL_SOUND.match(name))


def elide(text: str, *names: str) -> str:
    """``text`` with "de", "le", "la" or "que" elided before each of ``names`` that starts with a vowel sound.

    Only when the active language is French: other languages get ``text`` unchanged. Each name is matched as it
    stands in ``text`` (escaped, if ``text`` is HTML).
    """
    if not (get_language() or "").startswith("fr"):
        return text
    for name in names:
        name = str(name or "")
        if not starts_with_vowel_sound(name):
            continue
        word = re.compile(rf"\b(de|le|la|que) (?={re.escape(name)})", re.IGNORECASE)
        text = word.sub(lambda match: _elided(match.group(1)), text)
    return text


def _elided(word: str) -> str:
    elided = ELIDED[word.lower()]
    return elided[0].upper() + elided[1:] if word[0].isupper() else elided
