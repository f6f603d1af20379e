"""Matching planned sessions with observances, and summarising what clashes.

Bounded for the largest input the clash checker accepts: the occurrences are sorted once and
each session finds its clashes by bisection, and ClashResults summarises them by observance and
lists at most LISTED_SESSIONS sessions, so the page stays small (the CSV has every row).
"""

import bisect
import datetime
from dataclasses import dataclass, field
from functools import cached_property

LISTED_SESSIONS = 50  # session rows on the results page (the CSV has them all)
LISTED_CLASHES = 10  # observances named in one session's row
LISTED_DATES = 3  # dates shown for one observance in the summary


@dataclass
class Clash:
    occurrence: object
    evening_before_only: bool = False


@dataclass
class SessionResult:
    session: object  # a calendars.clashes.PlannedSession
    clashes: list = field(default_factory=list)


def find_clashes(sessions, occurrences):
    """Each session with the occurrences that overlap it, as ClashResults.

    An observance that begins at sunset the evening before also clashes with a session on that
    evening's day; such a clash is flagged `evening_before_only`. The occurrences are sorted by
    the day they begin once; a session's clashes begin no later than its last day and no
    earlier than its first day less the longest occurrence, a slice found by bisection.
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
        low = bisect.bisect_left(begins, session.start - datetime.timedelta(days=longest))
        high = bisect.bisect_right(begins, session.end)
        for (_, end, _), occurrence in spans[low:high]:
            if end >= session.start:
                only_eve = session.end < occurrence.start_date
                result.clashes.append(Clash(occurrence, evening_before_only=only_eve))
        results.append(result)
    return results


@dataclass(eq=False)
class ObservanceClashes:
    """One observance's clashes, for the summary: which of its dates, how many sessions."""

    observance: object
    by_pk: dict = field(default_factory=dict)
    sessions: int = 0
    evening_before_only: bool = True

    @cached_property
    def occurrences(self):
        return sorted(self.by_pk.values(), key=lambda occurrence: occurrence.start_date)

    @property
    def listed_occurrences(self):
        return self.occurrences[:LISTED_DATES]

    @property
    def more_dates(self):
        return max(len(self.by_pk) - LISTED_DATES, 0)


class ClashResults(list):
    """SessionResults, in the order given, with the summaries the results page shows: the
    clashes grouped by observance, and at most LISTED_SESSIONS rows (every session when there
    are few, else the ones that clash)."""

    @cached_property
    def clashing(self):
        return [result for result in self if result.clashes]

    @property
    def clash_count(self):
        return len(self.clashing)

    @property
    def clear_count(self):
        return len(self) - self.clash_count

    @cached_property
    def occurrences(self):
        """Each occurrence that clashes with a session, once."""
        return list({id(clash.occurrence): clash.occurrence for clash in self.clashes}.values())

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
        for result in self.clashing:
            touched = set()
            for clash in result.clashes:
                group = group_of[id(clash.occurrence)]
                touched.add(group)
                if not clash.evening_before_only:
                    group.evening_before_only = False
            for group in touched:
                group.sessions += 1
        return sorted(
            groups.values(),
            key=lambda group: (group.occurrences[0].start_date, group.observance.name),
        )

    @property
    def shows_every_session(self):
        return len(self) <= LISTED_SESSIONS

    @cached_property
    def listed(self):
        rows = self if self.shows_every_session else self.clashing
        return [ListedResult(result) for result in rows[:LISTED_SESSIONS]]

    @property
    def unlisted(self):
        """How many rows of the CSV are not on the page."""
        rows = len(self) if self.shows_every_session else self.clash_count
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


def span_of(sessions):
    """First and last day to fetch occurrences for (a day later, for evening starts)."""
    first = min(session.start for session in sessions)
    last = max(session.end for session in sessions) + datetime.timedelta(days=1)
    return first, last
