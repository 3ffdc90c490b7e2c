"""Spanish as our readers use it in the United States: "5 de diciembre de 2026", 1,250.5.

Django's own `es` formats are Spain's (a decimal comma, a space between thousands); US
Hispanic patients read numbers as in Mexico and the US, with a decimal point and a thousands
comma, as Django's `es_MX` does. Dates are written out in words, so no day/month order can be
misread. Distances stay in miles, as every US sign and map gives them (the words are the
catalogue's, not a format).
"""

DATE_FORMAT = r"j \d\e F \d\e Y"
TIME_FORMAT = "g:i a"
DATETIME_FORMAT = r"j \d\e F \d\e Y, g:i a"
YEAR_MONTH_FORMAT = r"F \d\e Y"
MONTH_DAY_FORMAT = r"j \d\e F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y g:i a"
FIRST_DAY_OF_WEEK = 0  # Sunday, as US calendars start the week
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # '25/10/2006'
    "%Y-%m-%d",  # '2006-10-25'
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
