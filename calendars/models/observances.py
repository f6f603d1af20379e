"""Observances (what is marked, by whom, and the rule for its date) and their occurrences
(the dates, computed from the rule or entered by an editor, for each year)."""

import dataclasses
import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils.text import slugify

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from calendars.rules import (
    ALL_RULE_FIELDS,
    CERTAINTY_EXPLANATIONS,
    CERTAINTY_SYMBOLS,
    RULE_FIELDS,
    Certainty,
    DateRule,
    Festival,
    HebrewMonth,
    HijriMonth,
    RuleType,
    Weekday,
    WeekOfMonth,
    validate_rule,
)


@dataclass(frozen=True)
class Impact:
    """One way an observance can affect work; `slug` is what the calendar's URL carries."""

    slug: str
    field: str
    label: str
    description: str


IMPACTS = [
    Impact(
        "fasting",
        "involves_fasting",
        "Fasting",
        "Many who observe it fast, so energy, concentration and meal breaks may be affected.",
    ),
    Impact(
        "leave",
        "work_restricted",
        "Work restricted or leave commonly requested",
        "Some observers do not work, or commonly ask for leave.",
    ),
    Impact(
        "evening",
        "begins_evening_before",
        "Begins at sunset the evening before",
        "It starts at sunset on the evening before the first date shown.",
    ),
    Impact(
        "prayer",
        "involves_prayer",
        "Prayer or worship",
        "Observers may need time or a quiet space for prayer or worship.",
    ),
    Impact(
        "diet",
        "dietary_needs",
        "Diet",
        "There are dietary requirements: think about catering and shared meals.",
    ),
]
IMPACTS_BY_SLUG = {impact.slug: impact for impact in IMPACTS}


class ObservanceQuerySet(models.QuerySet):
    def live(self):
        return self.filter(faith__live=True)

    def with_next_date(self, today):
        """Annotate `next_date`: the first day of the next (or current) occurrence."""
        return self.annotate(
            next_date=models.Min(
                "occurrences__start_date", filter=Q(occurrences__end_date__gte=today)
            )
        )


