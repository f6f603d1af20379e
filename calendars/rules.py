"""Date rules: from an observance's rule to the Gregorian dates it falls on in a year.

Each calendar comes from a maintained library rather than our own arithmetic:
Easter from python-dateutil, Hijri dates from hijridate (Umm al-Qura tables), Hebrew dates
from pyluach, the Chinese lunar calendar from lunardate, and Hindu, Sikh and Buddhist
festivals from the `holidays` package's published tables. `holidays` exposes those tables
only through its (underscore-named) lunisolar calendar classes, so that one import is kept
here, behind FESTIVALS, and pinned in pyproject.toml; tests cover every festival we offer.
"""

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter
from hijridate import Gregorian, Hijri
from holidays.calendars.hindu import _HinduLunisolar
from lunardate import LunarDate
from pyluach import dates as hebrew_dates
from pyluach import hebrewcal


class RuleType(models.TextChoices):
    FIXED = "fixed", "Fixed date in the Gregorian calendar"
    NTH_WEEKDAY = "nth_weekday", "A weekday of a month (e.g. the second Sunday in November)"
    WESTERN_EASTER = "western_easter", "Days from Easter Sunday (Western churches)"
    ORTHODOX_EASTER = "orthodox_easter", "Days from Easter Sunday (Orthodox churches)"
    HIJRI = "hijri", "Islamic (Hijri) calendar date"
    HEBREW = "hebrew", "Hebrew calendar date"
    FESTIVAL_TABLE = "festival_table", "Hindu, Sikh or Buddhist festival (published tables)"
    CHINESE_LUNAR = "chinese_lunar", "Chinese lunar calendar date"
    MANUAL = "manual", "Manual: editors enter each date"


class LengthRule(models.TextChoices):
    DAYS = "days", "A number of days (below)"
    MONTH_END = "month_end", "To the last day of its month, in the calendar its date follows"
    BEFORE_FESTIVAL = "before_festival", "To the day before another festival (published tables)"


class Certainty(models.TextChoices):
    FIXED = "fixed", "Fixed"
    CALCULATED = "calculated", "Calculated"
    ESTIMATED = "estimated", "Estimated"
    CONFIRMED = "confirmed", "Confirmed"


CERTAINTY_EXPLANATIONS = {
    Certainty.FIXED: "The same date every year.",
    Certainty.CALCULATED: "Calculated from the faith's calendar; communities may differ.",
    Certainty.ESTIMATED: "Depends on the sighting of the moon, so it may move by a day.",
    Certainty.CONFIRMED: "Checked and confirmed by an editor.",
}

# A short symbol beside the word, for dense views such as the printed planner.
CERTAINTY_SYMBOLS = {
    Certainty.FIXED: "",
    Certainty.CALCULATED: "",
    Certainty.ESTIMATED: "≈",
    Certainty.CONFIRMED: "✓",
}


def certainty_key():
    """(label, symbol, explanation) for each certainty: the key shown under the dates."""
    return [
        (Certainty(value).label, CERTAINTY_SYMBOLS[value], explanation)
        for value, explanation in CERTAINTY_EXPLANATIONS.items()
    ]


RULE_CERTAINTY = {
    RuleType.FIXED: Certainty.FIXED,
    RuleType.NTH_WEEKDAY: Certainty.FIXED,
    RuleType.WESTERN_EASTER: Certainty.CALCULATED,
    RuleType.ORTHODOX_EASTER: Certainty.CALCULATED,
    RuleType.HIJRI: Certainty.ESTIMATED,
    RuleType.HEBREW: Certainty.CALCULATED,
    RuleType.FESTIVAL_TABLE: Certainty.CALCULATED,
    RuleType.CHINESE_LUNAR: Certainty.CALCULATED,
    RuleType.MANUAL: Certainty.ESTIMATED,
}


