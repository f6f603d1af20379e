from django.urls import path, reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from resources.models import DocumentDownloadCount
from resources.views import DownloadsReportView


# Runs after Wagtail's own check (order 0) that refuses documents in private collections, so
# only downloads that are actually served are counted.
@hooks.register("before_serve_document", order=100)
def count_download(document, request):
    if is_new_download(request):
        DocumentDownloadCount.objects.record(document, timezone.localdate())


def is_new_download(request):
    """A GET for the whole file: not a link checker's HEAD, a browser revalidating its cached
    copy, or the second part of a download fetched in ranges."""
    if request.method != "GET":
        return False
    if "If-None-Match" in request.headers or "If-Modified-Since" in request.headers:
        return False
    range_header = request.headers.get("Range", "").replace(" ", "")
    return not range_header or range_header.startswith("bytes=0-")


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
