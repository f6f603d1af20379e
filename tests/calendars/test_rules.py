"""Computed dates against published ones."""

import datetime

import pytest

from calendars.rules import (
    DateRule,
    Festival,
    HebrewMonth,
    HijriMonth,
    RuleType,
    Weekday,
    WeekOfMonth,
)

D = datetime.date


def dates(year, **rule):
    return DateRule(**rule).dates_in_year(year)


def test_western_easter_sunday_2026_is_5_april():
    assert dates(2026, rule_type=RuleType.WESTERN_EASTER) == [D(2026, 4, 5)]


def test_easter_offsets_give_good_friday_and_ash_wednesday():
    assert dates(2026, rule_type=RuleType.WESTERN_EASTER, offset_days=-2) == [D(2026, 4, 3)]
    assert dates(2026, rule_type=RuleType.WESTERN_EASTER, offset_days=-46) == [D(2026, 2, 18)]


def test_orthodox_easter_2026_is_12_april():
    assert dates(2026, rule_type=RuleType.ORTHODOX_EASTER) == [D(2026, 4, 12)]


def test_chinese_new_year_2026_is_17_february():
    assert dates(2026, rule_type=RuleType.CHINESE_LUNAR, lunar_month=1, day=1) == [D(2026, 2, 17)]


def test_passover_2026_begins_on_2_april_so_the_evening_of_1_april():
    passover = dates(2026, rule_type=RuleType.HEBREW, hebrew_month=HebrewMonth.NISAN, day=15)
    assert passover == [D(2026, 4, 2)]


def test_rosh_hashanah_and_yom_kippur_2026():
    tishrei = {"rule_type": RuleType.HEBREW, "hebrew_month": HebrewMonth.TISHREI}
    assert dates(2026, **tishrei, day=1) == [D(2026, 9, 12)]
    assert dates(2026, **tishrei, day=10) == [D(2026, 9, 21)]


def test_purim_falls_in_adar_ii_in_a_hebrew_leap_year():
    # 5784 was a leap year: Purim was 14 Adar II, 24 March 2024 (not 14 Adar I in February).
    assert dates(2024, rule_type=RuleType.HEBREW, hebrew_month=HebrewMonth.ADAR, day=14) == [
        D(2024, 3, 24)
    ]


def test_eid_al_fitr_2026_is_estimated_around_20_march():
    (eid,) = dates(2026, rule_type=RuleType.HIJRI, hijri_month=HijriMonth.SHAWWAL, day=1)
    assert abs((eid - D(2026, 3, 20)).days) <= 1


def test_ramadan_2026_starts_around_18_february():
    (start,) = dates(2026, rule_type=RuleType.HIJRI, hijri_month=HijriMonth.RAMADAN, day=1)
    assert abs((start - D(2026, 2, 18)).days) <= 1


def test_a_hijri_date_can_fall_twice_in_one_gregorian_year():
    # The lunar year is about 11 days shorter: Eid al-Fitr fell in January and December 2033.
    eids = dates(2033, rule_type=RuleType.HIJRI, hijri_month=HijriMonth.SHAWWAL, day=1)
    assert [eid.month for eid in eids] == [1, 12]


def test_diwali_2025_fell_on_20_or_21_october_depending_on_tradition():
    (diwali,) = dates(2025, rule_type=RuleType.FESTIVAL_TABLE, festival=Festival.DIWALI)
    assert diwali in {D(2025, 10, 20), D(2025, 10, 21)}


@pytest.mark.parametrize(
    ("festival", "year", "expected"),
    [
        (Festival.VAISAKHI, 2026, D(2026, 4, 14)),
        (Festival.GURU_NANAK_GURPURAB, 2025, D(2025, 11, 5)),
        (Festival.HOLI, 2026, D(2026, 3, 4)),
        (Festival.DIWALI, 2026, D(2026, 11, 8)),
    ],
)
def test_hindu_and_sikh_festivals_from_the_holidays_tables(festival, year, expected):
    assert dates(year, rule_type=RuleType.FESTIVAL_TABLE, festival=festival) == [expected]


LUNAR_GURPURAB = Festival.GURU_GOBIND_SINGH_GURPURAB


@pytest.mark.parametrize("festival", [f for f in Festival if f != LUNAR_GURPURAB])
def test_every_offered_festival_has_a_date_in_the_next_years(festival):
    for year in (2026, 2027, 2028):
        found = dates(year, rule_type=RuleType.FESTIVAL_TABLE, festival=festival)
        assert len(found) == 1, (festival, year)
        assert found[0].year == year


def test_a_lunar_gurpurab_can_fall_twice_in_a_year_and_not_at_all_in_the_next():
    assert dates(2025, rule_type=RuleType.FESTIVAL_TABLE, festival=LUNAR_GURPURAB) == [
        D(2025, 1, 6),
        D(2025, 12, 27),
    ]
    assert dates(2026, rule_type=RuleType.FESTIVAL_TABLE, festival=LUNAR_GURPURAB) == []


def test_festival_tables_give_no_date_beyond_their_range_rather_than_a_wrong_one():
    assert dates(2040, rule_type=RuleType.FESTIVAL_TABLE, festival=Festival.DIWALI) == []


def test_remembrance_sunday_is_the_second_sunday_in_november():
    rule = {
        "rule_type": RuleType.NTH_WEEKDAY,
        "month": 11,
        "weekday": Weekday.SUNDAY,
        "week_of_month": WeekOfMonth.SECOND,
    }
    assert dates(2026, **rule) == [D(2026, 11, 8)]
    assert dates(2027, **rule) == [D(2027, 11, 14)]


def test_last_weekday_of_the_month():
    rule = {
        "rule_type": RuleType.NTH_WEEKDAY,
        "month": 5,
        "weekday": Weekday.MONDAY,
        "week_of_month": WeekOfMonth.LAST,
    }
    assert dates(2026, **rule) == [D(2026, 5, 25)]


def test_an_offset_can_carry_a_date_into_the_neighbouring_year():
    new_years_eve = {"rule_type": RuleType.FIXED, "month": 1, "day": 1, "offset_days": -1}
    assert dates(2026, **new_years_eve) == [D(2026, 12, 31)]


def test_manual_rules_compute_nothing():
    assert dates(2026, rule_type=RuleType.MANUAL) == []
