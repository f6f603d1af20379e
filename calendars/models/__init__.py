from .observances import IMPACTS, IMPACTS_BY_SLUG, Impact, Observance, Occurrence
from .pages import CalendarFilter, CalendarPage, FaithPage

__all__ = [
    "IMPACTS",
    "IMPACTS_BY_SLUG",
    "CalendarFilter",
    "CalendarPage",
    "FaithPage",
    "Impact",
    "Observance",
    "Occurrence",
]
