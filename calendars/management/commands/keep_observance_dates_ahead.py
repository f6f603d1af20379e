"""Queue the task that keeps every observance's dates computed for this year and the next
five (calendars.tasks). Run daily by the scheduler (settings.SCHEDULED_JOBS); the worker runs
the task (at once, in this process, with the immediate backend of development)."""

from django.core.management.base import BaseCommand

from calendars.tasks import YEARS_AHEAD, horizon_years, keep_observance_dates_ahead


class Command(BaseCommand):
    help = (
        f"Queue the computing of every observance's dates for this year and the next "
        f"{YEARS_AHEAD}. Dates editors confirmed or corrected are kept."
    )

    def handle(self, *args, **options):
        result = keep_observance_dates_ahead.enqueue()
        years = horizon_years()
        self.stdout.write(
            f"Queued the observance dates for {years[0]} to {years[-1]} (task {result.id}, "
            f"{result.status.lower()})."
        )
