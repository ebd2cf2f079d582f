"""Date and number formats by language for this network's country (``FORMAT_MODULE_PATH``).

Django's English formats are American (12/07/2026, "Dec. 7, 2026"). The countries a network may choose
(``Network.Country``: France, the United Kingdom) both write the day first, so English pages use the formats of
British English; French pages keep Django's French formats, which are also day first. A country that writes dates
otherwise would need its own formats here, chosen by the country (``tests/network/test_dates.py`` asks for it).
"""
