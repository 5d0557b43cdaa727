# How dates read on Newsroom in English: "Tuesday, 27 December 2022 14:08 WIB".
DATE_FORMAT = "l, j F Y"
DATETIME_FORMAT = "l, j F Y H:i T"
TIME_FORMAT = "H:i T"
SHORT_DATE_FORMAT = "j M Y"
MONTH_DAY_FORMAT = "j F"
