"""Observances: what is marked, by whom, and the rule for its date; and which years of those
dates are stored (occurrences.py stores them) or beyond what the libraries can give."""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
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
    LengthRule,
    RuleType,
    Weekday,
    WeekOfMonth,
    rule_types_unavailable_in,
    validate_rule,
)

from .impacts import IMPACTS, IMPACTS_BY_SLUG
from .occurrences import ComputedYear, SyncResult, store_computed_dates

__all__ = ["Observance", "ObservanceQuerySet", "SyncResult", "UnavailableDates"]

# The years every observance's dates are stored for, as far as this process's cache knows.
# Stored years are never taken away, so the cache can only be behind, never wrong.
COMPUTED_YEARS_KEY = "calendars:computed-years"
COMPUTED_YEARS_TIMEOUT = 24 * 60 * 60


@dataclass(frozen=True)
class UnavailableDates:
    """An observance whose dates the libraries cannot give for some of a period's years."""

    name: str
    faith: str
    first_year: int
    last_year: int

    def message(self, first_year, last_year):
        when = (
            f"after {self.last_year}" if last_year > self.last_year else f"before {self.first_year}"
        )
        return f"Dates for {self.name} ({self.faith}) are not available {when}."


class ObservanceQuerySet(models.QuerySet):
    def live(self):
        return self.filter(faith__live=True)

    def of_calendar(self, calendar_page):
        return self.filter(faith__path__startswith=calendar_page.path)

    # The calendar's filter (CalendarFilter.apply) narrows observances as it does occurrences.
    def for_faiths(self, slugs):
        return self.filter(faith__slug__in=slugs) if slugs else self

    def with_any_impact(self, impact_slugs):
        query = Q()
        for slug in impact_slugs:
            query |= Q(**{IMPACTS_BY_SLUG[slug].field: True})
        return self.filter(query) if query else self

    def ensure_years_computed(self, years):
        """Compute and store the dates of `years` that are not stored yet: for every
        observance, a year no observance has; for a new observance (none stored yet), every
        year the site has.

        No query once this process's cache knows the years are stored (it forgets when an
        observance is added or its rule changes), two when they all are.
        """
        years = frozenset(years)
        known = cache.get(COMPUTED_YEARS_KEY, frozenset())
        if years <= known:
            return
        computed = self.model.objects.exclude(rule_type=RuleType.MANUAL)
        stored = ComputedYear.objects.filter(year__in=years).values_list("year", flat=True)
        missing = years - set(stored.distinct())
        new = list(computed.filter(computed_years__isnull=True))
        if new:
            site_years = ComputedYear.objects.values_list("year", flat=True).distinct()
            store_computed_dates(new, years | set(site_years))
        if missing:
            store_computed_dates(computed.exclude(pk__in=[o.pk for o in new]), missing)
        cache.set(COMPUTED_YEARS_KEY, known | years, COMPUTED_YEARS_TIMEOUT)

    def unavailable_between(self, first_day, last_day):
        """[(UnavailableDates, message)] for the observances whose rule's library ends (or
        starts) within the years of first_day to last_day, so that a page can say so rather
        than show nothing. No query unless some year is beyond a library."""
        first_year, last_year = first_day.year, last_day.year
        limited = rule_types_unavailable_in(first_year, last_year)
        if not limited:
            return []
        query = Q(rule_type__in=limited)
        if RuleType.FESTIVAL_TABLE in limited:
            query |= Q(ends=LengthRule.BEFORE_FESTIVAL)
        found = []
        for observance in self.filter(query).select_related("faith").order_by("name", "pk"):
            low, high = observance.rule.supported_years
            if first_year < low or last_year > high:
                dates = UnavailableDates(observance.name, observance.faith.title, low, high)
                found.append((dates, dates.message(first_year, last_year)))
        return found

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
        help_text="Counting the first day, when it lasts a number of days. Black History "
        "Month: 31.",
    )
    ends = models.CharField(
        "where it ends",
        max_length=20,
        choices=LengthRule.choices,
        default=LengthRule.DAYS,
        help_text="Ramadan ends with its month (29 or 30 days); Navaratri the day before "
        "Dussehra. Most observances last a number of days.",
    )
    end_festival = models.CharField(
        "ends the day before",
        max_length=40,
        blank=True,
        choices=Festival.choices,
        help_text="Only for 'the day before another festival'.",
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
                FieldRowPanel(
                    [FieldPanel("ends"), FieldPanel("duration_days"), FieldPanel("end_festival")]
                ),
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
            duration_days=self.duration_days,
            ends=self.ends,
            end_festival=self.end_festival,
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
        self.ends = self.ends or LengthRule.DAYS
        if self.ends != LengthRule.BEFORE_FESTIVAL:
            self.end_festival = ""
        errors = validate_rule(self.rule)
        if errors:
            raise ValidationError(errors)

    @classmethod
    def from_db(cls, db, field_names, values):
        observance = super().from_db(db, field_names, values)
        observance._stored_rule = (
            observance.rule if len(values) == len(cls._meta.concrete_fields) else None
        )
        return observance

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:150]
        adding = self._state.adding
        changed = not adding and getattr(self, "_stored_rule", None) != self.rule
        super().save(*args, **kwargs)
        self._stored_rule = self.rule
        if adding or changed:
            cache.delete(COMPUTED_YEARS_KEY)  # a new one's dates are computed on first need
        if changed and self.rule_type != RuleType.MANUAL:
            # Every year stored follows the changed rule at once (the feed shows years ahead).
            self.compute_occurrences(list(self.computed_years.values_list("year", flat=True)))

    def compute_occurrences(self, years):
        """Store the rule's dates for `years`, keeping every editor's confirmation or correction
        (see occurrences.store_computed_dates). Returns a SyncResult."""
        return store_computed_dates([self], years)[self.pk]
