"""Observances: what is marked, by whom, and the rule for its date; and storing the dates that
rule gives as occurrences (see occurrences.py), keeping every editor's correction."""

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

from modelcluster.models import ClusterableModel

from calendars.rules import (
    ALL_RULE_FIELDS,
    RULE_FIELDS,
    DateRule,
    Festival,
    HebrewMonth,
    HijriMonth,
    RuleType,
    Weekday,
    WeekOfMonth,
    validate_rule,
)

from .impacts import IMPACTS
from .occurrences import Occurrence


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
    # When its name, guidance or anything else its events show last changed (iCalendar's
    # LAST-MODIFIED of each of its dates).
    updated_at = models.DateTimeField(auto_now=True)

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
