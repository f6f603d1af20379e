from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tqdm import tqdm

from calendars.models import Observance
from calendars.models.observances import SyncResult
from calendars.rules import RuleType

DEFAULT_YEARS_AHEAD = 2


class Command(BaseCommand):
    help = (
        "Compute the dates of every observance from its rule for a range of years and store "
        "them. Dates an editor confirmed or corrected are kept. Safe to run again."
    )

    def add_arguments(self, parser):
        this_year = timezone.localdate().year
        parser.add_argument(
            "--from",
            dest="first_year",
            type=int,
            default=this_year,
            help=f"First year (default: this year, {this_year}).",
        )
        parser.add_argument(
            "--to",
            dest="last_year",
            type=int,
            default=this_year + DEFAULT_YEARS_AHEAD,
            help=f"Last year, included (default: {this_year + DEFAULT_YEARS_AHEAD}).",
        )
        parser.add_argument(
            "--observance",
            action="append",
            dest="slugs",
            metavar="SLUG",
            help="Only this observance (repeat for more).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress bar."
        )

    def handle(self, *args, first_year, last_year, slugs, no_progress, verbosity, **options):
        if last_year < first_year:
            raise CommandError("--to must not be before --from.")
        if last_year - first_year > 50:
            raise CommandError("Compute at most 50 years at a time.")
        observances = Observance.objects.select_related("faith").exclude(rule_type=RuleType.MANUAL)
        if slugs:
            observances = observances.filter(slug__in=slugs)
            missing = set(slugs) - set(observances.values_list("slug", flat=True))
            if missing:
                raise CommandError(
                    f"No computed observance with slug: {', '.join(sorted(missing))}"
                )
        years = list(range(first_year, last_year + 1))
        total = SyncResult()
        gaps = []
        for observance in tqdm(
            list(observances),
            desc="Observances",
            unit="observance",
            file=self.stderr,
            disable=no_progress or verbosity == 0,
        ):
            result = observance.compute_occurrences(years)
            total += result
            if result.missing_years:
                gaps.append(f"{observance.name}: {', '.join(map(str, result.missing_years))}")
        if verbosity:
            self.stdout.write(
                f"Observance dates {first_year} to {last_year}: {total.created} created, "
                f"{total.updated} updated, {total.unchanged} unchanged, {total.kept} kept as "
                f"editors confirmed them, {total.removed} removed."
            )
            for gap in gaps:
                self.stdout.write(
                    self.style.WARNING(
                        f"No date from the rule for {gap}. Lunar dates can skip a year; "
                        "add a date by hand in the admin if one is needed."
                    )
                )
