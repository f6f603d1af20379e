"""The site's page types: home, general content, the repository index and its items."""

from django.core.exceptions import ValidationError
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase

from goodpractice import facet_index
from goodpractice.blocks import BodyBlock
from goodpractice.serializers import AttachedDocumentSerializer, TermSerializer

from .taxonomy import Region, Theme


class IntroductionMixin(models.Model):
    """A short plain-text lead paragraph, shown under the page's main heading."""

    introduction = models.TextField(
        blank=True,
        max_length=600,
        help_text="One or two sentences that say what this page is for. Plain text.",
    )

    class Meta:
        abstract = True


class HomePage(IntroductionMixin, Page):
    """The site's front page: what the repository is, its themes and its newest items."""

    body = StreamField(BodyBlock(), blank=True, help_text="Optional content below the themes.")

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "goodpractice.ContentPage",
        "goodpractice.GoodPracticeIndexPage",
        "resources.ResourceIndexPage",
        "goodpractice.SubmitGoodPracticePage",
        "calendars.CalendarPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    @cached_property
    def repository(self):
        return GoodPracticeIndexPage.objects.live().descendant_of(self).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from goodpractice.search import fetch_results

        index = facet_index.get_index(self.repository) if self.repository else None
        themes = facet_index.with_counts(list(Theme.objects.all()), "theme", index)
        if self.repository:
            for theme in themes:
                theme.url = self.repository.url_for_term(theme)
        context["repository"] = self.repository
        context["themes"] = themes
        context["newest_items"] = fetch_results(index, index.ids[:6]) if index else []
        return context


class ContentPage(IntroductionMixin, Page):
    """A general page of headings, text, call-outs, links, documents and images."""

    body = StreamField(BodyBlock(), help_text="The page's content, in order.")

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["goodpractice.HomePage", "goodpractice.ContentPage"]
    subpage_types = ["goodpractice.ContentPage"]

    class Meta:
        verbose_name = "content page"


class GoodPracticeIndexPage(RoutablePageMixin, IntroductionMixin, Page):
    """The repository: every published item, searchable and filterable, with a page per theme
    and per region, feeds, open-data downloads and a coverage grid (see docs/search.md)."""

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["goodpractice.HomePage"]
    subpage_types = ["goodpractice.GoodPracticeItemPage"]
    max_count = 1

    class Meta:
        verbose_name = "good practice repository"

    def url_for_term(self, term):
        """The listing of one theme or region, e.g. /good-practice/themes/<slug>/."""
        return self.url + self.reverse_subpage(
            f"{term.url_prefix}_detail", kwargs={"slug": term.slug}
        )

    def url_for_route(self, name):
        return self.url + self.reverse_subpage(name)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        routes = [self.reverse_subpage(name) for name in ("themes_list", "regions_list")]
        routes.append(self.reverse_subpage("coverage"))
        for model in (Theme, Region):
            routes += [
                self.reverse_subpage(f"{model.url_prefix}_detail", kwargs={"slug": slug})
                for slug in model.objects.values_list("slug", flat=True)
            ]
        return urls + [{"location": base + route} for route in routes]

    # The discovery views live in goodpractice.discovery, which imports the models.
    @path("", name="index")
    def index_route(self, request):
        from goodpractice.discovery import search_view

        return search_view(self, request)

    @path("themes/", name="themes_list")
    def themes_list(self, request):
        return self._term_list(request, Theme)

    @path("regions/", name="regions_list")
    def regions_list(self, request):
        return self._term_list(request, Region)

    @path("themes/<slug:slug>/", name="themes_detail")
    def theme_detail(self, request, slug):
        from goodpractice.discovery import term_view

        return term_view(self, request, get_object_or_404(Theme, slug=slug), facet="theme")

    @path("regions/<slug:slug>/", name="regions_detail")
    def region_detail(self, request, slug):
        from goodpractice.discovery import term_view

        return term_view(self, request, get_object_or_404(Region, slug=slug), facet="region")

    @path("coverage/", name="coverage")
    def coverage(self, request):
        from goodpractice.discovery import coverage_view

        return coverage_view(self, request)

    @path("feed/", name="feed_atom")
    def feed_atom(self, request):
        from goodpractice.feeds import AtomItemsFeed

        return AtomItemsFeed(self)(request)

    @path("feed/rss/", name="feed_rss")
    def feed_rss(self, request):
        from goodpractice.feeds import RssItemsFeed

        return RssItemsFeed(self)(request)

    @path("download/csv/", name="export_csv")
    def export_csv(self, request):
        from goodpractice.exports import csv_response

        return csv_response(self, request)

    @path("download/json/", name="export_json")
    def export_json(self, request):
        from goodpractice.exports import json_response

        return json_response(self, request)

    @path("autocomplete/", name="autocomplete")
    def autocomplete(self, request):
        from goodpractice.discovery import autocomplete_view

        return autocomplete_view(self, request)

    def _term_list(self, request, model):
        key = "theme" if model is Theme else "region"
        terms = facet_index.with_counts(list(model.objects.all()), key, facet_index.get_index(self))
        for term in terms:
            term.url = self.url_for_term(term)
        return self.render(
            request,
            template="goodpractice/term_list.html",
            context_overrides={
                "terms": terms,
                "heading": model._meta.verbose_name_plural.capitalize(),
                "breadcrumbs_extra": [{"title": self.title, "url": self.url}],
            },
        )


