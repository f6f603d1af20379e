"""Demo content: the multi-faith and cultural calendar, its seven faith and tradition pages
and their main observances, from demo_content.toml beside this module, with dates computed
for this year and the next five (as the daily job keeps them, calendars.tasks).

The workplace summaries were written for this demo; editors should review them with
colleagues and faith networks before relying on them.
"""

from django.db import transaction

from calendars.factories import CalendarPageFactory, FaithPageFactory, ObservanceFactory
from calendars.models import Observance
from calendars.models.occurrences import store_computed_dates
from calendars.rules import HebrewMonth, HijriMonth, RuleType, Weekday, WeekOfMonth
from calendars.tasks import horizon_years
from goodpractice.home.demo_content import add_navigation_link, child_page, read_data
from goodpractice.home.models import HomePage

DATA = read_data(__file__)
FAITHS = DATA["faiths"]
OBSERVANCES = DATA["observances"]

# The data names the months, weekdays and weeks of the month its rules use.
NAMED_RULE_FIELDS = {
    "hijri_month": HijriMonth,
    "hebrew_month": HebrewMonth,
    "weekday": Weekday,
    "week_of_month": WeekOfMonth,
}
IMPACTS = {
    "evening": "begins_evening_before",
    "fasting": "involves_fasting",
    "leave": "work_restricted",
    "prayer": "involves_prayer",
    "diet": "dietary_needs",
}


def observance_fields(spec):
    """The Observance fields for one observance in the data."""
    fields = {key: value for key, value in spec.items() if key not in ("faith", "rule", "impacts")}
    for field, value in spec["rule"].items():
        choices = NAMED_RULE_FIELDS.get(field)
        fields[field] = choices[value.upper()] if choices else value
    fields.update(dict.fromkeys((IMPACTS[impact] for impact in spec["impacts"]), True))
    return fields


def load(command):
    """Create what is missing; leave what exists (and any editor's changes) alone."""
    with transaction.atomic():
        home = HomePage.objects.first()
        calendar_page, _ = child_page(home, CalendarPageFactory, **DATA["calendar"])
        faiths = {}
        for fields in FAITHS:
            faiths[fields["slug"]], _ = child_page(calendar_page, FaithPageFactory, **fields)
        created = []
        existing = set(Observance.objects.values_list("slug", flat=True))
        for spec in OBSERVANCES:
            observance = ObservanceFactory.build(
                faith=faiths[spec["faith"]], slug="", **observance_fields(spec)
            )
            # clean() makes the slug from the name and clears the fields the rule does not use.
            observance.full_clean(exclude=["slug"])
            if observance.slug in existing:
                continue
            observance.save()
            created.append(observance)
        years = horizon_years()
        store_computed_dates(Observance.objects.exclude(rule_type=RuleType.MANUAL), years)
        link = DATA["navigation"]
        add_navigation_link(home.get_site(), link["label"], calendar_page, link["position"])
    command.stdout.write(
        f"Calendar: {len(created)} observance(s) created, {len(OBSERVANCES)} in the demo list; "
        f"dates computed for {years[0]} to {years[-1]}."
    )
