"""The calendar's faith and impact filter."""

from dataclasses import dataclass

from django.utils.http import urlencode

from .impacts import IMPACTS_BY_SLUG


@dataclass(frozen=True)
class FaithChoice:
    """What the calendar needs of a faith page (kept in the cache, so small): its slug and
    title for the filter, and its address for links."""

    pk: int
    slug: str
    title: str
    url: str


@dataclass
class CalendarFilter:
    """The faith and impact filter, read from the query string (so it works without
    JavaScript and every link and download can carry it)."""

    faiths: list
    impacts: list
    all_faiths: list

    @classmethod
    def from_request(cls, request, all_faiths):
        known = {faith.slug for faith in all_faiths}
        faiths = [slug for slug in request.GET.getlist("faith") if slug in known]
        impacts = [slug for slug in request.GET.getlist("impact") if slug in IMPACTS_BY_SLUG]
        return cls(list(dict.fromkeys(faiths)), list(dict.fromkeys(impacts)), all_faiths)

    @property
    def active(self):
        return bool(self.faiths or self.impacts)

    @property
    def query_string(self):
        params = [("faith", slug) for slug in self.faiths]
        params += [("impact", slug) for slug in self.impacts]
        return f"?{urlencode(params)}" if params else ""

    @property
    def selected_faiths(self):
        return [faith for faith in self.all_faiths if faith.slug in self.faiths]

    @property
    def selected_impacts(self):
        return [IMPACTS_BY_SLUG[slug] for slug in self.impacts]

    @property
    def description(self):
        """In words, for headings, calendar names and file names."""
        parts = []
        if self.faiths:
            parts.append(", ".join(faith.title for faith in self.selected_faiths))
        if self.impacts:
            parts.append("impact: " + ", ".join(i.label.lower() for i in self.selected_impacts))
        return "; ".join(parts)

    @property
    def file_suffix(self):
        return "".join(f"-{slug}" for slug in [*self.faiths, *self.impacts])

    def apply(self, occurrences):
        return occurrences.for_faiths(self.faiths).with_any_impact(self.impacts)
