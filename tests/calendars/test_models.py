import datetime
import io

from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

import pytest

from calendars.factories import ObservanceFactory
from calendars.models import Observance, Occurrence
from calendars.rules import Certainty, HebrewMonth, HijriMonth, RuleType

pytestmark = pytest.mark.django_db
D = datetime.date


def observance_errors(**fields):
    observance = ObservanceFactory.build(**fields)
    with pytest.raises(ValidationError) as raised:
        observance.full_clean(exclude=["faith"])
    return raised.value.message_dict


def test_a_fixed_date_needs_a_month_and_a_real_day():
    errors = observance_errors(rule_type=RuleType.FIXED, month=None, day=None)
    assert errors["month"] == ["Choose the month."]
    assert "Enter the day of the month" in errors["day"][0]
    errors = observance_errors(rule_type=RuleType.FIXED, month=4, day=31)
    assert errors["day"] == ["April has 30 days. Enter a day from 1 to 30."]
    errors = observance_errors(rule_type=RuleType.FIXED, month=2, day=29)
    assert "only in leap years" in errors["day"][0]


def test_hebrew_and_hijri_days_are_checked_against_the_month():
    errors = observance_errors(rule_type=RuleType.HEBREW, hebrew_month=HebrewMonth.IYAR, day=30)
    assert errors["day"] == ["Iyar has 29 days. Enter a day from 1 to 29."]
    errors = observance_errors(rule_type=RuleType.HIJRI, hijri_month=None, day=31)
    assert errors["hijri_month"] == ["Choose the Islamic month, for example Shawwal."]
    assert "from 1 to 30" in errors["day"][0]


def test_other_rule_types_name_what_they_need():
    assert "festival" in observance_errors(rule_type=RuleType.FESTIVAL_TABLE, festival="")
    errors = observance_errors(rule_type=RuleType.NTH_WEEKDAY, month=11)
    assert set(errors) == {"weekday", "week_of_month"}
    errors = observance_errors(rule_type=RuleType.CHINESE_LUNAR, lunar_month=13, day=1)
    assert errors["lunar_month"] == ["Enter a lunar month from 1 to 12."]
    errors = observance_errors(rule_type=RuleType.WESTERN_EASTER, offset_days=400)
    assert "offset_days" in errors


def test_clean_clears_fields_the_rule_does_not_use_and_makes_a_slug(islam):
    observance = Observance(
        faith=islam,
        name="Eid al-Fitr",
        summary="The end of Ramadan.",
        rule_type=RuleType.HIJRI,
        hijri_month=HijriMonth.SHAWWAL,
        day=1,
        month=3,  # left over from an earlier rule
    )
    observance.full_clean()
    assert observance.month is None
    assert observance.slug == "eid-al-fitr"


def eid(islam, **fields):
    return ObservanceFactory(
        faith=islam,
        name="Eid al-Fitr",
        rule_type=RuleType.HIJRI,
        hijri_month=HijriMonth.SHAWWAL,
        day=1,
        month=None,
        **fields,
    )


def test_computing_stores_one_estimated_occurrence_a_year(islam):
    observance = eid(islam)
    result = observance.compute_occurrences([2026, 2027, 2028])
    assert result.created == 3
    occurrences = list(observance.occurrences.all())
    assert [o.start_date.year for o in occurrences] == [2026, 2027, 2028]
    assert {o.certainty for o in occurrences} == {Certainty.ESTIMATED}
    again = observance.compute_occurrences([2026, 2027, 2028])
    assert (again.created, again.unchanged) == (0, 3)


def test_duration_sets_the_last_day(islam):
    observance = eid(islam, duration_days=3)
    observance.compute_occurrences([2026])
    occurrence = observance.occurrences.get()
    assert occurrence.days == 3
    assert occurrence.end_date == occurrence.start_date + datetime.timedelta(days=2)


def test_an_editor_correction_is_kept_when_dates_are_computed_again(islam):
    observance = eid(islam)
    observance.compute_occurrences([2026])
    occurrence = observance.occurrences.get()
    computed = occurrence.start_date
    occurrence.start_date = occurrence.end_date = computed + datetime.timedelta(days=1)
    occurrence.save()
    occurrence.refresh_from_db()
    assert occurrence.editor_confirmed  # changing a date confirms it
    assert occurrence.certainty == Certainty.CONFIRMED

    result = observance.compute_occurrences([2026])

    assert (result.kept, result.created) == (1, 0)
    occurrence.refresh_from_db()
    assert occurrence.start_date == computed + datetime.timedelta(days=1)


