"""English as a French or UK network writes it: day month year, a 24-hour clock, weeks starting on Monday.

Django's ``en_GB`` formats with the time as in the rest of the network's pages (14:30, not "2:30 p.m.").
Typed dates are read day first (07/12/2026 is 7 December); ISO dates (what ``<input type="date">`` sends) are
always accepted too.
"""

DATE_FORMAT = "j F Y"  # 7 December 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j F Y, H:i"  # 7 December 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # December 2026
MONTH_DAY_FORMAT = "j F"  # 7 December
SHORT_DATE_FORMAT = "d/m/Y"  # 07/12/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 07/12/2026 14:30
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 07/12/2026
    "%d/%m/%y",  # 07/12/26
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",  # 07/12/2026 14:30:59
    "%d/%m/%Y %H:%M",  # 07/12/2026 14:30
    "%d/%m/%y %H:%M",  # 07/12/26 14:30
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
