"""Economic sectors: the 21 sections of NACE Rev. 2 (NAF rév. 2 in France), the level advisors and companies share.

A NAF/NACE class code ("62.01Z") belongs to exactly one section; ``section_of`` finds it, so a company's detailed
code and an advisor's sectors of expertise can be matched.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    AGRICULTURE = "A", _("Agriculture, forestry and fishing")
    MINING = "B", _("Mining and quarrying")
    MANUFACTURING = "C", _("Manufacturing")
    ENERGY = "D", _("Electricity, gas, steam and air conditioning")
    WATER = "E", _("Water supply, sewerage and waste management")
    CONSTRUCTION = "F", _("Construction")
    TRADE = "G", _("Wholesale and retail trade, repair of vehicles")
    TRANSPORT = "H", _("Transportation and storage")
    HOSPITALITY = "I", _("Accommodation and food services")
    DIGITAL = "J", _("Information and communication")
    FINANCE = "K", _("Financial and insurance activities")
    REAL_ESTATE = "L", _("Real estate activities")
    PROFESSIONAL = "M", _("Professional, scientific and technical activities")
    ADMINISTRATIVE = "N", _("Administrative and support services")
    PUBLIC = "O", _("Public administration")
    EDUCATION = "P", _("Education")
    HEALTH = "Q", _("Human health and social work")
    ARTS = "R", _("Arts, entertainment and recreation")
    OTHER_SERVICES = "S", _("Other service activities")
    HOUSEHOLDS = "T", _("Activities of households as employers")
    EXTRATERRITORIAL = "U", _("Extraterritorial organisations")


# First two digits of a NACE code (the division) -> section, as ranges (inclusive).
_DIVISIONS = [
    (1, 3, "A"),
    (5, 9, "B"),
    (10, 33, "C"),
    (35, 35, "D"),
    (36, 39, "E"),
    (41, 43, "F"),
    (45, 47, "G"),
    (49, 53, "H"),
    (55, 56, "I"),
    (58, 63, "J"),
    (64, 66, "K"),
    (68, 68, "L"),
    (69, 75, "M"),
    (77, 82, "N"),
    (84, 84, "O"),
    (85, 85, "P"),
    (86, 88, "Q"),
    (90, 93, "R"),
    (94, 96, "S"),
    (97, 98, "T"),
    (99, 99, "U"),
]


def section_of(code: str) -> str | None:
    """The NACE section of a class code such as ``62.01Z`` or ``6201``; None when it is not one."""
    digits = "".join(character for character in code if character.isdigit())[:2]
    if len(digits) < 2:
        return None
    division = int(digits)
    for low, high, section in _DIVISIONS:
        if low <= division <= high:
            return section
    return None