class HijriMonth(models.IntegerChoices):
    MUHARRAM = 1, "Muharram"
    SAFAR = 2, "Safar"
    RABI_AL_AWWAL = 3, "Rabi al-Awwal"
    RABI_AL_THANI = 4, "Rabi al-Thani"
    JUMADA_AL_ULA = 5, "Jumada al-Ula"
    JUMADA_AL_AKHIRAH = 6, "Jumada al-Akhirah"
    RAJAB = 7, "Rajab"
    SHABAN = 8, "Sha'ban"
    RAMADAN = 9, "Ramadan"
    SHAWWAL = 10, "Shawwal"
    DHU_AL_QADAH = 11, "Dhu al-Qadah"
    DHU_AL_HIJJAH = 12, "Dhu al-Hijjah"


class HebrewMonth(models.IntegerChoices):
    """pyluach's numbering: the year's months count from Nisan; Adar means Adar II in a leap
    year, where most festivals in Adar (such as Purim) fall."""

    NISAN = 1, "Nisan"
    IYAR = 2, "Iyar"
    SIVAN = 3, "Sivan"
    TAMMUZ = 4, "Tammuz"
    AV = 5, "Av"
    ELUL = 6, "Elul"
    TISHREI = 7, "Tishrei"
    CHESHVAN = 8, "Cheshvan"
    KISLEV = 9, "Kislev"
    TEVET = 10, "Tevet"
    SHEVAT = 11, "Shevat"
    ADAR = 12, "Adar (Adar II in a leap year)"


# Months of the Hebrew calendar that always have 29 days.
HEBREW_SHORT_MONTHS = {HebrewMonth.IYAR, HebrewMonth.TAMMUZ, HebrewMonth.ELUL, HebrewMonth.TEVET,
                       HebrewMonth.ADAR}  # fmt: skip


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, "First"
    SECOND = 2, "Second"
    THIRD = 3, "Third"
    FOURTH = 4, "Fourth"
    LAST = -1, "Last"


class Festival(models.TextChoices):
    DIWALI = "diwali", "Diwali (Lakshmi Puja)"
    HOLI = "holi", "Holi"
    NAVARATRI = "navaratri", "Navaratri (Sharad, autumn; first day)"
    CHAITRA_NAVARATRI = "chaitra_navaratri", "Chaitra Navaratri (spring; first day)"
    DUSSEHRA = "dussehra", "Dussehra (Vijayadashami)"
    JANMASHTAMI = "janmashtami", "Janmashtami"
    RAKSHA_BANDHAN = "raksha_bandhan", "Raksha Bandhan"
    MAHA_SHIVARATRI = "maha_shivaratri", "Maha Shivaratri"
    GANESH_CHATURTHI = "ganesh_chaturthi", "Ganesh Chaturthi"
    RAM_NAVAMI = "ram_navami", "Ram Navami"
    VAISAKHI = "vaisakhi", "Vaisakhi"
    GURU_NANAK_GURPURAB = "guru_nanak_gurpurab", "Guru Nanak Gurpurab"
    GURU_GOBIND_SINGH_GURPURAB = "guru_gobind_singh_gurpurab", "Guru Gobind Singh Gurpurab"
    GURU_ARJAN_DEV_MARTYRDOM = "guru_arjan_dev_martyrdom", "Martyrdom of Guru Arjan Dev"
    VESAK = "vesak", "Vesak (Buddha Purnima, May full moon)"


