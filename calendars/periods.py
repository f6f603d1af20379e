"""The spans the calendar shows (a calendar year, or an NHS rotation year from August to
July) and the month grids drawn for them."""

import calendar
import datetime
from dataclasses import dataclass, field

MIN_YEAR = 1925
MAX_YEAR = 2075
ROTATION_FIRST_MONTH = 8  # NHS rotations change over in August


@dataclass(frozen=True)
class Period:
    kind: str  # "calendar" or "rotation"
    start_year: int

    @classmethod
    def calendar_year(cls, year):
        return cls("calendar", year)

    @classmethod
    def rotation_year(cls, start_year):
        return cls("rotation", start_year)

    @classmethod
    def rotation_year_containing(cls, day):
        start_year = day.year if day.month >= ROTATION_FIRST_MONTH else day.year - 1
        return cls.rotation_year(start_year)

    @property
    def is_rotation(self):
        return self.kind == "rotation"

    @property
    def first_day(self):
        if self.is_rotation:
            return datetime.date(self.start_year, ROTATION_FIRST_MONTH, 1)
        return datetime.date(self.start_year, 1, 1)

    @property
    def last_day(self):
        if self.is_rotation:
            return datetime.date(self.start_year + 1, ROTATION_FIRST_MONTH, 1) - datetime.timedelta(
                days=1
            )
        return datetime.date(self.start_year, 12, 31)

    @property
    def slug(self):
        """The web address after the calendar page's: '2026' or 'rotation/2026-27'."""
        if self.is_rotation:
            return f"rotation/{self.start_year}-{(self.start_year + 1) % 100:02d}"
        return str(self.start_year)

    @property
    def file_slug(self):
        return (
            f"rotation-{self.start_year}-{(self.start_year + 1) % 100:02d}"
            if (self.is_rotation)
            else str(self.start_year)
        )

    @property
    def label(self):
        if self.is_rotation:
            return f"Rotation year August {self.start_year} to July {self.start_year + 1}"
        return str(self.start_year)

    @property
    def short_label(self):
        if self.is_rotation:
            return f"{self.start_year} to {self.start_year + 1}"
        return str(self.start_year)

    @property
    def previous(self):
        return Period(self.kind, self.start_year - 1) if self.start_year > MIN_YEAR else None

    @property
    def next(self):
        return Period(self.kind, self.start_year + 1) if self.start_year < MAX_YEAR else None

    @property
    def counterpart(self):
        """The other kind of year that starts in the same year, for the switch between them."""
        return Period("calendar" if self.is_rotation else "rotation", self.start_year)

    def months(self):
        """(year, month) for each month, in order."""
        first = self.first_day
        return [
            (first.year + (first.month - 1 + offset) // 12, (first.month - 1 + offset) % 12 + 1)
            for offset in range(12)
        ]

    def contains(self, day):
        return self.first_day <= day <= self.last_day


@dataclass
class Day:
    date: datetime.date
    occurrences: list = field(default_factory=list)


@dataclass
class Month:
    year: int
    month: int
    weeks: list  # lists of seven Day or None (Monday first)
    occurrences: list  # occurrences overlapping this month, in date order

    @property
    def name(self):
        return datetime.date(self.year, self.month, 1).strftime("%B %Y")

    @property
    def anchor(self):
        return f"month-{self.year}-{self.month:02d}"


WEEKDAY_NAMES = [
    (name[:3], name)
    for name in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
]


def month_grids(period, occurrences):
    """Twelve Months for `period`, each day carrying the occurrences that cover it.

    Works from one list fetched up front, so drawing the year costs no further queries.
    """
    months = []
    for year, month in period.months():
        first = datetime.date(year, month, 1)
        last = datetime.date(year, month, calendar.monthrange(year, month)[1])
        in_month = [o for o in occurrences if o.start_date <= last and o.end_date >= first]
        weeks = []
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            row = []
            for day in week:
                if day.month != month:
                    row.append(None)
                    continue
                on_day = [o for o in in_month if o.start_date <= day <= o.end_date]
                row.append(Day(day, on_day))
            weeks.append(row)
        months.append(Month(year, month, weeks, in_month))
    return months


def list_months(period, occurrences):
    """(month heading, occurrences) for the list view: each occurrence once, under the month
    it starts in (or the period's first month, if it began before the period)."""
    groups = {}
    for occurrence in occurrences:
        start = max(occurrence.start_date, period.first_day)
        groups.setdefault((start.year, start.month), []).append(occurrence)
    return [
        (datetime.date(year, month, 1).strftime("%B %Y"), f"month-{year}-{month:02d}", items)
        for (year, month), items in sorted(groups.items())
    ]
