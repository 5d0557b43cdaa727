# How dates read on Newsroom in Indonesian: "Selasa, 27 Desember 2022 14:08 WIB".
# The time zone abbreviation (WIB, WITA, WIT) comes from the value's own zone.
DATE_FORMAT = "l, j F Y"
DATETIME_FORMAT = "l, j F Y H:i T"
TIME_FORMAT = "H:i T"
SHORT_DATE_FORMAT = "j M Y"
MONTH_DAY_FORMAT = "j F"