# Festival → the `holidays` Hindu lunisolar table it reads.
_FESTIVAL_TABLES = {
    Festival.DIWALI: "diwali_india_date",
    Festival.HOLI: "holi_date",
    Festival.NAVARATRI: "sharad_navratri_date",
    Festival.CHAITRA_NAVARATRI: "chaitra_navratri_date",
    Festival.DUSSEHRA: "dussehra_date",
    Festival.JANMASHTAMI: "janmashtami_date",
    Festival.RAKSHA_BANDHAN: "raksha_bandhan_date",
    Festival.MAHA_SHIVARATRI: "maha_shivaratri_date",
    Festival.GANESH_CHATURTHI: "ganesh_chaturthi_date",
    Festival.RAM_NAVAMI: "ram_navami_date",
    Festival.VAISAKHI: "vaisakhi_date",
    Festival.GURU_NANAK_GURPURAB: "guru_nanak_jayanti_date",
    Festival.GURU_GOBIND_SINGH_GURPURAB: "guru_gobind_singh_jayanti_date",
    Festival.GURU_ARJAN_DEV_MARTYRDOM: "guru_arjun_dev_martyrdom_date",
    Festival.VESAK: "buddha_purnima_date",
}
_HINDU_TABLES = _HinduLunisolar()

# The years each library can answer for; a year outside gives no date, never a wrong one.
SUPPORTED_YEARS = {
    RuleType.HIJRI: (1924, 2076),
    RuleType.CHINESE_LUNAR: (1900, 2098),
    RuleType.FESTIVAL_TABLE: (
        min(_HinduLunisolar.DIWALI_INDIA_DATES),
        max(_HinduLunisolar.DIWALI_INDIA_DATES),
    ),
}
ANY_YEAR = (datetime.MINYEAR + 1, datetime.MAXYEAR - 1)


def rule_types_unavailable_in(first_year, last_year):
    """The rule types some year from first_year to last_year is beyond the library of."""
    return {
        rule_type
        for rule_type, (low, high) in SUPPORTED_YEARS.items()
        if first_year < low or last_year > high
    }


