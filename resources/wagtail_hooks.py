from django.urls import path, reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from resources.models import DocumentDownloadCount
from resources.views import DownloadsReportView


# Runs after Wagtail's own check (order 0) that refuses documents in private collections, so
# only downloads that are actually served are counted. HEAD requests (link checkers) are not.
@hooks.register("before_serve_document", order=100)
def count_download(document, request):
    if request.method == "GET":
        DocumentDownloadCount.objects.record(document, timezone.localdate())


@hooks.register("register_admin_urls")
def register_downloads_report_urls():
    return [
        path(
            "reports/downloads/",
            DownloadsReportView.as_view(),
            name="resources_downloads_report",
        ),
        path(
            "reports/downloads/results/",
            DownloadsReportView.as_view(results_only=True),
            name="resources_downloads_report_results",
        ),
    ]


class DownloadsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(get_document_model()).user_has_any_permission(
            request.user, ["add", "change", "choose"]
        )


@hooks.register("register_reports_menu_item")
def register_downloads_report_menu_item():
    return DownloadsReportMenuItem(
        "Document downloads",
        reverse("resources_downloads_report"),
        name="document-downloads",
        icon_name="download",
        order=1500,
    )
