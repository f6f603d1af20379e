"""Occurrences: the dates of an observance for each year, computed from its rule or entered
by an editor; and storing what the rules give, keeping every editor's correction."""

import dataclasses
import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q

from wagtail.admin.panels import FieldPanel, FieldRowPanel

from modelcluster.fields import ParentalKey

from calendars import content_version
from calendars.periods import MAX_YEAR, MIN_YEAR
from calendars.rules import CERTAINTY_EXPLANATIONS, CERTAINTY_SYMBOLS, Certainty

from .impacts import IMPACTS_BY_SLUG


class OccurrenceQuerySet(models.QuerySet):
    def live(self):
        """Dates of observances whose faith page is published."""
        return self.filter(observance__faith__live=True)

    def between(self, first_day, last_day):
        """Occurrences overlapping the days first_day to last_day, inclusive.

        Any of the years they can start in (those days' years and the one before, for what
        runs over New Year) that the site has not computed yet is computed from the rules
        first (Observance.objects.ensure_years_computed): no query once they are.
        """
        first_year = max(first_day.year - 1, MIN_YEAR - 1)
        years = range(first_year, min(last_day.year, MAX_YEAR) + 1)
        observance_model = self.model._meta.get_field("observance").related_model
        observance_model.objects.ensure_years_computed(years)
        return self.filter(start_date__lte=last_day, end_date__gte=first_day)

    def for_faiths(self, slugs):
        return self.filter(observance__faith__slug__in=slugs) if slugs else self

    def with_any_impact(self, impact_slugs):
        """Occurrences of observances with at least one of the impacts (all if none given)."""
        query = Q()
        for slug in impact_slugs:
            query |= Q(**{f"observance__{IMPACTS_BY_SLUG[slug].field}": True})
        return self.filter(query) if query else self

    def for_display(self):
        """In date order, with the observance and its faith page fetched in the same query."""
        return self.select_related("observance", "observance__faith").order_by(
            "start_date", "observance__name", "pk"
        )