@dataclass(frozen=True)
class DateRule:
    """The rule part of an observance, independent of the database."""

    rule_type: str
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    week_of_month: int | None = None
    hijri_month: int | None = None
    hebrew_month: int | None = None
    lunar_month: int | None = None
    festival: str = ""
    offset_days: int = 0
    duration_days: int = 1
    ends: str = LengthRule.DAYS
    end_festival: str = ""

    @property
    def certainty(self):
        return RULE_CERTAINTY[RuleType(self.rule_type)]

    @property
    def supported_years(self):
        """(first, last): the years the libraries this rule needs, for its first day and its
        last, can answer for."""
        low, high = SUPPORTED_YEARS.get(RuleType(self.rule_type), ANY_YEAR)
        if self.ends == LengthRule.BEFORE_FESTIVAL:
            table_low, table_high = SUPPORTED_YEARS[RuleType.FESTIVAL_TABLE]
            low, high = max(low, table_low), min(high, table_high)
        return low, high

    def spans_in_year(self, year):
        """(first day, last day) of each occurrence that starts in Gregorian `year`: where its
        calendar says it ends (a Hijri month of 29 or 30 days, the eve of another festival),
        or after its number of days. An end the libraries cannot give gives no span."""
        spans = []
        for start in self.dates_in_year(year):
            end = self._last_day(start)
            if end is not None:
                spans.append((start, end))
        return spans

    def _last_day(self, start):
        if self.ends == LengthRule.MONTH_END:
            return start + datetime.timedelta(days=self._days_left_in_month(start))
        if self.ends == LengthRule.BEFORE_FESTIVAL:
            festival = DateRule(RuleType.FESTIVAL_TABLE, festival=self.end_festival)
            later = [
                day
                for year in (start.year, start.year + 1)
                for day in festival.dates_in_year(year)
                if day > start
            ]
            return later[0] - datetime.timedelta(days=1) if later else None
        return start + datetime.timedelta(days=max(self.duration_days or 1, 1) - 1)

    def _days_left_in_month(self, day):
        """Days after `day` to the end of its month, in the calendar the rule follows."""
        rule_type = RuleType(self.rule_type)
        if rule_type == RuleType.HIJRI:
            hijri = Gregorian(day.year, day.month, day.day).to_hijri()
            return hijri.month_length() - hijri.day
        if rule_type == RuleType.HEBREW:
            hebrew = hebrew_dates.HebrewDate.from_pydate(day)
            try:
                hebrew_dates.HebrewDate(hebrew.year, hebrew.month, 30)
            except ValueError:
                return 29 - hebrew.day
            return 30 - hebrew.day
        if rule_type == RuleType.CHINESE_LUNAR:
            lunar = LunarDate.from_solar_date(day.year, day.month, day.day)
            try:
                LunarDate(lunar.year, lunar.month, 30, lunar.is_leap_month)
            except ValueError:
                return 29 - lunar.day
            return 30 - lunar.day
        return calendar.monthrange(day.year, day.month)[1] - day.day

    def dates_in_year(self, year):
        """Every date in Gregorian `year` the rule gives (sorted; usually one, sometimes none
        or two, because lunar years are shorter than solar ones)."""
        offset = datetime.timedelta(days=self.offset_days or 0)
        found = set()
        # Look at the neighbouring years too, so an offset can carry a date across 1 January.
        for rule_year in (year - 1, year, year + 1):
            for base in self._base_dates(rule_year):
                shifted = base + offset
                if shifted.year == year:
                    found.add(shifted)
        return sorted(found)

    def _base_dates(self, year) -> Iterable[datetime.date]:
        rule_type = RuleType(self.rule_type)
        low, high = SUPPORTED_YEARS.get(rule_type, (datetime.MINYEAR + 1, datetime.MAXYEAR - 1))
        if not low <= year <= high:
            return []
        method = getattr(self, f"_{rule_type.value}_dates")
        return method(year)

    def _fixed_dates(self, year):
        if self.day > calendar.monthrange(year, self.month)[1]:
            return []
        return [datetime.date(year, self.month, self.day)]

    def _nth_weekday_dates(self, year):
        days = [
            datetime.date(year, self.month, day)
            for day in range(1, calendar.monthrange(year, self.month)[1] + 1)
            if calendar.weekday(year, self.month, day) == self.weekday
        ]
        if self.week_of_month == WeekOfMonth.LAST:
            return [days[-1]]
        return [days[self.week_of_month - 1]] if self.week_of_month <= len(days) else []

    def _western_easter_dates(self, year):
        return [easter(year, EASTER_WESTERN)]

    def _orthodox_easter_dates(self, year):
        return [easter(year, EASTER_ORTHODOX)]

    def _hijri_dates(self, year):
        # The Hijri years that overlap this Gregorian year.
        first = Gregorian(year, 1, 1).to_hijri().year
        results = []
        for hijri_year in (first, first + 1):
            try:
                results.append(Hijri(hijri_year, self.hijri_month, self.day).to_gregorian())
            except (ValueError, OverflowError):
                continue  # e.g. the 30th of a month that has 29 days that year
        return [datetime.date(d.year, d.month, d.day) for d in results]

    def _hebrew_dates(self, year):
        results = []
        for hebrew_year in (year + 3760, year + 3761):
            month = self.hebrew_month
            if month == HebrewMonth.ADAR and hebrewcal.Year(hebrew_year).leap:
                month = 13  # Adar II
            try:
                results.append(hebrew_dates.HebrewDate(hebrew_year, month, self.day).to_pydate())
            except ValueError:
                continue  # 30 Cheshvan or 30 Kislev do not exist in every year
        return results

    def _festival_table_dates(self, year):
        answer = getattr(_HINDU_TABLES, _FESTIVAL_TABLES[Festival(self.festival)])(year)
        if isinstance(answer, tuple):
            answer = [answer]
        return [found for found, _estimated in answer if found and found.year == year]

    def _chinese_lunar_dates(self, year):
        try:
            return [LunarDate(year, self.lunar_month, self.day).to_solar_date()]
        except ValueError:
            return []  # the 30th of a short lunar month

    def _manual_dates(self, year):
        return []


