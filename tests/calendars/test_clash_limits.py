"""The clash checker's limits: bounded input, sane years, a summarised page, a rate limit."""

import datetime

from django.test import RequestFactory, override_settings

import pytest

from calendars.clash_results import LISTED_SESSIONS, find_clashes
from calendars.clashes import MAX_ERRORS, MAX_SESSIONS, PlannedSession, parse_typed
from calendars.factories import ObservanceFactory, OccurrenceFactory
from calendars.forms import ClashCheckForm
from calendars.periods import MAX_YEAR, MIN_YEAR

D = datetime.date


def checker_url(calendar_page):
    return f"{calendar_page.url}clash-checker/"


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "31/12/9999", f"{MAX_YEAR + 1}-01-01"])
def test_years_outside_the_calendar_are_refused_with_a_reason(day):
    sessions, errors = parse_typed(f"2026-03-20\n{day}")
    assert len(sessions) == 1
    assert "is outside the calendar" in errors[0]
    assert f"Enter dates from {MIN_YEAR} to {MAX_YEAR}" in errors[0]


@pytest.mark.django_db
def test_year_9999_in_the_checker_is_an_error_message_not_a_server_error(client, calendar_page):
    response = client.post(checker_url(calendar_page), {"sessions": "9999-12-31 to 9999-12-31"})
    assert response.status_code == 200
    assert "9999 is outside the calendar" in response.content.decode()


def test_reading_stops_after_too_many_problems():
    _, errors = parse_typed("\n".join(f"bad {n}" for n in range(5000)))
    assert len(errors) == MAX_ERRORS + 1
    assert errors[-1].startswith(f"Stopped reading at line {MAX_ERRORS}")


def test_more_sessions_than_the_limit_are_refused():
    form = ClashCheckForm({"sessions": "\n".join(["2026-03-20"] * (MAX_SESSIONS + 1))})
    assert not form.is_valid()
    assert f"Check up to {MAX_SESSIONS} sessions at a time" in str(form.errors)


def test_sessions_find_the_same_clashes_as_comparing_every_pair():
    class Observance:
        def __init__(self, pk, evening):
            self.pk, self.name, self.begins_evening_before = pk, f"o{pk}", evening

    class Occurrence:
        def __init__(self, pk, start, days, evening):
            self.pk, self.start_date = pk, start
            self.end_date = start + datetime.timedelta(days=days)
            self.eve = start - datetime.timedelta(days=1)
            self.observance = Observance(pk % 7, evening)

    base = D(2026, 1, 1)
    occurrences = [
        Occurrence(n, base + datetime.timedelta(days=(n * 37) % 400), n % 30, n % 3 == 0)
        for n in range(120)
    ]
    sessions = [
        PlannedSession(
            base + datetime.timedelta(days=n * 3), base + datetime.timedelta(n * 3 + n % 9)
        )
        for n in range(150)
    ]
    results = find_clashes(sessions, occurrences)
    for session, result in zip(sessions, results, strict=True):
        expected = {
            o.pk
            for o in occurrences
            if (o.eve if o.observance.begins_evening_before else o.start_date) <= session.end
            and o.end_date >= session.start
        }
        assert {clash.occurrence.pk for clash in result.clashes} == expected
    assert len(results.by_observance) == 7


@pytest.mark.django_db
def test_the_largest_check_is_summarised(client, calendar_page, islam):
    eid = ObservanceFactory(faith=islam, name="Eid al-Fitr", guidance="Plan flexible cover.")
    OccurrenceFactory(observance=eid, start_date=D(2026, 3, 20))
    typed = "\n".join(f"2026-01-01 to 2026-12-31, Session {n}" for n in range(MAX_SESSIONS))
    html = client.post(checker_url(calendar_page), {"sessions": typed}).content.decode()
    assert f"Results: {MAX_SESSIONS} of {MAX_SESSIONS} sessions overlap" in html
    assert html.count("Plan flexible cover.") == 1  # the guidance once, for the observance
    assert f"This page shows the first {LISTED_SESSIONS} of {MAX_SESSIONS} sessions" in html
    assert "<br>Session 49\n" in html
    assert "<br>Session 50\n" not in html
    assert len(html) < 300_000


@pytest.mark.django_db
@override_settings(CLASH_CHECK_RATE_LIMIT=2)
def test_checks_are_rate_limited_per_address():
    def check(address):
        request = RequestFactory().post("/", REMOTE_ADDR=address)
        return ClashCheckForm({"sessions": "2026-03-20"}, request=request)

    assert check("192.0.2.1").is_valid()
    assert check("192.0.2.1").is_valid()
    refused = check("192.0.2.1")
    assert not refused.is_valid()
    assert refused.rate_limited
    assert "Wait a few minutes, then check again." in str(refused.errors)
    assert check("192.0.2.2").is_valid()  # another address is not held up


@pytest.mark.django_db
@override_settings(CLASH_CHECK_RATE_LIMIT=2)
def test_the_checker_page_refuses_a_third_check_from_one_address(client, calendar_page):
    url = checker_url(calendar_page)
    for _ in range(2):
        html = client.post(url, {"sessions": "2026-03-20"}).content.decode()
        assert "Results:" in html
    html = client.post(url, {"sessions": "2026-03-20"}).content.decode()
    assert "Wait a few minutes, then check again." in html
    assert "Results:" not in html
    assert "2026-03-20" in html  # what was typed is kept
