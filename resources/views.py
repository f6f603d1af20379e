"""The admin report of the most downloaded documents."""

import datetime

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

import django_filters

from resources.models import ResourceDocument

PERIODS = [
    ("7", "Last 7 days"),
    ("30", "Last 30 days"),
    ("365", "Last 12 months"),
    ("all", "All time"),
]
DEFAULT_PERIOD = "30"


class DownloadsReportFilterSet(WagtailFilterSet):
    # Choosing a period changes what is counted, not which rows match: see get_queryset.
    period = django_filters.ChoiceFilter(
        label="Downloads in", choices=PERIODS, empty_label=None, method=lambda qs, name, value: qs
    )

    class Meta:
        model = ResourceDocument
        fields = ["period"]


class DownloadsReportView(ReportView):
    page_title = "Most downloaded documents"
    header_icon = "download"
    filterset_class = DownloadsReportFilterSet
    index_url_name = "resources_downloads_report"
    index_results_url_name = "resources_downloads_report_results"
    any_permission_required = ["add", "change", "choose"]
    list_export = ["title", "format_label", "downloads", "total_downloads"]
    export_headings = {
        "format_label": "Format",
        "downloads": "Downloads in period",
        "total_downloads": "Downloads, all time",
    }

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(get_document_model())

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label="Document",
                get_url=lambda document: reverse("wagtaildocs:edit", args=[document.pk]),
            ),
            Column("format_label", label="Format"),
            Column("downloads", label=f"Downloads ({self.period_label.lower()})"),
            Column("total_downloads", label="Downloads, all time"),
        ]

    @cached_property
    def period(self):
        period = self.request.GET.get("period") or DEFAULT_PERIOD
        return period if period in dict(PERIODS) else DEFAULT_PERIOD

    @property
    def period_label(self):
        return dict(PERIODS)[self.period]

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        data = kwargs["data"].copy()
        data.setdefault("period", DEFAULT_PERIOD)
        kwargs["data"] = data
        return kwargs

    def get_queryset(self):
        in_period = Q()
        if self.period != "all":
            since = timezone.localdate() - datetime.timedelta(days=int(self.period) - 1)
            in_period = Q(download_counts__date__gte=since)
        self.queryset = ResourceDocument.objects.annotate(
            downloads=Coalesce(Sum("download_counts__count", filter=in_period), 0),
            total_downloads=Coalesce(Sum("download_counts__count"), 0),
        )
        return (
            super()
            .get_queryset()
            .filter(downloads__gt=0)
            .order_by("-downloads", "-total_downloads", "title")
        )
