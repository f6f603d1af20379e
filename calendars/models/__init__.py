from .calendar_filter import CalendarFilter
from .calendar_page import CalendarPage
from .faith_page import FaithPage
from .impacts import IMPACTS, IMPACTS_BY_SLUG, Impact
from .observances import Observance, UnavailableDates
from .occurrences import ComputedYear, Occurrence

__all__ = [
    "IMPACTS",
    "IMPACTS_BY_SLUG",
    "CalendarFilter",
    "CalendarPage",
    "ComputedYear",
    "FaithPage",
    "Impact",
    "Observance",
    "Occurrence",
    "UnavailableDates",
]
