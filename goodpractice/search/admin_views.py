"""Reports → Searches that found nothing: what visitors looked for and did not find, commonest
first, with a link to promote a result for it (Wagtail's search promotions)."""

from django.urls import reverse

from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView

from goodpractice.search.models import UnansweredSearch


class PromoteColumn(Column):
    """A link to add a promoted result; the editor types the search there."""

    cell_template_name = "search/admin/promote_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["add_url"] = reverse("wagtailsearchpromotions:add")
        return context


class UnansweredSearchesReportView(ReportView):
    page_title = "Searches that found nothing"
    header_icon = "search"
    is_searchable = True
    search_fields = ["query"]
    default_ordering = "-count"
    index_url_name = "unanswered_searches"
    index_results_url_name = "unanswered_searches_results"
    columns = [
        Column("query", label="Search", sort_key="query"),
        NumberColumn("count", label="Searches", sort_key="count"),
        DateColumn("last_searched_at", label="Last searched", sort_key="last_searched_at"),
        DateColumn("first_searched_at", label="First searched", sort_key="first_searched_at"),
        PromoteColumn("promote", label="Promoted result"),
    ]
    list_export = ["query", "count", "first_searched_at", "last_searched_at"]
    export_headings = {
        "query": "Search",
        "count": "Searches",
        "first_searched_at": "First searched",
        "last_searched_at": "Last searched",
    }

    def get_base_queryset(self):
        return UnansweredSearch.objects.all()