class Occurrence(models.Model):
    """The dates of one occurrence of an observance (inclusive of both ends)."""

    observance = ParentalKey(
        "calendars.Observance", on_delete=models.CASCADE, related_name="occurrences"
    )
    start_date = models.DateField("first day")
    end_date = models.DateField("last day", help_text="The same as the first day for one day.")
    certainty = models.CharField(
        "how certain the date is",
        max_length=20,
        choices=Certainty.choices,
        default=Certainty.ESTIMATED,
        editable=False,
        help_text="Set from the rule, or 'confirmed' once an editor confirms the date.",
    )
    editor_confirmed = models.BooleanField(
        "confirmed by an editor",
        default=False,
        help_text="Tick when checked against an authoritative source (e.g. a moon-sighting "
        "announcement). Confirmed dates are kept when dates are computed again.",
    )
    note = models.CharField(
        max_length=255, blank=True, help_text="Optional, shown beside this date."
    )
    # What the rule gave: the key for recomputing, and how an editor's change is noticed.
    computed_start = models.DateField(null=True, blank=True, editable=False)
    computed_end = models.DateField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    sequence = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="How many times the dates have changed (iCalendar's SEQUENCE: calendar apps "
        "that already have the event take the new dates).",
    )

    objects = OccurrenceQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("editor_confirmed"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = "date"
        constraints = [
            models.UniqueConstraint(
                fields=["observance", "computed_start"],
                condition=Q(computed_start__isnull=False),
                name="calendars_one_occurrence_per_computed_date",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="calendars_occurrence_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.observance.name if self.observance_id else 'Observance'}: {self.start_date}"

    def save(self, *args, **kwargs):
        adding = self._state.adding
        stored = getattr(self, "_stored_dates", None)
        if self.pk and stored and stored != (self.start_date, self.end_date):
            self.sequence += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        corrected = self.computed_start is not None and (
            self.start_date != self.computed_start or self.end_date != self.computed_end
        )
        if corrected:
            self.editor_confirmed = True
        if self.editor_confirmed:
            self.certainty = Certainty.CONFIRMED
        elif self.certainty == Certainty.CONFIRMED:
            self.certainty = (
                self.observance.rule.certainty if self.computed_start else Certainty.ESTIMATED
            )
        super().save(*args, **kwargs)
        self._stored_dates = (self.start_date, self.end_date)
        if adding and self.computed_start is not None:
            # A date computed from the rule is only stored with the rest of its year's.
            ComputedYear.objects.get_or_create(
                observance_id=self.observance_id, year=self.computed_start.year
            )

    @classmethod
    def from_db(cls, db, field_names, values):
        occurrence = super().from_db(db, field_names, values)
        loaded = dict(zip(field_names, values, strict=True))
        if "start_date" in loaded and "end_date" in loaded:
            occurrence._stored_dates = (loaded["start_date"], loaded["end_date"])
        return occurrence

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The last day cannot be before the first day."})

    @property
    def days(self):
        return (self.end_date - self.start_date).days + 1

    @property
    def eve(self):
        """The evening it begins, for observances that start at sunset the day before."""
        return self.start_date - datetime.timedelta(days=1)

    @property
    def certainty_label(self):
        return Certainty(self.certainty).label

    @property
    def certainty_explanation(self):
        return CERTAINTY_EXPLANATIONS[Certainty(self.certainty)]

    @property
    def certainty_symbol(self):
        return CERTAINTY_SYMBOLS[Certainty(self.certainty)]


class ComputedYear(models.Model):
    """A year whose dates of an observance have been computed from its rule and stored.

    A page asks for years, not observances: one query (none, once the cache knows) says
    whether its years are here, and only a year nobody has asked for yet is computed.
    """

    observance = models.ForeignKey(
        "calendars.Observance", on_delete=models.CASCADE, related_name="computed_years"
    )
    year = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["observance", "year"], name="calendars_one_computed_year_per_observance"
            ),
        ]
        indexes = [models.Index(fields=["year"], name="calendars_computed_year_idx")]

    def __str__(self):
        return f"{self.observance_id}: {self.year}"


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0
    removed: int = 0
    missing_years: list = dataclasses.field(default_factory=list)

    def __iadd__(self, other):
        for field in ("created", "updated", "unchanged", "kept", "removed"):
            setattr(self, field, getattr(self, field) + getattr(other, field))
        return self


def store_computed_dates(observances, years):
    """Store the rules' dates of `observances` for `years`, in a few queries however many
    there are; {observance pk: SyncResult}.

    Unconfirmed dates are updated in place (so their iCalendar UIDs stay the same); a
    computed date the rule no longer gives is deleted unless an editor confirmed it; an
    editor's confirmation or correction is never overwritten; manual dates (not computed)
    are never touched.
    """
    years = sorted(set(years))
    results, wanted = {}, {}
    for observance in observances:
        rule = observance.rule
        result = results[observance.pk] = SyncResult()
        for year in years:
            spans = rule.spans_in_year(year)
            if not spans:
                result.missing_years.append(year)
            for start, end in spans:
                wanted[observance.pk, start] = (observance, end, rule.certainty)
    if not results:
        return results
    with transaction.atomic():
        existing = {
            (occurrence.observance_id, occurrence.computed_start): occurrence
            for occurrence in Occurrence.objects.filter(
                observance__in=list(results), computed_start__year__in=years
            )
        }
        new = []
        for (pk, start), (observance, end, certainty) in sorted(
            wanted.items(), key=lambda item: (item[0][1], item[0][0])
        ):
            result = results[pk]
            occurrence = existing.pop((pk, start), None)
            if occurrence is None:
                new.append(
                    Occurrence(
                        observance=observance,
                        start_date=start,
                        end_date=end,
                        computed_start=start,
                        computed_end=end,
                        certainty=certainty,
                    )
                )
                result.created += 1
            elif occurrence.editor_confirmed:
                result.kept += 1
            elif (occurrence.start_date, occurrence.end_date, occurrence.certainty) != (
                start,
                end,
                certainty,
            ) or occurrence.computed_end != end:
                occurrence.start_date = occurrence.computed_start = start
                occurrence.end_date = occurrence.computed_end = end
                occurrence.certainty = certainty
                occurrence.save()
                result.updated += 1
            else:
                result.unchanged += 1
        for occurrence in existing.values():
            if occurrence.editor_confirmed:
                results[occurrence.observance_id].kept += 1
            else:
                occurrence.delete()
                results[occurrence.observance_id].removed += 1
        # Another process may be computing the same year: the unique constraints keep one.
        Occurrence.objects.bulk_create(new, ignore_conflicts=True)
        ComputedYear.objects.bulk_create(
            [ComputedYear(observance_id=pk, year=year) for pk in results for year in years],
            ignore_conflicts=True,
        )
    if new:  # bulk_create sends no signal: the cached pages and feeds must not miss them
        content_version.dates_computed()
    return results
