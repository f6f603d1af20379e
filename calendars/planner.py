"""The wall planner: a calendar or rotation year laid out as people pin it up, one row per
month and one column per day of the month, on A4 (a sheet per half-year) or A3 (the whole
year on one sheet), landscape.

Every observance is numbered, in date order, and each day cell carries the numbers of what
falls on it: a one-day observance as its number in bold; each day of a longer one as its
number over a line that runs through its days, kept on the same line of the row (its lane) so
that a month of Ramadan or Pride never hides Eid or a single holy day. Each number carries
its faith's mark, a shape as well as a colour, and the key under the grid gives the same
numbers with the mark, the name and the dates. The same `Planner` is drawn as HTML (the
printable page) and as a PDF (calendars.planner_pdf).
"""

import calendar
import datetime
from dataclasses import dataclass, field

PAPER_PARAMETER = "paper"
MAX_LANES = 4  # lines for longer observances in one month row; more are listed in the cell


@dataclass(frozen=True)
class Paper:
    """A sheet size, landscape (millimetres), and how many months go on each sheet."""

    slug: str
    label: str
    width: int
    height: int
    months_per_sheet: int


PAPERS = {
    "a4": Paper("a4", "A4", 297, 210, 6),
    "a3": Paper("a3", "A3", 420, 297, 12),
}
DEFAULT_PAPER = PAPERS["a4"]


def paper_from_request(request):
    """The paper asked for (`?paper=a3`), or A4."""
    return PAPERS.get(request.GET.get(PAPER_PARAMETER, "").lower(), DEFAULT_PAPER)


@dataclass(frozen=True)
class FaithMark:
    """How a faith is told apart on the planner: a shape (and, beside it, a colour).

    `symbol` is drawn in HTML, `dingbat` is the same shape in the PDF's ZapfDingbats font.
    After the eighth faith the shapes come round again with a number (`suffix`).
    """

    symbol: str
    dingbat: str
    name: str
    colour: int  # 1 to 8: the CSS class app-faith--N and the PDF's colour
    suffix: str = ""

    @property
    def text(self):
        return self.symbol + self.suffix

    @property
    def css_class(self):
        return f"app-faith--{self.colour}"


SHAPES = [
    ("●", "l", "circle"),
    ("■", "n", "square"),
    ("▲", "s", "triangle"),
    ("◆", "u", "diamond"),
    ("★", "H", "star"),
    ("▼", "t", "downward triangle"),
    ("✚", ":", "cross"),
    ("❖", "v", "four diamonds"),
]


