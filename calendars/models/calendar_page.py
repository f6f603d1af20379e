"""The calendar page: month, year and list views, the wall planner (as a page to print and
as a PDF), downloads and the clash checker.

What the views show is built once per content version and kept in the cache
(calendars.content_version): the month grid or list of a year, the faith pages, and each
download. What depends on the request (the filters' state, the links) is added around it.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from calendars import content_version, exports
from calendars.clashes import find_clashes, span_of
from calendars.forms import ClashCheckForm
from calendars.periods import MAX_YEAR, MIN_YEAR, WEEKDAY_NAMES, Period, list_months, month_grids
from calendars.planner import PAPER_PARAMETER, PAPERS, build_planner, paper_from_request
from calendars.planner_pdf import PDF_CONTENT_TYPE, build_planner_pdf
from calendars.rules import certainty_key
from calendars.subscriptions import full_url, site_address, subscribe_links, uid_domain
from goodpractice.home.models import IntroductionMixin
from goodpractice.home.routing import CachedViewRestrictionsMixin

from .calendar_filter import CalendarFilter, FaithChoice
from .faith_page import GUIDANCE_FEATURES, FaithPage
from .impacts import IMPACTS
from .observances import Observance
from .occurrences import Occurrence

# The subscription feed has this many years after this one, whether or not the scheduler's
# daily job (keep_observance_dates_ahead) has run yet.
FEED_YEARS_AHEAD = 5


@dataclass(frozen=True)
class CalendarMonth:
    """One month of the calendar (its own page), drawn with the year's month grid."""

    year: int
    month: int

    @property
    def first_day(self):
        return datetime.date(self.year, self.month, 1)

    @property
    def last_day(self):
        return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def label(self):
        return f"{self.first_day:%B %Y}"

    @property
    def slug(self):
        return f"{self.year}/{self.month:02d}"

    @property
    def anchor(self):
        return f"month-{self.year}-{self.month:02d}"

    def months(self):
        return [(self.year, self.month)]

    @property
    def previous(self):
        if self.month == 1:
            return CalendarMonth(self.year - 1, 12) if self.year > MIN_YEAR else None
        return CalendarMonth(self.year, self.month - 1)

    @property
    def next(self):
        if self.month == 12:
            return CalendarMonth(self.year + 1, 1) if self.year < MAX_YEAR else None
        return CalendarMonth(self.year, self.month + 1)


