"""English dates as our pages have always written them: "5 December 2026", "December 2026".

Templates ask for DATE_FORMAT and YEAR_MONTH_FORMAT by name, so each language writes a date
its own way (findatrial/formats/es).
"""

DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
