"""Matching planned sessions with observances, and summarising what clashes.

A session on the day after an observance whose date depends on the moon being sighted
(Certainty.ESTIMATED: the UK often follows the sighting, so the date may move one day later)
"may clash": it is flagged apart from the clashes, as Eid guidance says to cover the day shown
and the day after.

Bounded for the largest input the clash checker accepts: the occurrences are sorted once and
each session finds its clashes by bisection, and ClashResults summarises them by observance and
lists at most LISTED_SESSIONS sessions, so the page stays small (the CSV has every row).
"""

import bisect
import datetime
from dataclasses import dataclass, field
from functools import cached_property

from calendars import exports
from calendars.rules import Certainty

LISTED_SESSIONS = 50  # session rows on the results page (the CSV has them all)
LISTED_CLASHES = 10  # observances named in one session's row
LISTED_DATES = 3  # dates shown for one observance in the summary
ONE_DAY = datetime.timedelta(days=1)


@dataclass
class Clash:
    occurrence: object
    evening_before_only: bool = False


MAY_CLASH_REASON = "the date depends on the moon being sighted and may move one day later"


def may_move_a_day_later(occurrence):
    return occurrence.certainty == Certainty.ESTIMATED


@dataclass
class SessionResult:
    session: object  # a calendars.clash_sessions.PlannedSession
    clashes: list = field(default_factory=list)
    may_clash: list = field(default_factory=list)  # occurrences it would meet a day later

    @property
    def flagged(self):
        return bool(self.clashes or self.may_clash)


def find_clashes(sessions, occurrences):
    """Each session with the occurrences that overlap it, as ClashResults.

    An observance that begins at sunset the evening before also clashes with a session on that
    evening's day; such a clash is flagged `evening_before_only`. A session that does not
    overlap an occurrence but takes in the day after it, when its date may move a day later,
    has it in `may_clash`. The occurrences are sorted by the day they begin once; a session's
    clashes begin no later than its last day and no earlier than its first day less the
    longest occurrence (and a day, for the day after), a slice found by bisection.
    """
    spans = sorted(
        (
            (
                occurrence.eve
                if occurrence.observance.begins_evening_before
                else occurrence.start_date,
                occurrence.end_date,
                index,
            ),
            occurrence,
        )
        for index, occurrence in enumerate(occurrences)
    )
    begins = [span[0][0] for span in spans]
    longest = max(((end - begin).days for (begin, end, _), _ in spans), default=0)
    results = ClashResults()
    for session in sessions:
        result = SessionResult(session)
        low = bisect.bisect_left(begins, session.start - datetime.timedelta(days=longest + 1))
        high = bisect.bisect_right(begins, session.end)
        for (_, end, _), occurrence in spans[low:high]:
            if end >= session.start:
                only_eve = session.end < occurrence.start_date
                result.clashes.append(Clash(occurrence, evening_before_only=only_eve))
            elif end + ONE_DAY == session.start and may_move_a_day_later(occurrence):
                result.may_clash.append(occurrence)
        results.append(result)
    return results


@dataclass(eq=False)
class ObservanceClashes:
    """One observance's clashes, for the summary: which of its dates, how many sessions."""

    observance: object
    by_pk: dict = field(default_factory=dict)
    sessions: int = 0  # sessions that overlap it
    may_clash_sessions: int = 0  # sessions only on the day after a date that may move
    only_evenings: bool = True  # every overlap is with the evening before

    @cached_property
    def occurrences(self):
        return sorted(self.by_pk.values(), key=lambda occurrence: occurrence.start_date)

    @property
    def listed_occurrences(self):
        return self.occurrences[:LISTED_DATES]

    @property
    def more_dates(self):
        return max(len(self.by_pk) - LISTED_DATES, 0)

    @property
    def evening_before_only(self):
        return bool(self.sessions) and self.only_evenings

    @property
    def may_clash_only(self):
        return not self.sessions