def faith_marks(faiths):
    """{faith page pk: FaithMark}, in the calendar's order of faiths."""
    marks = {}
    for index, faith in enumerate(faiths):
        symbol, dingbat, name = SHAPES[index % len(SHAPES)]
        suffix = str(index // len(SHAPES) + 1) if index >= len(SHAPES) else ""
        marks[faith.pk] = FaithMark(symbol, dingbat, name, index % len(SHAPES) + 1, suffix)
    return marks


FALLBACK_MARK = FaithMark("○", "m", "open circle", 8)  # a faith the calendar no longer lists


@dataclass
class Entry:
    """One numbered occurrence: what the key lists and the day cells refer to."""

    number: int
    occurrence: object
    mark: FaithMark

    @property
    def name(self):
        return self.occurrence.observance.name

    @property
    def faith(self):
        return self.occurrence.observance.faith.title

    @property
    def is_long(self):
        return self.occurrence.days > 1

    @property
    def dates(self):
        start, end = self.occurrence.start_date, self.occurrence.end_date
        if start == end:
            return f"{start:%a %-d %b}"
        if start.year != end.year:
            return f"{start:%-d %b %Y} to {end:%-d %b %Y}"
        if start.month == end.month:
            return f"{start:%-d} to {end:%-d %b}"
        return f"{start:%-d %b} to {end:%-d %b}"

    @property
    def notes(self):
        """Short markers after the dates, explained in the key."""
        observance = self.occurrence.observance
        notes = [self.occurrence.certainty_symbol] if self.occurrence.certainty_symbol else []
        if observance.begins_evening_before:
            notes.append("(eve)")
        if observance.involves_fasting:
            notes.append("F")
        if observance.work_restricted:
            notes.append("L")
        return notes

    def covers(self, day):
        return self.occurrence.start_date <= day <= self.occurrence.end_date


@dataclass
class PlannerDay:
    date: datetime.date
    lanes: list  # an Entry or None for each lane of the month row
    singles: list  # one-day observances, then longer ones that found no lane

    @property
    def weekday(self):
        return f"{self.date:%a}"[:2]

    @property
    def is_weekend(self):
        return self.date.weekday() >= 5

    @property
    def entries(self):
        return [entry for entry in self.lanes if entry] + self.singles


@dataclass
class PlannerMonth:
    year: int
    month: int
    days: list  # 31 places: a PlannerDay, or None after the month's last day
    lane_count: int

    @property
    def name(self):
        return f"{datetime.date(self.year, self.month, 1):%B %Y}"

    @property
    def short_name(self):
        return f"{datetime.date(self.year, self.month, 1):%b}"


@dataclass
class Sheet:
    """What one printed sheet shows: its months and the key for them."""

    months: list
    entries: list

    @property
    def label(self):
        first, last = self.months[0], self.months[-1]
        if first.year == last.year:
            return f"{first.name.split()[0]} to {last.name}"
        return f"{first.name} to {last.name}"


@dataclass
class Planner:
    paper: Paper
    sheets: list
    entries: list
    faiths: list = field(default_factory=list)  # (FaithMark, title) of the faiths shown


def month_row(year, month, entries):
    """One month: each day with the numbers that fall on it, longer observances in lanes."""
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    in_month = [
        e for e in entries if e.occurrence.start_date <= last and e.occurrence.end_date >= first
    ]
    lane_ends = []  # the last day of what each lane holds so far
    lane_of = {}
    for entry in (e for e in in_month if e.is_long):
        start = max(entry.occurrence.start_date, first)
        free = [lane for lane, end in enumerate(lane_ends) if end < start]
        if free:
            lane = free[0]
        elif len(lane_ends) < MAX_LANES:
            lane = len(lane_ends)
            lane_ends.append(None)
        else:
            continue  # shown among the cell's numbers instead
        lane_ends[lane] = entry.occurrence.end_date
        lane_of[entry.number] = lane
    days = []
    for number in range(1, 32):
        if number > last.day:
            days.append(None)
            continue
        day = datetime.date(year, month, number)
        lanes = [None] * len(lane_ends)
        singles = []
        for entry in in_month:
            if not entry.covers(day):
                continue
            if entry.number in lane_of:
                lanes[lane_of[entry.number]] = entry
            else:
                singles.append(entry)
        singles.sort(key=lambda e: (e.is_long, e.number))
        days.append(PlannerDay(day, lanes, singles))
    return PlannerMonth(year, month, days, len(lane_ends))


def build_planner(period, occurrences, faiths, paper):
    """The planner of `period` from occurrences in date order (fetched once, up front)."""
    marks = faith_marks(faiths)
    entries = [
        Entry(number, occurrence, marks.get(occurrence.observance.faith_id, FALLBACK_MARK))
        for number, occurrence in enumerate(occurrences, start=1)
    ]
    months = [month_row(year, month, entries) for year, month in period.months()]
    sheets = []
    for index in range(0, len(months), paper.months_per_sheet):
        sheet_months = months[index : index + paper.months_per_sheet]
        first = datetime.date(sheet_months[0].year, sheet_months[0].month, 1)
        last_month = sheet_months[-1]
        last = datetime.date(
            last_month.year,
            last_month.month,
            calendar.monthrange(last_month.year, last_month.month)[1],
        )
        shown = [
            e for e in entries if e.occurrence.start_date <= last and e.occurrence.end_date >= first
        ]
        sheets.append(Sheet(sheet_months, shown))
    shown_faiths = {e.occurrence.observance.faith_id for e in entries}
    legend = [(marks[f.pk], f.title) for f in faiths if f.pk in shown_faiths]
    return Planner(paper, sheets, entries, legend)
