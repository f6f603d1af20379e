"""Sessions from iCalendar files, with repeating events expanded.

`icalendar` reads the file; `recurring_ical_events` expands each repeating event (RRULE, RDATE,
EXDATE and instances moved with RECURRENCE-ID) in its own time zone. Each series is expanded on
its own from its first start: a short one in one search, others lazily, so one that never ends
is cut at the session limit or the calendar's last year (with a note saying so).

dateutil (under recurring_ical_events) looks for the next date of a rule that never matches
(FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) until the year 9999, seconds of work. So each rule is first
tried on its own `PROBE_YEARS` later, where the calendar is the same (400 Gregorian years are
exactly 20,871 weeks) and 9999 is near; a rule with no date by 2075 is refused. A budget of
time stops the rest of a file's repeating events once spent, and a rule repeating more often
than daily is refused, as sessions are days.
"""

import contextlib
import datetime
import re
import time
from collections import defaultdict
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
from dateutil.rrule import rrulestr

from calendars.clash_sessions import (
    MAX_SESSIONS,
    Reading,
    SessionError,
    decode_text,
    make_session,
    stop_reading,
    too_many_sessions,
)
from calendars.periods import MAX_YEAR, MIN_YEAR

LONDON = ZoneInfo("Europe/London")
EXPANSION_SECONDS = 1.0  # time for working out repeating events, per file
DAILY_OR_SLOWER = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
SHORT_SERIES = 10 * MAX_SESSIONS  # dates of a series worth finding in one search
PROBE_YEARS = 400 * ((datetime.MAXYEAR - MAX_YEAR) // 400)  # 7,600: 2075 becomes 9675
_EXPANSION_ERRORS = (ValueError, TypeError, OverflowError, KeyError, AttributeError)


def parse_ics(data, room=MAX_SESSIONS):
    """Sessions from the VEVENTs of an iCalendar file, repeats expanded (to at most `room`
    sessions in all, the rest noted). Returns a Reading."""
    text = decode_text(data)
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise SessionError(
            "Line 1: an iCalendar file starts with BEGIN:VCALENDAR. Export the calendar "
            "again as .ics, or upload a .csv instead."
        )
    lines = text.splitlines()
    event_lines = [
        number
        for number, line in enumerate(lines, start=1)
        if line.strip().upper() == "BEGIN:VEVENT"
    ]
    if len(event_lines) > MAX_SESSIONS:
        raise too_many_sessions(len(event_lines))
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except _EXPANSION_ERRORS as error:  # icalendar fails on some bad component names
        raise SessionError(_describe_parse_error(error, lines)) from error
    reading = Reading()
    events = [event for cal in calendars for event in cal.walk("VEVENT")]
    if not events:
        reading.errors.append(
            "The file has no complete events in it (each needs BEGIN:VEVENT and END:VEVENT)."
        )
        return reading
    timezones = [zone for cal in calendars for zone in cal.walk("VTIMEZONE")]
    singles, series, moved = [], [], defaultdict(list)
    for index, event in enumerate(events):
        number = event_lines[index] if index < len(event_lines) else None
        problem_line, problem = _event_problem(event, lines, number)
        if problem:
            where = f"Line {problem_line}" if problem_line else f"Event {index + 1}"
            reading.errors.append(f"{where}: the event{_named(event)} {problem}")
        elif "RECURRENCE-ID" in event:
            moved[str(event.get("UID", ""))].append((event, number, index))
        elif "RRULE" in event or "RDATE" in event:
            series.append((event, number, index))
        else:
            singles.append((event, number, index))
        if stop_reading(reading.errors, number or index + 1):
            return reading
    repeating_uids = {str(event.get("UID", "")) for event, _, _ in series}
    for uid, instances in moved.items():
        if uid not in repeating_uids:  # an instance whose series is not in the file
            singles += instances
    for event, number, index in singles:
        where = f"Line {number}" if number else f"Event {index + 1}"
        try:
            reading.sessions.append(session_from_event(event, _title(event), number))
        except SessionError as error:
            reading.errors.append(f"{where}: the event{_named(event)} {error}")
        except _EXPANSION_ERRORS:
            reading.errors.append(
                f"{where}: the event{_named(event)} has a date that cannot be read."
            )
    deadline = time.monotonic() + EXPANSION_SECONDS
    unchecked = []
    for event, number, index in series:
        left = room - len(reading.sessions)
        if left <= 0:
            unchecked.append(number or index + 1)
            continue
        overrides = [instance for instance, _, _ in moved[str(event.get("UID", ""))]]
        _expand(event, overrides, timezones, (number, index), left, deadline, reading)
        if stop_reading(reading.errors, number or index + 1):
            break
    if unchecked:
        others = len(unchecked)
        reading.notes.append(
            f"Line {unchecked[0]}: this and {others - 1} later repeating event"
            f"{'s' if others != 2 else ''} were not checked, as up to {MAX_SESSIONS} sessions are "
            "checked at a time. Check them separately."
            if others > 1
            else f"Line {unchecked[0]}: this repeating event was not checked, as up to "
            f"{MAX_SESSIONS} sessions are checked at a time. Check it separately."
        )
    reading.sessions.sort(key=lambda session: (session.start, session.end, session.line or 0))
    return reading


def _title(event):
    return str(event.get("SUMMARY", "")).strip()


def _named(event):
    title = _title(event)
    return f" '{title}'" if title else ""


def _event_problem(event, lines, number):
    """(the line of what makes the event unreadable, what it is) or (number, "")."""
    if event.errors:
        prop, problem = event.errors[0]
        prop = prop or "property"
        return _property_line(lines, number, prop) or number, (
            f"has a {prop} that cannot be read ({problem})."
        )
    if "DTSTART" not in event:
        return number, "has no start date (DTSTART)."
    return number, ""


def _expand(event, overrides, timezones, place, room, deadline, reading):
    """Add the sessions of one repeating event (and its moved instances) to `reading`."""
    number, index = place
    where = f"Line {number}" if number else f"Event {index + 1}"
    named = _named(event)
    frequencies = {str(rule.get("FREQ", [""])[0]).upper() for rule in _rules(event)}
    if frequencies - DAILY_OR_SLOWER:
        reading.errors.append(
            f"{where}: the event{named} repeats more often than daily "
            f"({', '.join(sorted(frequencies - DAILY_OR_SLOWER))}). The checker works with "
            "days: list the days of the sessions instead."
        )
        return
    try:
        first = _local_date(event.decoded("DTSTART"))
    except (SessionError, *_EXPANSION_ERRORS):
        reading.errors.append(f"{where}: the event{named} has a start that is not a date.")
        return
    if not MIN_YEAR <= first.year <= MAX_YEAR:
        reading.errors.append(
            f"{where}: the event{named} starts in {first.year}, outside the calendar. Enter "
            f"dates from {MIN_YEAR} to {MAX_YEAR}, the years the calendar covers."
        )
        return
    if time.monotonic() > deadline:
        reading.errors.append(_too_slow(where, named))
        return
    try:
        matches = _rules_match_by_the_last_year(event)
    except _EXPANSION_ERRORS as error:
        reading.errors.append(_unworkable(where, named, error))
        return
    if not matches:
        reading.errors.append(
            f"{where}: the event{named} has a repeat rule (RRULE) that gives no date from "
            f"its start to {MAX_YEAR}. Check the rule, or list the dates instead."
        )
        return
    calendar = icalendar.Calendar()
    for component in (*timezones, event, *overrides):
        calendar.add_component(component)
    found, cut = [], ""
    try:
        for instance in _instances(calendar, event, overrides):
            if _local_date(instance.decoded("DTSTART")).year > MAX_YEAR:
                cut = f"repeats past {MAX_YEAR}, the last year the calendar covers"
                break
            session = session_from_event(instance, _title(instance) or _title(event), number)
            if len(found) == room:
                cut = (
                    "repeats without an end"
                    if not any("COUNT" in rule or "UNTIL" in rule for rule in _rules(event))
                    else "repeats more times than can be checked at once"
                )
                break
            found.append(session)
            if time.monotonic() > deadline:
                reading.errors.append(_too_slow(where, named))
                return
    except SessionError as error:
        reading.errors.append(f"{where}: the event{named} {error}")
        return
    except (recurring_ical_events.InvalidCalendar, *_EXPANSION_ERRORS) as error:
        reading.errors.append(_unworkable(where, named, error))
        return
    reading.sessions += found
    if cut:
        checked = (
            f"we checked its first {len(found)} session{'s' if len(found) != 1 else ''}, "
            f"to {found[-1].end:%A %-d %B %Y}"
            if found
            else "none of its sessions could be checked"
        )
        reading.notes.append(
            f"{where}: the event{named} {cut}, so {checked} (up to {MAX_SESSIONS} sessions, "
            f"from {MIN_YEAR} to {MAX_YEAR}, are checked at a time)."
        )


def _instances(calendar, event, overrides):
    """The series' instances in order: found in one search when the series is short, and
    otherwise lazily, as one without an end never stops."""
    query = recurring_ical_events.of(calendar)
    earliest = _earliest(event, overrides)
    if all(_is_short(rule, earliest) for rule in _rules(event)):
        found = query.between(earliest, datetime.datetime(MAX_YEAR + 1, 1, 1))
        return sorted(found, key=lambda instance: _local_date(instance.decoded("DTSTART")))
    return query.after(earliest)


def _is_short(rule, earliest):
    """Whether a rule gives at most a few thousand dates (a small COUNT, or an UNTIL a few
    thousand days away with at most one date a day)."""
    count = rule.get("COUNT", [None])[0]
    if isinstance(count, int):
        return count <= SHORT_SERIES
    until = rule.get("UNTIL", [None])[0]
    if until is None or any(part in rule for part in ("BYHOUR", "BYMINUTE", "BYSECOND")):
        return False
    until = until.date() if isinstance(until, datetime.datetime) else until
    return isinstance(until, datetime.date) and (until - earliest.date()).days <= SHORT_SERIES


def _earliest(event, overrides):
    """The day before the series' first start (of its own, or of an instance moved earlier),
    where finding its sessions begins: searching from 1925 would be slower."""
    starts = [event.decoded("DTSTART")]
    for instance in overrides:
        with contextlib.suppress(*_EXPANSION_ERRORS, SessionError):
            starts.append(instance.decoded("DTSTART"))
    first = min(_local_date(start) for start in starts) - datetime.timedelta(days=2)
    return datetime.datetime.combine(max(first, datetime.date(MIN_YEAR, 1, 1)), datetime.time())


def _rules_match_by_the_last_year(event):
    """Whether each RRULE gives a date from the event's start to MAX_YEAR, tried PROBE_YEARS
    later (without its COUNT or UNTIL, which end a rule but do not stop the search)."""
    start = event.decoded("DTSTART")
    if not isinstance(start, datetime.datetime):
        start = datetime.datetime(start.year, start.month, start.day)
    probe_start = start.replace(tzinfo=None, year=start.year + PROBE_YEARS)
    last = datetime.datetime(MAX_YEAR + PROBE_YEARS + 1, 1, 1)
    for rule in _rules(event):
        parts = {key: value for key, value in rule.items() if key not in ("COUNT", "UNTIL")}
        text = icalendar.vRecur(parts).to_ical().decode()
        first = next(iter(rrulestr(text, dtstart=probe_start)), None)
        if first is None or first >= last:
            return False
    return True


def _unworkable(where, named, error):
    return (
        f"{where}: the event{named} has a repeat rule that cannot be worked out "
        f"({_first_line(error)}). Export the individual sessions instead."
    )


def _rules(event):
    rules = event.get("RRULE", [])
    return rules if isinstance(rules, list) else [rules]


def _too_slow(where, named):
    return (
        f"{where}: the event{named} repeats in a way that takes too long to work out. List "
        "its dates instead, or export the individual sessions."
    )


def session_from_event(event, title, line=None):
    """The days an event covers, in its own time zone. Raises SessionError."""
    start_value = event.decoded("DTSTART")
    end_value = event.decoded("DTEND") if "DTEND" in event else None
    if end_value is None and "DURATION" in event:
        end_value = start_value + event.decoded("DURATION")
    start = _local_date(start_value)
    if end_value is None:
        end = start
    elif isinstance(end_value, datetime.datetime):
        start_zone = getattr(start_value, "tzinfo", None)
        if start_zone is not None and end_value.tzinfo is not None:
            end_value = end_value.astimezone(start_zone)
        # A timed event ending at midnight does not touch the next day.
        end = _local_date(end_value - datetime.timedelta(microseconds=1))
    else:
        end = end_value - datetime.timedelta(days=1)  # all-day DTEND is exclusive
    end = max(end, start)
    return make_session(start, end, title, line)


def _local_date(value):
    """The day of a start or end: in its own time zone (TZID), as written when floating, and
    in the UK for UTC times, which are no one's wall clock."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None and str(value.tzinfo) in ("UTC", "UTC+00:00"):
            value = value.astimezone(LONDON)
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raise SessionError("has a start or end that is not a date.")


def _describe_parse_error(error, lines):
    message = _first_line(error)
    quoted = re.search(r"'(.+?)'", message)
    if quoted:
        for number, line in enumerate(lines, start=1):
            if line.strip() == quoted.group(1).strip():
                return (
                    f"Line {number}: '{line.strip()[:80]}' is not a valid iCalendar line. "
                    "Export the file again from your calendar app."
                )
    return f"The file is not valid iCalendar ({message}). Export it again from your calendar app."


def _property_line(lines, event_line, prop):
    """The line number of `prop` within the event that starts on `event_line`."""
    if not event_line or not prop:
        return None
    for number in range(event_line, len(lines) + 1):
        line = lines[number - 1].upper()
        if line.startswith((f"{prop.upper()}:", f"{prop.upper()};")):
            return number
        if line.strip() == "END:VEVENT":
            return None
    return None


def _first_line(error):
    return str(error).strip().splitlines()[0] if str(error).strip() else "unknown problem"
