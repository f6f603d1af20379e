"""Multi-day observances end where their calendars say: Ramadan with its Hijri month (29 or
30 days), the day before Eid al-Fitr; Navaratri the day before Dussehra. Checked on the demo
content for every year from 2025 to 2035."""

import datetime

import pytest

from calendars.models import Observance
from calendars.rules import DateRule, LengthRule, RuleType

pytestmark = pytest.mark.django_db
D = datetime.date
YEARS = range(2025, 2036)

# An observance, and the one that ends it.
ENDED_BY = [
    ("Ramadan", "Eid al-Fitr"),
    ("Navaratri", "Dussehra (Vijayadashami)"),
    ("Lent", "Easter Sunday"),
    ("Sukkot", "Shemini Atzeret and Simchat Torah"),
]


def spans(observance, year):
    return observance.rule.spans_in_year(year)


@pytest.mark.parametrize(("name", "ended_by"), ENDED_BY)
def test_no_observance_overlaps_the_one_that_ends_it(demo_site, name, ended_by):
    observance = Observance.objects.get(name=name)
    ending = Observance.objects.get(name=ended_by)
    for year in YEARS:
        ends = {start for start, _ in spans(ending, year) + spans(ending, year + 1)}
        for start, end in spans(observance, year):
            assert end + datetime.timedelta(days=1) in ends, (name, year, start, end)


def test_ramadan_lasts_29_or_30_days_as_its_hijri_month_does():
    ramadan = DateRule(RuleType.HIJRI, hijri_month=9, day=1, ends=LengthRule.MONTH_END)
    lengths = {
        (end - start).days + 1 for year in YEARS for start, end in ramadan.spans_in_year(year)
    }
    assert lengths == {29, 30}
    assert ramadan.spans_in_year(2027) == [(D(2027, 2, 8), D(2027, 3, 8))]  # 29 days


def test_navaratri_ends_the_day_before_dussehra_even_when_it_is_eight_days():
    navaratri = DateRule(
        RuleType.FESTIVAL_TABLE,
        festival="navaratri",
        ends=LengthRule.BEFORE_FESTIVAL,
        end_festival="dussehra",
    )
    assert navaratri.spans_in_year(2028) == [(D(2028, 9, 19), D(2028, 9, 26))]
    assert navaratri.spans_in_year(2036) == []  # beyond the tables: no date, not a wrong one


def test_month_ends_in_the_hebrew_chinese_and_gregorian_calendars():
    def end(**rule):
        return DateRule(ends=LengthRule.MONTH_END, **rule).spans_in_year(2026)[0][1]

    assert end(rule_type=RuleType.HEBREW, hebrew_month=1, day=15) == D(2026, 4, 17)  # 30 Nisan
    assert end(rule_type=RuleType.CHINESE_LUNAR, lunar_month=1, day=1) == D(2026, 3, 18)
    assert end(rule_type=RuleType.FIXED, month=6, day=1) == D(2026, 6, 30)


def test_the_faith_page_gives_ramadan_its_real_length(client, demo_site):
    islam = demo_site.get_descendants().get(slug="islam")
    html = client.get(islam.url).content.decode()
    # Ramadan 2027 has 29 days (8 February to 8 March); it was shown as 30.
    assert "Monday 8 February to Monday 8 March 2027 (29 days)" in html
    assert "Monday 8 February to Tuesday 9 March 2027 (30 days)" not in html


def test_editors_are_told_what_a_length_rule_needs(islam):
    observance = Observance(
        faith=islam,
        name="Navaratri",
        summary="Nine nights.",
        rule_type=RuleType.FESTIVAL_TABLE,
        festival="navaratri",
        ends=LengthRule.BEFORE_FESTIVAL,
    )
    with pytest.raises(Exception, match="Choose the festival it ends before"):
        observance.full_clean()
    observance.ends = LengthRule.MONTH_END
    with pytest.raises(Exception, match="festival tables give days"):
        observance.full_clean()