def validate_rule(rule):
    """Errors in the rule's parameters, as {field name: message} for the editor's form."""
    errors = {}
    rule_type = rule.rule_type

    def require(field, message):
        if getattr(rule, field) in (None, ""):
            errors[field] = message

    if rule_type in (RuleType.FIXED, RuleType.NTH_WEEKDAY):
        require("month", "Choose the month.")
    if rule_type == RuleType.FIXED:
        require("day", "Enter the day of the month, for example 27 for 27 January.")
        if "month" not in errors and "day" not in errors:
            if rule.month == 2 and rule.day == 29:
                errors["day"] = (
                    "29 February happens only in leap years. Choose 28 February or 1 March, "
                    "or use a manual rule."
                )
            elif not 1 <= rule.day <= calendar.monthrange(2024, rule.month)[1]:
                month_name = calendar.month_name[rule.month]
                days = calendar.monthrange(2023, rule.month)[1]
                errors["day"] = f"{month_name} has {days} days. Enter a day from 1 to {days}."
    if rule_type == RuleType.NTH_WEEKDAY:
        require("weekday", "Choose the day of the week, for example Sunday.")
        require("week_of_month", "Choose which one in the month, for example the second.")
    if rule_type == RuleType.HIJRI:
        require("hijri_month", "Choose the Islamic month, for example Shawwal.")
        require("day", "Enter the day of the Islamic month, from 1 to 30.")
        if "day" not in errors and not 1 <= rule.day <= 30:
            errors["day"] = "Islamic months have 29 or 30 days. Enter a day from 1 to 30."
    if rule_type == RuleType.HEBREW:
        require("hebrew_month", "Choose the Hebrew month, for example Nisan.")
        require("day", "Enter the day of the Hebrew month, from 1 to 30.")
        if "day" not in errors and "hebrew_month" not in errors:
            longest = 29 if rule.hebrew_month in HEBREW_SHORT_MONTHS else 30
            if not 1 <= rule.day <= longest:
                month = HebrewMonth(rule.hebrew_month).label
                errors["day"] = f"{month} has {longest} days. Enter a day from 1 to {longest}."
    if rule_type == RuleType.CHINESE_LUNAR:
        require("lunar_month", "Enter the lunar month, from 1 to 12 (1 for Chinese New Year).")
        require("day", "Enter the day of the lunar month, from 1 to 30.")
        if "lunar_month" not in errors and not 1 <= rule.lunar_month <= 12:
            errors["lunar_month"] = "Enter a lunar month from 1 to 12."
        if "day" not in errors and not 1 <= rule.day <= 30:
            errors["day"] = "Lunar months have 29 or 30 days. Enter a day from 1 to 30."
    if rule_type == RuleType.FESTIVAL_TABLE:
        require("festival", "Choose the festival.")
    if rule.ends == LengthRule.MONTH_END and rule_type in (
        RuleType.FESTIVAL_TABLE,
        RuleType.MANUAL,
    ):
        errors["ends"] = (
            "The festival tables give days, not months. Choose a number of days or the day "
            "before another festival."
        )
    if rule.ends == LengthRule.BEFORE_FESTIVAL:
        require("end_festival", "Choose the festival it ends before, for example Dussehra.")
    if rule.offset_days and abs(rule.offset_days) > 100:
        errors["offset_days"] = "Enter a number of days between -100 and 100."
    return errors


# The fields each rule type uses; the others are cleared when an editor saves.
RULE_FIELDS = {
    RuleType.FIXED: {"month", "day"},
    RuleType.NTH_WEEKDAY: {"month", "weekday", "week_of_month"},
    RuleType.WESTERN_EASTER: set(),
    RuleType.ORTHODOX_EASTER: set(),
    RuleType.HIJRI: {"hijri_month", "day"},
    RuleType.HEBREW: {"hebrew_month", "day"},
    RuleType.FESTIVAL_TABLE: {"festival"},
    RuleType.CHINESE_LUNAR: {"lunar_month", "day"},
    RuleType.MANUAL: set(),
}
ALL_RULE_FIELDS = set().union(*RULE_FIELDS.values())
