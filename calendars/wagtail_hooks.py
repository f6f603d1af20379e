from django.contrib import messages
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from calendars.management.commands.compute_observance_dates import DEFAULT_YEARS_AHEAD
from calendars.models import Observance
from calendars.rules import RuleType


class ObservanceViewSet(SnippetViewSet):
    model = Observance
    icon = "date"
    menu_label = "Observances"
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        "name",
        Column("faith", label="Faith or tradition"),
        Column("rule_type", label="Date rule", accessor="get_rule_type_display"),
        Column("duration_days", label="Days"),
        Column("next_date", label="Next date", accessor="next_date_label", sort_key="next_date"),
    ]
    list_filter = ["faith", "rule_type", "begins_evening_before", "involves_fasting"]
    search_fields = ["name", "summary"]
    ordering = ["name"]

    def get_queryset(self, request):
        return Observance.objects.select_related("faith").with_next_date(timezone.localdate())


register_snippet(ObservanceViewSet)


def _recompute(request, observance):
    """Bring the stored dates in line with the rule an editor has just saved."""
    if observance.rule_type == RuleType.MANUAL:
        return
    year = timezone.localdate().year
    result = observance.compute_occurrences(list(range(year, year + DEFAULT_YEARS_AHEAD + 1)))
    if result.created or result.updated or result.removed:
        messages.info(
            request,
            f"Dates of '{observance}' computed from its rule: {result.created} added, "
            f"{result.updated} updated, {result.removed} removed; {result.kept} confirmed by "
            "editors kept.",
        )


@hooks.register("after_create_snippet")
def compute_dates_of_new_observance(request, instance):
    if isinstance(instance, Observance):
        _recompute(request, instance)


@hooks.register("after_edit_snippet")
def compute_dates_of_edited_observance(request, instance):
    if isinstance(instance, Observance):
        _recompute(request, instance)