def test_the_sequence_counts_the_changes_of_an_occurrences_dates(islam):
    observance = eid(islam)
    observance.compute_occurrences([2026])
    occurrence = observance.occurrences.get()
    assert occurrence.sequence == 0
    occurrence.note = "Announced after the moon sighting."
    occurrence.save()
    assert Occurrence.objects.get(pk=occurrence.pk).sequence == 0  # not a date

    occurrence = Occurrence.objects.get(pk=occurrence.pk)
    occurrence.start_date = occurrence.end_date = occurrence.start_date + datetime.timedelta(1)
    occurrence.save()
    assert Occurrence.objects.get(pk=occurrence.pk).sequence == 1

    observance.compute_occurrences([2027])
    observance.duration_days = 3  # computing again moves the last day
    observance.save()
    observance.compute_occurrences([2027])
    observance.compute_occurrences([2027])  # and again changes nothing
    assert observance.occurrences.get(start_date__year=2027).sequence == 1


def test_a_confirmed_date_survives_a_rule_change_and_stale_dates_go(islam):
    observance = eid(islam)
    observance.compute_occurrences([2026, 2027])
    confirmed = observance.occurrences.first()
    confirmed.editor_confirmed = True
    confirmed.save()

    observance.hijri_month = HijriMonth.DHU_AL_HIJJAH
    observance.day = 10
    observance.save()  # recomputes the years it has stored

    starts = set(observance.occurrences.values_list("start_date", flat=True))
    assert starts == {confirmed.start_date, D(2026, 5, 27), D(2027, 5, 16)}
    result = observance.compute_occurrences([2026, 2027])
    assert (result.created, result.removed, result.kept, result.unchanged) == (0, 0, 1, 2)


def test_unconfirming_restores_the_rule_certainty(islam):
    observance = eid(islam)
    observance.compute_occurrences([2026])
    occurrence = observance.occurrences.get()
    occurrence.editor_confirmed = True
    occurrence.save()
    assert occurrence.certainty == Certainty.CONFIRMED
    occurrence.editor_confirmed = False
    occurrence.save()
    assert occurrence.certainty == Certainty.ESTIMATED


def test_manual_dates_are_never_touched_by_computing(islam):
    observance = ObservanceFactory(faith=islam, rule_type=RuleType.MANUAL, month=None, day=None)
    Occurrence.objects.create(
        observance=observance, start_date=D(2026, 5, 1), end_date=D(2026, 5, 2)
    )
    result = observance.compute_occurrences([2026])
    assert result.removed == 0
    assert observance.occurrences.count() == 1


def test_the_command_computes_a_year_range_with_a_progress_bar(islam):
    eid(islam)
    ObservanceFactory(faith=islam, name="Fixed", month=1, day=27)
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "compute_observance_dates", "--from", "2026", "--to", "2028", stdout=out, stderr=err
    )
    assert "6 created" in out.getvalue()
    assert "2/2" in err.getvalue()  # tqdm's progress bar
    assert Occurrence.objects.count() == 6

    out = io.StringIO()
    call_command(
        "compute_observance_dates",
        "--from",
        "2026",
        "--to",
        "2028",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "0 created" in out.getvalue()
    assert "6 unchanged" in out.getvalue()


def test_the_command_rejects_a_backwards_range_and_unknown_slugs(islam):
    with pytest.raises(CommandError, match="must not be before"):
        call_command("compute_observance_dates", "--from", "2028", "--to", "2026")
    with pytest.raises(CommandError, match="no-such"):
        call_command("compute_observance_dates", "--observance", "no-such")


def test_the_command_warns_when_a_rule_gives_no_date(islam):
    ObservanceFactory(
        faith=islam, rule_type=RuleType.FESTIVAL_TABLE, festival="diwali", month=None, day=None
    )
    out = io.StringIO()
    call_command(
        "compute_observance_dates", "--from", "2040", "--to", "2040", "--no-progress", stdout=out
    )
    assert "No date from the rule" in out.getvalue()
    assert "2040" in out.getvalue()
