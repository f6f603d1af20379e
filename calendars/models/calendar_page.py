"""The calendar page: year and list views, the planner, downloads and the clash checker."""

import datetime

from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from calendars import exports
from calendars.clashes import find_clashes, span_of
from calendars.forms import ClashCheckForm
from calendars.periods import MAX_YEAR, MIN_YEAR, WEEKDAY_NAMES, Period, list_months, month_grids
from calendars.rules import certainty_key
from goodpractice.home.models import IntroductionMixin

from .calendar_filter import CalendarFilter
from .faith_page import GUIDANCE_FEATURES, FaithPage
from .impacts import IMPACTS
from .occurrences import Occurrence


class CalendarPage(RoutablePageMixin, IntroductionMixin, Page):
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

    def faiths(self):
        return list(FaithPage.objects.live().child_of(self).order_by("path"))

    def occurrences(self):
        return Occurrence.objects.live().filter(observance__faith__path__startswith=self.path)

    def faith_urls(self, request, faiths):
        return {faith.pk: request.build_absolute_uri(faith.get_url(request)) for faith in faiths}

    def link_faith_pages(self, request, occurrences, faiths):
        """Give each occurrence the `faith_url` of its faith's page (None if not among `faiths`)."""
        faith_urls = {faith.pk: faith.get_url(request) for faith in faiths}
        for occurrence in occurrences:
            occurrence.faith_url = faith_urls.get(occurrence.observance.faith_id)

    def period_url(self, period, view="", query=""):
        suffix = f"{view}/" if view else ""
        return f"{self.url}{period.slug}/{suffix}{query}"

    # Views

    @path("", name="index")
    def index_route(self, request):
        return self.period_view(request, Period.calendar_year(self.today.year))

    @path("<int:year>/", name="calendar_year")
    def calendar_year(self, request, year):
        return self.period_view(request, self.calendar_period(year))

    @path("<int:year>/list/", name="calendar_year_list")
    def calendar_year_list(self, request, year):
        return self.period_view(request, self.calendar_period(year), view="list")

    @path("<int:year>/planner/", name="calendar_year_planner")
    def calendar_year_planner(self, request, year):
        return self.period_view(request, self.calendar_period(year), view="planner")

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
            form = ClashCheckForm(request.POST, request.FILES)
        else:
            form = ClashCheckForm()
        results = None
        if form.is_bound and form.is_valid():
            results = self.clash_results(form.cleaned_data["planned"])
            clashing = [clash.occurrence for result in results for clash in result.clashes]
            self.link_faith_pages(request, clashing, self.faiths())
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
        return exports.csv_response(
            exports.CLASH_CSV_HEADER, exports.clash_csv_rows(results), "clash-check.csv"
        )

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
            return []
        first, last = span_of(sessions)
        occurrences = list(self.occurrences().between(first, last).for_display())
        return find_clashes(sessions, occurrences)

    def period_links(self, period, calendar_filter):
        query = calendar_filter.query_string

        def url(target, view=""):
            return self.period_url(target, view, query) if target else None

        return {
            "grid": url(period),
            "list": url(period, "list"),
            "planner": url(period, "planner"),
            "ics": url(period, "ics"),
            "csv": url(period, "csv"),
            "previous": url(period.previous),
            "next": url(period.next),
            "previous_list": url(period.previous, "list"),
            "next_list": url(period.next, "list"),
            "counterpart": url(period.counterpart),
            "counterpart_list": url(period.counterpart, "list"),
        }

    def feed_links(self, request, query=""):
        """The subscription feed and its downloads; `query` narrows them (e.g. to one faith)."""
        ics_path = self.url + self.reverse_subpage("feed_ics") + query
        return {
            "ics": ics_path,
            "csv": self.url + self.reverse_subpage("feed_csv") + query,
            "webcal": f"webcal://{request.get_host()}{ics_path}",
        }

    def period_view(self, request, period, view="grid"):
        faiths = self.faiths()
        calendar_filter = CalendarFilter.from_request(request, faiths)
        occurrences = list(
            calendar_filter.apply(self.occurrences())
            .between(period.first_day, period.last_day)
            .for_display()
        )
        self.link_faith_pages(request, occurrences, faiths)
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
                "occurrences": occurrences,
                "months": month_grids(period, occurrences) if view != "list" else [],
                "list_months": list_months(period, occurrences) if view == "list" else [],
                "weekday_names": WEEKDAY_NAMES,
                "links": self.period_links(period, calendar_filter),
                "feed_links": self.feed_links(request, calendar_filter.query_string),
                "certainties": certainty_key(),
                "today": self.today,
                "breadcrumbs_extra": []
                if (
                    view == "grid"
                    and not period.is_rotation
                    and period.start_year == self.today.year
                )
                else [{"title": self.title, "url": self.url}],
            },
        )

    def export_occurrences(self, request, period):
        faiths = self.faiths()
        calendar_filter = CalendarFilter.from_request(request, faiths)
        occurrences = calendar_filter.apply(self.occurrences())
        if period is None:
            first_day = datetime.date(self.today.year - 1, 1, 1)
            occurrences = occurrences.filter(end_date__gte=first_day)
        else:
            occurrences = occurrences.between(period.first_day, period.last_day)
        return faiths, calendar_filter, list(occurrences.for_display())

    def export_name(self, calendar_filter, period):
        name = self.title
        if period is not None:
            name += f" {period.short_label}"
        if calendar_filter.active:
            name += f" ({calendar_filter.description})"
        return name

    def export_filename(self, calendar_filter, period, extension):
        when = f"-{period.file_slug}" if period else ""
        return f"{self.slug}{when}{calendar_filter.file_suffix}.{extension}"

    def ics_view(self, request, period):
        faiths, calendar_filter, occurrences = self.export_occurrences(request, period)
        content = exports.build_icalendar(
            occurrences,
            name=self.export_name(calendar_filter, period),
            domain=request.get_host().split(":")[0],
            faith_urls=self.faith_urls(request, faiths),
            description=self.introduction,
        )
        return exports.icalendar_response(
            content, self.export_filename(calendar_filter, period, "ics")
        )

    def csv_view(self, request, period):
        faiths, calendar_filter, occurrences = self.export_occurrences(request, period)
        rows = exports.observance_csv_rows(occurrences, self.faith_urls(request, faiths))
        return exports.csv_response(
            exports.OBSERVANCE_CSV_HEADER,
            rows,
            self.export_filename(calendar_filter, period, "csv"),
        )
