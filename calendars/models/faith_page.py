"""A faith page: one faith or tradition under the calendar, with workplace guidance and its
observances."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.http import urlencode

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from calendars.rules import certainty_key
from goodpractice.home.models import IntroductionMixin
from goodpractice.home.routing import CachedViewRestrictionsMixin

from .occurrences import Occurrence

GUIDANCE_FEATURES = ["bold", "italic", "link", "ol", "ul"]

# Route prefixes of the calendar page (see CalendarPage) that a faith page's slug must not
# take, or the page could not be reached.
RESERVED_SLUGS = {"rotation", "list", "planner", "ics", "csv", "clash-checker"}


class FaithPage(CachedViewRestrictionsMixin, IntroductionMixin, Page):
    """One faith or tradition (or 'UK cultural events'): what colleagues may need, written for
    the workplace, and its observances with their next dates."""

    key_beliefs = RichTextField("key beliefs and practices", features=GUIDANCE_FEATURES, blank=True)
    prayer = RichTextField(features=GUIDANCE_FEATURES, blank=True)
    diet = RichTextField(features=GUIDANCE_FEATURES, blank=True)
    dress = RichTextField("dress and appearance", features=GUIDANCE_FEATURES, blank=True)
    fasting = RichTextField(features=GUIDANCE_FEATURES, blank=True)
    festivals = RichTextField("festivals and holy days", features=GUIDANCE_FEATURES, blank=True)
    planning = RichTextField(
        "planning rotas and training",
        features=GUIDANCE_FEATURES,
        blank=True,
        help_text="What to consider when planning rotas, exams and teaching.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("key_beliefs"),
                FieldPanel("prayer"),
                FieldPanel("diet"),
                FieldPanel("dress"),
                FieldPanel("fasting"),
                FieldPanel("festivals"),
                FieldPanel("planning"),
            ],
            heading="Workplace guidance",
            help_text="Write for colleagues and managers. Leave a section blank if it does not "
            "apply; it will not be shown.",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("key_beliefs"),
        index.SearchField("planning"),
    ]

    parent_page_types = ["calendars.CalendarPage"]
    subpage_types = []

    GUIDANCE_SECTIONS = [
        ("key_beliefs", "Key beliefs and practices"),
        ("prayer", "Prayer"),
        ("diet", "Diet"),
        ("dress", "Dress and appearance"),
        ("fasting", "Fasting"),
        ("festivals", "Festivals and holy days"),
        ("planning", "Planning rotas and training"),
    ]

    class Meta:
        verbose_name = "faith or tradition"

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS or self.slug.isdigit():
            raise ValidationError(
                {"slug": f"'{self.slug}' is used by the calendar itself. Choose another slug."}
            )

    @property
    def guidance_sections(self):
        return [
            (label, getattr(self, field))
            for field, label in self.GUIDANCE_SECTIONS
            if getattr(self, field)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        calendar_page = self.get_parent().specific
        today = timezone.localdate()
        # A page previewed before its first save has no observances yet.
        observances = list(self.observances.order_by("name")) if self.pk else []
        upcoming = (
            Occurrence.objects.filter(observance__faith=self, end_date__gte=today).for_display()
            if self.pk
            else []
        )
        by_observance = {}
        for occurrence in upcoming:
            by_observance.setdefault(occurrence.observance_id, []).append(occurrence)
        for observance in observances:
            observance.upcoming = by_observance.get(observance.pk, [])[:3]
        observances.sort(
            key=lambda o: (o.upcoming[0].start_date if o.upcoming else datetime.date.max, o.name)
        )
        query = f"?{urlencode({'faith': self.slug})}"
        context.update(
            calendar_page=calendar_page,
            observances=observances,
            calendar_url=calendar_page.url + query,
            feed_links=calendar_page.feed_links(
                request, query, f"{calendar_page.title} ({self.title})"
            ),
            certainties=certainty_key(),
        )
        return context