class ClashResults(list):
    """SessionResults, in the order given, with the summaries the results page shows: the
    clashes grouped by observance, and at most LISTED_SESSIONS rows (every session when there
    are few, else the ones that clash or may clash)."""

    @cached_property
    def clashing(self):
        return [result for result in self if result.clashes]

    @cached_property
    def flagged(self):
        return [result for result in self if result.flagged]

    @property
    def clash_count(self):
        return len(self.clashing)

    @property
    def may_clash_count(self):
        """Sessions that do not clash but may, if a date moves a day later."""
        return len(self.flagged) - self.clash_count

    @property
    def clear_count(self):
        return len(self) - len(self.flagged)

    @cached_property
    def occurrences(self):
        """Each occurrence that clashes, or may clash, with a session, once."""
        found = {}
        for result in self.flagged:
            for clash in result.clashes:
                found[id(clash.occurrence)] = clash.occurrence
            for occurrence in result.may_clash:
                found[id(occurrence)] = occurrence
        return list(found.values())

    @property
    def clashes(self):
        return (clash for result in self for clash in result.clashes)

    @cached_property
    def by_observance(self):
        # Model attributes (pk, related objects) are slow to read ten thousand times: each
        # occurrence's are read once.
        group_of = {}
        groups = {}
        for occurrence in self.occurrences:
            observance = occurrence.observance
            group = groups.setdefault(observance.pk, ObservanceClashes(observance))
            group.by_pk[occurrence.pk] = occurrence
            group_of[id(occurrence)] = group
        for result in self.flagged:
            touched = set()
            for clash in result.clashes:
                group = group_of[id(clash.occurrence)]
                touched.add(group)
                if not clash.evening_before_only:
                    group.only_evenings = False
            for group in touched:
                group.sessions += 1
            for group in {group_of[id(occurrence)] for occurrence in result.may_clash} - touched:
                group.may_clash_sessions += 1
        return sorted(
            groups.values(),
            key=lambda group: (group.occurrences[0].start_date, group.observance.name),
        )

    @property
    def shows_every_session(self):
        return len(self) <= LISTED_SESSIONS

    @cached_property
    def listed(self):
        rows = self if self.shows_every_session else self.flagged
        return [ListedResult(result) for result in rows[:LISTED_SESSIONS]]

    def csv_rows(self):
        return clash_csv_rows(self)

    @property
    def unlisted(self):
        """How many rows of the CSV are not on the page."""
        rows = len(self) if self.shows_every_session else len(self.flagged)
        return max(rows - LISTED_SESSIONS, 0)


@dataclass
class ListedResult:
    result: SessionResult

    @property
    def session(self):
        return self.result.session

    @property
    def clashes(self):
        return self.result.clashes[:LISTED_CLASHES]

    @property
    def more_clashes(self):
        return max(len(self.result.clashes) - LISTED_CLASHES, 0)

    @property
    def may_clash(self):
        return [MayClash(occurrence) for occurrence in self.result.may_clash[:LISTED_CLASHES]]


@dataclass
class MayClash:
    occurrence: object

    @property
    def day(self):
        """The day the session is on, which the observance may move to."""
        return self.occurrence.end_date + ONE_DAY


def span_of(sessions):
    """First and last day to fetch occurrences for (a day later, for evening starts; a day
    earlier, for dates that may move a day later)."""
    first = min(session.start for session in sessions) - ONE_DAY
    last = max(session.end for session in sessions) + ONE_DAY
    return first, last


def clash_csv_rows(results):
    """The rows of calendars.exports.clash_csv_rows, with a row for each observance a session
    may clash with (after its clashes, or instead of "No observances overlap")."""
    for result in results:
        rows = list(exports.clash_csv_rows([result]))
        if not result.may_clash:
            yield from rows
            continue
        if result.clashes:
            yield from rows
        session = result.session
        for occurrence in result.may_clash:
            observance = occurrence.observance
            yield [
                session.label,
                session.start.isoformat(),
                session.end.isoformat(),
                *exports.occurrence_cells(occurrence),
                f"May clash: {MAY_CLASH_REASON}",
                "; ".join(impact.label for impact in observance.impacts),
                occurrence.certainty_label,
                observance.guidance,
            ]
