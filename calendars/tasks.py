"""Keeping the calendar's dates computed years ahead, in the background.

Any year a page, download or clash check asks for is computed on first need
(OccurrenceQuerySet.between), but the subscription feed and the faith pages show what is
stored from today on: this task, queued every day by the `keep_observance_dates_ahead`
scheduled job, computes this year and the next YEARS_AHEAD for every observance again, so
they are always there, a date deleted by mistake comes back and a corrected library's dates
are taken up. Editors' confirmations and corrections are kept.
"""

import logging

from django.utils import timezone

from django_tasks import task

from calendars.models import Observance
from calendars.models.occurrences import SyncResult, store_computed_dates
from calendars.rules import RuleType

logger = logging.getLogger(__name__)

YEARS_AHEAD = 5


def horizon_years(years_ahead=YEARS_AHEAD):
    this_year = timezone.localdate().year
    return list(range(this_year, this_year + years_ahead + 1))


@task()
def keep_observance_dates_ahead(years_ahead=YEARS_AHEAD):
    years = horizon_years(years_ahead)
    results = store_computed_dates(Observance.objects.exclude(rule_type=RuleType.MANUAL), years)
    total = SyncResult()
    for result in results.values():
        total += result
    logger.info(
        "Observance dates %s to %s: %s created, %s updated, %s removed, %s kept as confirmed",
        years[0],
        years[-1],
        total.created,
        total.updated,
        total.removed,
        total.kept,
    )
    return {
        "first_year": years[0],
        "last_year": years[-1],
        "created": total.created,
        "updated": total.updated,
        "unchanged": total.unchanged,
        "kept": total.kept,
        "removed": total.removed,
    }