class Observance(index.Indexed, ClusterableModel):
    """A festival, fast, holy day or cultural event, with its date rule and workplace guidance.

    Its dates are stored as occurrences (see Occurrence), computed from the rule by the
    `compute_observance_dates` command and whenever an editor saves it.
    """

    faith = models.ForeignKey(
        "calendars.FaithPage",
        on_delete=models.CASCADE,
        related_name="observances",
        verbose_name="faith or tradition",
        help_text="The faith page (or 'UK cultural events') this observance belongs to.",
    )
    name = models.CharField(
        max_length=150, help_text="As people commonly write it, e.g. 'Eid al-Fitr'."
    )
    slug = models.SlugField(
        max_length=150,
        unique=True,
        blank=True,
        error_messages={
            "unique": "Another observance already uses this slug. Enter a different one."
        },
        help_text="Used in downloads and web addresses. Made from the name if left blank.",
    )
    summary = models.TextField(
        max_length=400,
        help_text="What it is, in one or two plain sentences (400 characters at most).",
    )
    guidance = models.TextField(
        blank=True,
        help_text="What rota planners and trainers should consider, e.g. 'Avoid exams; "
        "colleagues may ask for leave.' Plain text.",
    )
    duration_days = models.PositiveSmallIntegerField(
        "how many days it lasts",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text="Counting the first day. Ramadan: 30; Black History Month: 31.",
    )
    involves_fasting = models.BooleanField("fasting", default=False)
    work_restricted = models.BooleanField(
        "work restricted or leave commonly requested", default=False
    )
    begins_evening_before = models.BooleanField(
        "begins at sunset the evening before",
        default=False,
        help_text="Tick for Jewish and Islamic observances that start at sunset.",
    )
    involves_prayer = models.BooleanField("prayer or worship", default=False)
    dietary_needs = models.BooleanField("dietary requirements", default=False)

    rule_type = models.CharField(
        "how the date is worked out",
        max_length=20,
        choices=RuleType.choices,
        default=RuleType.FIXED,
        help_text="Choose the calendar the date follows, then fill in only the fields that "
        "calendar needs (the others are ignored).",
    )
    month = models.PositiveSmallIntegerField(
        "month (Gregorian)",
        null=True,
        blank=True,
        choices=[(n, datetime.date(2000, n, 1).strftime("%B")) for n in range(1, 13)],
        help_text="For a fixed date or a weekday of a month.",
    )
    day = models.PositiveSmallIntegerField(
        "day of the month",
        null=True,
        blank=True,
        help_text="For a fixed date, or the day in the Islamic, Hebrew or Chinese month.",
    )
    weekday = models.PositiveSmallIntegerField(
        "day of the week", null=True, blank=True, choices=Weekday.choices
    )
    week_of_month = models.SmallIntegerField(
        "which one in the month",
        null=True,
        blank=True,
        choices=WeekOfMonth.choices,
        help_text="E.g. 'Second' with Sunday and November for Remembrance Sunday.",
    )
    hijri_month = models.PositiveSmallIntegerField(
        "Islamic month", null=True, blank=True, choices=HijriMonth.choices
    )
    hebrew_month = models.PositiveSmallIntegerField(
        "Hebrew month", null=True, blank=True, choices=HebrewMonth.choices
    )
    lunar_month = models.PositiveSmallIntegerField(
        "Chinese lunar month",
        null=True,
        blank=True,
        help_text="1 to 12. Chinese New Year is the 1st day of the 1st month.",
    )
    festival = models.CharField(
        max_length=40,
        blank=True,
        choices=Festival.choices,
        help_text="Dates come from published tables (the 'holidays' package), 2001 to 2035.",
    )
    offset_days = models.SmallIntegerField(
        "days after the date the rule gives",
        default=0,
        help_text="Usually 0. Negative for days before: Good Friday is Easter Sunday -2, "
        "Ash Wednesday -46.",
    )
    date_note = models.CharField(
        "how the date can vary",
        max_length=255,
        blank=True,
        help_text="E.g. 'Some communities celebrate it a day later.' Shown beside the date.",
    )

    objects = ObservanceQuerySet.as_manager()

    panels = [
        FieldPanel("faith"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("summary"),
        FieldPanel("guidance"),
        MultiFieldPanel(
            [
                FieldPanel("involves_fasting"),
                FieldPanel("work_restricted"),
                FieldPanel("begins_evening_before"),
                FieldPanel("involves_prayer"),
                FieldPanel("dietary_needs"),
            ],
            heading="Impact on work",
        ),
        MultiFieldPanel(
            [
                FieldPanel("rule_type"),
                FieldRowPanel([FieldPanel("month"), FieldPanel("day")]),
                FieldRowPanel([FieldPanel("week_of_month"), FieldPanel("weekday")]),
                FieldRowPanel(
                    [
                        FieldPanel("hijri_month"),
                        FieldPanel("hebrew_month"),
                        FieldPanel("lunar_month"),
                    ]
                ),
                FieldPanel("festival"),
                FieldPanel("offset_days"),
                FieldPanel("duration_days"),
                FieldPanel("date_note"),
            ],
            heading="When it happens",
        ),
        InlinePanel(
            "occurrences",
            heading="Dates",
            label="Date",
            help_text="Computed from the rule when you save. Changing a date, or ticking "
            "'confirmed', keeps it when dates are computed again.",
        ),
    ]

    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("summary"),
        index.FilterField("rule_type"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "observance"

    def __str__(self):
        return self.name

    @property
    def rule(self):
        return DateRule(
            rule_type=self.rule_type,
            month=self.month,
            day=self.day,
            weekday=self.weekday,
            week_of_month=self.week_of_month,
            hijri_month=self.hijri_month,
            hebrew_month=self.hebrew_month,
            lunar_month=self.lunar_month,
            festival=self.festival,
            offset_days=self.offset_days or 0,
        )

    @property
    def impacts(self):
        return [impact for impact in IMPACTS if getattr(self, impact.field)]

    @property
    def next_date_label(self):
        """For the admin listing (needs `with_next_date()`)."""
        next_date = getattr(self, "next_date", None)
        return f"{next_date:%-d %b %Y}" if next_date else "None stored"

    def clean(self):
        super().clean()
        if not self.slug and self.name:
            self.slug = slugify(self.name)[:150]
        if self.rule_type not in RuleType.values:
            return  # the field's own validation reports it
        for field in ALL_RULE_FIELDS - RULE_FIELDS[RuleType(self.rule_type)]:
            setattr(self, field, "" if field == "festival" else None)
        errors = validate_rule(self.rule)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:150]
        super().save(*args, **kwargs)

    def compute_occurrences(self, years):
        """Store the rule's dates for `years`, keeping every editor's confirmation or correction.

        Returns a SyncResult. A computed date the rule no longer gives is deleted unless an
        editor confirmed it; manual dates (not computed) are never touched.
        """
        rule = self.rule
        certainty = rule.certainty
        length = datetime.timedelta(days=self.duration_days - 1)
        dates_by_year = {year: rule.dates_in_year(year) for year in years}
        wanted = {start for dates in dates_by_year.values() for start in dates}
        result = SyncResult(
            missing_years=[year for year, dates in dates_by_year.items() if not dates]
        )
        with transaction.atomic():
            existing = {
                occurrence.computed_start: occurrence
                for occurrence in Occurrence.objects.filter(
                    observance=self,
                    computed_start__year__gte=min(years),
                    computed_start__year__lte=max(years),
                )
            }
            for start in sorted(wanted):
                occurrence = existing.pop(start, None)
                if occurrence is None:
                    Occurrence.objects.create(
                        observance=self,
                        start_date=start,
                        end_date=start + length,
                        computed_start=start,
                        computed_end=start + length,
                        certainty=certainty,
                    )
                    result.created += 1
                elif occurrence.editor_confirmed:
                    result.kept += 1
                elif (occurrence.end_date, occurrence.certainty) != (start + length, certainty) or (
                    occurrence.start_date != start
                ):
                    occurrence.start_date = occurrence.computed_start = start
                    occurrence.end_date = occurrence.computed_end = start + length
                    occurrence.certainty = certainty
                    occurrence.save()
                    result.updated += 1
                else:
                    result.unchanged += 1
            for occurrence in existing.values():
                if occurrence.editor_confirmed:
                    result.kept += 1
                else:
                    occurrence.delete()
                    result.removed += 1
        return result


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


class OccurrenceQuerySet(models.QuerySet):
    def live(self):
        """Dates of observances whose faith page is published."""
        return self.filter(observance__faith__live=True)

    def between(self, first_day, last_day):
        """Occurrences overlapping the days first_day to last_day, inclusive."""
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

    observance = ParentalKey(Observance, on_delete=models.CASCADE, related_name="occurrences")
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