class GoodPracticeItemTag(TaggedItemBase):
    content_object = ParentalKey(
        "goodpractice.GoodPracticeItemPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class GoodPracticeItemDocument(Orderable):
    """A document attached to an item (a guide, a report, slides) and listed on its page."""

    item = ParentalKey(
        "goodpractice.GoodPracticeItemPage", on_delete=models.CASCADE, related_name="documents"
    )
    document = models.ForeignKey(
        "resources.ResourceDocument", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "attached document"


class GoodPracticeItemPage(Page):
    """One initiative a regional team ran, written up so that others can learn from it."""

    class Status(models.TextChoices):
        PILOT = "pilot", "Pilot"
        EMBEDDED = "embedded", "Embedded"
        ENDED = "ended", "Ended"

    class Evaluation(models.TextChoices):
        NONE = "none", "Not evaluated"
        INFORMAL = "informal", "Informal evaluation"
        FORMAL = "formal", "Formal evaluation"
        PUBLISHED = "published", "Published evaluation"

    summary = models.TextField(
        max_length=400,
        help_text="What the initiative is, in one to three plain sentences (400 characters at "
        "most). Shown on cards and in search results.",
    )
    body = StreamField(
        BodyBlock(),
        help_text="Tell the story under the headings 'The problem', 'What was done' and "
        "'Outcomes and impact'.",
    )
    themes = ParentalManyToManyField(
        Theme, related_name="items", help_text="Choose at least one theme."
    )
    regions = ParentalManyToManyField(
        Region,
        related_name="items",
        help_text="Every region that ran it: an item shared by two regions belongs to both.",
    )
    tags = ClusterTaggableManager(
        through=GoodPracticeItemTag,
        blank=True,
        help_text="Short keywords that help people find it, e.g. 'induction', 'bystander'.",
    )
    audiences = ParentalManyToManyField(
        "goodpractice.Audience",
        related_name="items",
        blank=True,
        help_text="Who the initiative is for.",
    )
    protected_characteristics = ParentalManyToManyField(
        "goodpractice.ProtectedCharacteristic",
        related_name="items",
        blank=True,
        verbose_name="protected characteristics addressed",
        help_text="The protected characteristics (Equality Act 2010) this work addresses.",
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        blank=True,
        help_text="Leave blank if the team has not said.",
    )
    evaluation = models.CharField(
        max_length=20,
        choices=Evaluation.choices,
        blank=True,
        help_text="How the initiative has been evaluated. Leave blank if the team has not said.",
    )
    learners_reached = models.PositiveIntegerField(
        null=True, blank=True, help_text="Only a number the team reported. Leave blank if unknown."
    )
    contact_name = models.CharField("lead contact name", max_length=150, blank=True)
    contact_role = models.CharField("lead contact role", max_length=150, blank=True)
    contact_organisation = models.CharField("lead contact organisation", max_length=200, blank=True)
    contact_email = models.EmailField("lead contact email", blank=True)
    show_contact_email = models.BooleanField(
        "show the email address on the site",
        default=False,
        help_text="Tick only if the lead contact has agreed to their email being published.",
    )
    date_started = models.DateField(null=True, blank=True)
    last_reviewed = models.DateField(null=True, blank=True)
    review_due = models.DateField(
        null=True, blank=True, help_text="When the quality team should next check this item."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=CheckboxSelectMultiple),
                FieldPanel("regions", widget=CheckboxSelectMultiple),
                FieldPanel("audiences", widget=CheckboxSelectMultiple),
                FieldPanel("protected_characteristics", widget=CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading="Classification",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("evaluation")]),
                FieldPanel("learners_reached"),
                FieldRowPanel(
                    [
                        FieldPanel("date_started"),
                        FieldPanel("last_reviewed"),
                        FieldPanel("review_due"),
                    ]
                ),
            ],
            heading="Status and evidence",
        ),
        InlinePanel("documents", heading="Attached documents", label="Document"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_role")]),
                FieldPanel("contact_organisation"),
                FieldPanel("contact_email"),
                FieldPanel("show_contact_email"),
            ],
            heading="Lead contact",
        ),
    ]

    # Title above summary above body above attached documents: the boosts map onto
    # PostgreSQL's weights A-D, which are shared by every indexed model (Wagtail's documents
    # use 10); title is listed again with boost 10 so it outweighs Page's boost 2 (see
    # docs/search.md, "Ranking").
    search_fields = [
        *Page.search_fields,
        index.SearchField("title", boost=10),
        index.SearchField("summary", boost=7),
        index.SearchField("body", boost=4),
        index.RelatedFields(
            "documents",
            [
                index.RelatedFields(
                    "document",
                    [
                        index.SearchField("title", boost=1),
                        index.SearchField("description", boost=1),
                        index.SearchField("extracted_text", boost=1),
                    ],
                )
            ],
        ),
        index.AutocompleteField("summary"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("regions", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("status"),
        index.FilterField("evaluation"),
        index.FilterField("first_published_at"),
    ]

    # Wagtail's read-only API (goodpractice.api): what is public on the page, and no more.
    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("themes", serializer=TermSerializer(many=True)),
        APIField("regions", serializer=TermSerializer(many=True)),
        APIField("tags"),
        APIField("audiences", serializer=TermSerializer(many=True)),
        APIField("protected_characteristics", serializer=TermSerializer(many=True)),
        APIField("status"),
        APIField("evaluation"),
        APIField("learners_reached"),
        APIField("date_started"),
        APIField("last_reviewed"),
        APIField("contact_name"),
        APIField("contact_role"),
        APIField("contact_organisation"),
        APIField("public_contact_email"),
        APIField("documents", serializer=AttachedDocumentSerializer(many=True)),
    ]

    parent_page_types = ["goodpractice.GoodPracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "good practice item"

    def clean(self):
        super().clean()
        errors = {}
        if self.last_reviewed and self.date_started and self.last_reviewed < self.date_started:
            errors["last_reviewed"] = "The last review cannot be before the date it started."
        if self.review_due and self.last_reviewed and self.review_due < self.last_reviewed:
            errors["review_due"] = "The next review must be after the last one."
        if self.show_contact_email and not self.contact_email:
            errors["contact_email"] = "Enter the email address you have consent to show."
        if errors:
            raise ValidationError(errors)

    @property
    def public_contact_email(self):
        return self.contact_email if self.show_contact_email else ""

    @property
    def review_overdue(self):
        return bool(self.review_due and self.review_due < timezone.localdate())

    def related_items(self, repository, themes, regions, limit=3):
        """Other live items sharing a theme or region, those sharing most first, then newest
        (chosen from the facet index: a query over every item takes 0.5 s at 100,000)."""
        from goodpractice.search import fetch_results

        terms = [("theme", theme.slug) for theme in themes]
        terms += [("region", region.slug) for region in regions]
        index = facet_index.get_index(repository)
        return fetch_results(index, index.most_shared(terms, limit, exclude=[self.pk]))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        repository = self.get_parent().specific
        themes, regions = list(self.themes.all()), list(self.regions.all())
        context["documents"] = [
            attached.document for attached in self.documents.select_related("document")
        ]
        for term in themes + regions:
            term.url = repository.url_for_term(term)
        context.update(repository=repository, themes=themes, regions=regions)
        context["related_items"] = self.related_items(repository, themes, regions)
        return context


__all__ = [
    "ContentPage",
    "GoodPracticeIndexPage",
    "GoodPracticeItemDocument",
    "GoodPracticeItemPage",
    "GoodPracticeItemTag",
    "HomePage",
]