class CalendarPage(CachedViewRestrictionsMixin, RoutablePageMixin, IntroductionMixin, Page):
    """The multi-faith and cultural calendar. Its faith pages are its children."""

    about_dates = RichTextField(
        "about the dates",
        features=GUIDANCE_FEATURES,
        blank=True,
        help_text="Optional: how dates are worked out and who to ask. Shown below the calendar.",
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("about_dates")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["calendars.FaithPage"]
    max_count = 1

    class Meta:
        verbose_name = "multi-faith calendar"

    # Data

    def faiths(self, request=None):
        """The live faith pages, in the admin's order (kept in the cache)."""

        def build():
            return [
                FaithChoice(faith.pk, faith.slug, faith.title, faith.get_url(request))
                for faith in FaithPage.objects.live().child_of(self).order_by("path")
            ]

        return content_version.cached(
            request, f"faiths:{self.pk}:{self.request_site(request)}", build
        )

    def occurrences(self):
        return Occurrence.objects.live().filter(observance__faith__path__startswith=self.path)

    def link_faith_pages(self, occurrences, faiths):
        """Give each occurrence the `faith_url` of its faith's page (None if not among `faiths`)."""
        faith_urls = {faith.pk: faith.url for faith in faiths}
        for occurrence in occurrences:
            occurrence.faith_url = faith_urls.get(occurrence.observance.faith_id)

    @staticmethod
    def request_site(request):
        """What a page's address (Page.get_url) can depend on: the host asked for."""
        return request.get_host() if request is not None else ""

    # Views

    @path("", name="index")
    def index_route(self, request):
        """The calendar opens on this month."""
        today = self.today
        return self.month_view(request, CalendarMonth(today.year, today.month), is_index=True)

    @path("<int:year>/<int:month>/", name="calendar_month")
    def calendar_month(self, request, year, month):
        self.calendar_period(year)
        if not 1 <= month <= 12:
            raise Http404("No such month.")
        target = CalendarMonth(year, month)
        canonical = f"{self.url}{target.slug}/"
        if request.path != canonical:  # e.g. 2026/1/ for 2026/01/
            query = request.META.get("QUERY_STRING", "")
            return redirect(canonical + (f"?{query}" if query else ""), permanent=True)
        return self.month_view(request, target)

    @path("<int:year>/", name="calendar_year")
    def calendar_year(self, request, year):
        return self.period_view(request, self.calendar_period(year))

    @path("<int:year>/list/", name="calendar_year_list")
    def calendar_year_list(self, request, year):
        return self.period_view(request, self.calendar_period(year), view="list")

    @path("<int:year>/planner/", name="calendar_year_planner")
    def calendar_year_planner(self, request, year):
        return self.period_view(request, self.calendar_period(year), view="planner")

    @path("<int:year>/planner/pdf/", name="calendar_year_planner_pdf")
    def calendar_year_planner_pdf(self, request, year):
        return self.download_view(request, self.calendar_period(year), "pdf")

    @path("<int:year>/ics/", name="calendar_year_ics")
    def calendar_year_ics(self, request, year):
        return self.ics_view(request, self.calendar_period(year))

    @path("<int:year>/csv/", name="calendar_year_csv")
    def calendar_year_csv(self, request, year):
        return self.csv_view(request, self.calendar_period(year))

    @path("rotation/", name="rotation")
    def rotation_current(self, request):
        period = Period.rotation_year_containing(self.today)
        return self.period_view(request, period)

    @path("rotation/<int:year>-<int:end>/", name="rotation_year")
    def rotation_year(self, request, year, end):
        return self.period_view(request, self.rotation_period(year, end))

    @path("rotation/<int:year>-<int:end>/list/", name="rotation_year_list")
    def rotation_year_list(self, request, year, end):
        return self.period_view(request, self.rotation_period(year, end), view="list")

    @path("rotation/<int:year>-<int:end>/planner/", name="rotation_year_planner")
    def rotation_year_planner(self, request, year, end):
        return self.period_view(request, self.rotation_period(year, end), view="planner")

    @path("rotation/<int:year>-<int:end>/planner/pdf/", name="rotation_year_planner_pdf")
    def rotation_year_planner_pdf(self, request, year, end):
        return self.download_view(request, self.rotation_period(year, end), "pdf")

    @path("rotation/<int:year>-<int:end>/ics/", name="rotation_year_ics")
    def rotation_year_ics(self, request, year, end):
        return self.ics_view(request, self.rotation_period(year, end))

    @path("rotation/<int:year>-<int:end>/csv/", name="rotation_year_csv")
    def rotation_year_csv(self, request, year, end):
        return self.csv_view(request, self.rotation_period(year, end))

    @path("ics/", name="feed_ics")
    def feed_ics(self, request):
        """The subscription feed: from the start of last year onwards."""
        return self.ics_view(request, None)

    @path("csv/", name="feed_csv")
    def feed_csv(self, request):
        return self.csv_view(request, None)

    @path("clash-checker/", name="clash_checker")
    def clash_checker(self, request):
        if request.method == "POST":
            form = ClashCheckForm(request.POST, request.FILES, request=request)
        else:
            form = ClashCheckForm()
        results = None
        if form.is_bound and form.is_valid():
            results = self.clash_results(form.cleaned_data["planned"])
            clashing = results.occurrences
            self.link_faith_pages(clashing, self.faiths(request))
        return self.render(
            request,
            template="calendars/clash_checker.html",
            context_overrides={
                "form": form,
                "results": results,
                "results_lines": "\n".join(r.session.as_line() for r in results or []),
                "clash_count": sum(bool(r.clashes) for r in results or []),
                "breadcrumbs_extra": [{"title": self.title, "url": self.url}],
            },
        )

    @path("clash-checker/csv/", name="clash_checker_csv")
    def clash_checker_csv(self, request):
        if request.method != "POST":
            return redirect(self.url + self.reverse_subpage("clash_checker"))
        form = ClashCheckForm({"sessions": request.POST.get("sessions", "")})
        if not form.is_valid():
            return self.clash_checker(request)
        results = self.clash_results(form.cleaned_data["planned"])
        return exports.csv_response(exports.CLASH_CSV_HEADER, results.csv_rows(), "clash-check.csv")

    # Helpers

    @cached_property
    def today(self):
        return timezone.localdate()

    def calendar_period(self, year):
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise Http404("No calendar for that year.")
        return Period.calendar_year(year)

    def rotation_period(self, year, end):
        if not MIN_YEAR <= year <= MAX_YEAR or end != (year + 1) % 100:
            raise Http404("No rotation year with that name.")
        return Period.rotation_year(year)

    def clash_results(self, sessions):
        if not sessions:
            return find_clashes([], [])
        first, last = span_of(sessions)
        occurrences = list(self.occurrences().between(first, last).for_display())
        results = find_clashes(sessions, occurrences)
        # Where a library's table ends, the page says so rather than "No observances overlap".
        results.unavailable_dates = [
            message
            for _, message in Observance.objects.live()
            .of_calendar(self)
            .unavailable_between(first, last)
        ]
        return results

    def period_links(self, period, calendar_filter, paper=None):
        query = calendar_filter.query_string
        base = self.url

        def url(target, view=""):
            if target is None:
                return None
            return f"{base}{target.slug}/{view}{'/' if view else ''}{query}"

        paper_query = query
        if paper is not None:
            paper_query += ("&" if query else "?") + f"{PAPER_PARAMETER}={paper.slug}"
        return {
            "grid": url(period),
            "list": url(period, "list"),
            "planner": url(period, "planner"),
            "planner_pdf": f"{base}{period.slug}/planner/pdf/{paper_query}",
            "ics": url(period, "ics"),
            "csv": url(period, "csv"),
            "previous": url(period.previous),
            "next": url(period.next),
            "previous_list": url(period.previous, "list"),
            "next_list": url(period.next, "list"),
            "counterpart": url(period.counterpart),
            "counterpart_list": url(period.counterpart, "list"),
        }

    def feed_links(self, request, query="", name=""):
        """The subscription feed (its addresses, and links that add it to Google Calendar and
        Outlook) and its downloads; `query` narrows them (e.g. to one faith)."""
        ics_path = self.url + self.reverse_subpage("feed_ics") + query
        return {
            "ics": ics_path,
            "csv": self.url + self.reverse_subpage("feed_csv") + query,
            "name": name or self.title,
            **subscribe_links(request, ics_path, name or self.title),
        }

    def month_links(self, month, calendar_filter):
        query = calendar_filter.query_string
        base = self.url
        rotation = Period.rotation_year_containing(month.first_day)

        def url(target):
            return f"{base}{target.slug}/{query}" if target else None

        return {
            "previous": url(month.previous),
            "next": url(month.next),
            "year": f"{base}{month.year}/{query}#{month.anchor}",
            "list": f"{base}{month.year}/list/{query}#{month.anchor}",
            "rotation": f"{base}{rotation.slug}/{query}#{month.anchor}",
            "planner": f"{base}{month.year}/planner/{query}",
        }

    def month_view(self, request, month, is_index=False):
        """One month: its grid and every observance on it, with links to the months either
        side and to the whole year."""
        faiths = self.faiths(request)
        calendar_filter = CalendarFilter.from_request(request, faiths)
        name = (
            f"month:{self.pk}:{month.slug}:{calendar_filter.query_string}:{self.today}:"
            f"{self.request_site(request)}"
        )
        body = content_version.cached(
            request,
            name,
            lambda: self.period_body(request.path, month, "month", calendar_filter, faiths),
        )
        year = Period.calendar_year(month.year)
        return self.render(
            request,
            template="calendars/calendar_month.html",
            context_overrides={
                "period": year,
                "month": month,
                "view": "month",
                "calendar_filter": calendar_filter,
                "faiths": faiths,
                "impacts": IMPACTS,
                "calendar_body": mark_safe(body["html"]),  # noqa: S308 (our own template's)
                "occurrence_count": body["count"],
                "links": self.period_links(year, calendar_filter),
                "month_links": self.month_links(month, calendar_filter),
                "feed_links": self.feed_links(
                    request,
                    calendar_filter.query_string,
                    self.export_name(calendar_filter, None),
                ),
                "certainties": certainty_key(),
                "breadcrumbs_extra": [] if is_index else [{"title": self.title, "url": self.url}],
            },
        )

    def period_view(self, request, period, view="grid"):
        faiths = self.faiths(request)
        calendar_filter = CalendarFilter.from_request(request, faiths)
        paper = paper_from_request(request) if view == "planner" else None
        source = full_url(request, f"{self.url}{period.slug}/")
        name = (
            f"{view}:{request.path}:{calendar_filter.query_string}:{paper and paper.slug}:"
            f"{self.today}:{self.request_site(request)}"
        )
        body = content_version.cached(
            request,
            name,
            lambda: self.period_body(
                request.path, period, view, calendar_filter, faiths, paper, source
            ),
        )
        templates = {
            "grid": "calendars/calendar_page.html",
            "list": "calendars/calendar_list.html",
            "planner": "calendars/calendar_planner.html",
        }
        return self.render(
            request,
            template=templates[view],
            context_overrides={
                "period": period,
                "view": view,
                "calendar_filter": calendar_filter,
                "faiths": faiths,
                "impacts": IMPACTS,
                "calendar_body": mark_safe(body["html"]),  # noqa: S308 (our own template's)
                "occurrence_count": body["count"],
                "unavailable_dates": content_version.cached(
                    request,
                    f"unavailable:{self.pk}:{period.slug}:{calendar_filter.query_string}",
                    lambda: calendar_filter.apply(
                        Observance.objects.live().of_calendar(self)
                    ).unavailable_between(period.first_day, period.last_day),
                ),
                "links": self.period_links(period, calendar_filter, paper),
                "paper": paper,
                "papers": PAPERS.values(),
                "sheet_count": body.get("sheets", 0),
                "feed_links": self.feed_links(
                    request,
                    calendar_filter.query_string,
                    self.export_name(calendar_filter, None),
                ),
                "certainties": certainty_key(),
                "breadcrumbs_extra": [{"title": self.title, "url": self.url}],
            },
        )

    def period_body(self, path, period, view, calendar_filter, faiths, paper=None, source=""):
        """The month grid (or list, or planner) of a period, or one month's page: HTML, how
        many dates and, for the planner, how many sheets."""
        occurrences = list(
            calendar_filter.apply(self.occurrences())
            .between(period.first_day, period.last_day)
            .for_display()
        )
        self.link_faith_pages(occurrences, faiths)
        planner = build_planner(period, occurrences, faiths, paper) if view == "planner" else None
        html = render_to_string(
            f"calendars/includes/{view}_body.html",
            {
                "period": period,
                "calendar_filter": calendar_filter,
                "clear_filter_url": path,
                "occurrences": occurrences,
                "months": month_grids(period, occurrences) if view in ("grid", "month") else [],
                "list_months": list_months(period, occurrences) if view == "list" else [],
                "planner": planner,
                "day_numbers": range(1, 32),
                "source": source,
                "weekday_names": WEEKDAY_NAMES,
                "today": self.today,
            },
        )
        return {
            "html": html,
            "count": len(occurrences),
            "sheets": len(planner.sheets) if planner else 0,
        }

    def export_occurrences(self, period, calendar_filter):
        occurrences = calendar_filter.apply(self.occurrences())
        if period is None:
            Observance.objects.ensure_years_computed(
                range(self.today.year - 1, self.today.year + FEED_YEARS_AHEAD + 1)
            )
            occurrences = occurrences.filter(end_date__gte=self.feed_first_day)
        else:
            occurrences = occurrences.between(period.first_day, period.last_day)
        return list(occurrences.for_display())

    @property
    def feed_first_day(self):
        """The subscription feed has everything from the start of last year onwards."""
        return datetime.date(self.today.year - 1, 1, 1)

    def export_name(self, calendar_filter, period):
        name = self.title
        if period is not None:
            name += f" {period.short_label}"
        if calendar_filter.active:
            name += f" ({calendar_filter.description})"
        return name

    def export_filename(self, calendar_filter, period, extension):
        """e.g. multi-faith-calendar-2026-islam.ics; a planner's extension is 'planner-a4.pdf',
        which goes before the filter: multi-faith-calendar-2026-planner-a4-islam.pdf."""
        when = f"-{period.file_slug}" if period else ""
        kind, _, extension = extension.rpartition(".")
        kind = f"-{kind}" if kind else ""
        return f"{self.slug}{when}{kind}{calendar_filter.file_suffix}.{extension}"

    def ics_view(self, request, period):
        return self.download_view(request, period, "ics")

    def csv_view(self, request, period):
        return self.download_view(request, period, "csv")

    def download_view(self, request, period, extension):
        faiths = self.faiths(request)
        calendar_filter = CalendarFilter.from_request(request, faiths)
        address = site_address(request)
        window = period.slug if period else f"from:{self.feed_first_day}"
        paper = paper_from_request(request) if extension == "pdf" else None
        kind = f"{extension}-{paper.slug}" if paper else extension
        name = f"{kind}:{self.pk}:{window}:{calendar_filter.query_string}:{address}"
        download = content_version.cached(
            request,
            name,
            lambda: self.build_download(request, period, calendar_filter, faiths, extension, paper),
        )
        return exports.download_response(request, download)

    def build_download(self, request, period, calendar_filter, faiths, extension, paper=None):
        occurrences = self.export_occurrences(period, calendar_filter)
        faith_urls = {faith.pk: full_url(request, faith.url) for faith in faiths}
        filename = self.export_filename(calendar_filter, period, extension)
        if extension == "pdf":
            content_type = PDF_CONTENT_TYPE
            planner = build_planner(period, occurrences, faiths, paper)
            content = build_planner_pdf(
                planner,
                title=f"{self.title}: {period.label}",
                subtitle=calendar_filter.description,
                source=full_url(request, self.url + period.slug + "/"),
            )
            filename = self.export_filename(calendar_filter, period, f"planner-{paper.slug}.pdf")
        elif extension == "ics":
            content_type = exports.ICAL_CONTENT_TYPE
            content = exports.build_icalendar(
                occurrences,
                name=self.export_name(calendar_filter, period),
                domain=uid_domain(),
                faith_urls=faith_urls,
                description=self.introduction,
            )
        else:
            content_type = exports.CSV_CONTENT_TYPE
            content = exports.build_csv(
                exports.OBSERVANCE_CSV_HEADER,
                exports.observance_csv_rows(occurrences, faith_urls),
            )
        # Deleting a date leaves no row to date the change by: the content version has it.
        changes = [content_version.changed_at(content_version.current_version(request))]
        changes += [exports.last_changed(occurrence) for occurrence in occurrences]
        if period is None:  # on 1 January the feed leaves a year behind
            changes.append(timezone.make_aware(datetime.datetime(self.today.year, 1, 1)))
        return exports.Download(content, content_type, filename, last_modified=max(changes))
