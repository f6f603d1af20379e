"""The resource library: a filterable index page and one page per resource."""

from urllib.parse import quote, urlencode

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, Count, IntegerField, Prefetch, When
from django.forms import CheckboxSelectMultiple

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from goodpractice.home.blocks import BodyBlock
from goodpractice.home.models import IntroductionMixin
from goodpractice.home.routing import CachedViewRestrictionsMixin
from resources.choices import DocumentType
from resources.filters import ResourceFilterForm

from .documents import attach_other_formats

RESOURCES_PER_PAGE = 10


class ResourcePageQuerySet(PageQuerySet):
    def for_listing(self):
        """Everything a result in the library shows, fetched in a fixed number of queries."""
        return self.defer_streamfields().prefetch_related(
            "audiences",
            "topics",
            Prefetch(
                "resource_documents",
                queryset=ResourcePageDocument.objects.select_related("document"),
            ),
        )

    def filter_by(self, *, types=(), formats=(), audiences=(), topics=()):
        """Resources matching any chosen value of each filter, and every filter given."""
        queryset = self
        if types:
            queryset = queryset.filter(document_type__in=types)
        if formats:
            queryset = queryset.filter(
                pk__in=ResourcePageDocument.objects.filter(
                    document__detected_format__in=formats
                ).values("page")
            )
        if audiences:
            queryset = queryset.filter(
                pk__in=ResourcePage.audiences.through.objects.filter(audience__in=audiences).values(
                    "resourcepage"
                )
            )
        if topics:
            queryset = queryset.filter(
                pk__in=ResourcePage.topics.through.objects.filter(theme__in=topics).values(
                    "resourcepage"
                )
            )
        return queryset

    def in_order(self, ids):
        """Only the pages in `ids`, in that order (search results by relevance)."""
        ordering = Case(
            *[When(pk=pk, then=position) for position, pk in enumerate(ids)],
            output_field=IntegerField(),
        )
        return self.filter(pk__in=ids).order_by(ordering)

    def type_counts(self):
        rows = self.order_by().values("document_type").annotate(n=Count("pk"))
        return {row["document_type"]: row["n"] for row in rows}

    def format_counts(self):
        rows = (
            ResourcePageDocument.objects.filter(page__in=self.order_by().values("pk"))
            .values("document__detected_format")
            .annotate(n=Count("page", distinct=True))
            .order_by()
        )
        return {row["document__detected_format"]: row["n"] for row in rows}

    def audience_counts(self):
        return self._m2m_counts(ResourcePage.audiences.through, "audience")

    def topic_counts(self):
        return self._m2m_counts(ResourcePage.topics.through, "theme")

    def _m2m_counts(self, through, term_field):
        rows = (
            through.objects.filter(resourcepage__in=self.order_by().values("pk"))
            .values(term_field)
            .annotate(n=Count("resourcepage", distinct=True))
            .order_by()
        )
        return {row[term_field]: row["n"] for row in rows}


class ResourceIndexPage(CachedViewRestrictionsMixin, IntroductionMixin, Page):
    """The resource library: every published resource, with filters and a search box."""

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ResourcePage"]
    max_count = 1

    class Meta:
        verbose_name = "resource library"

    def resources(self):
        return ResourcePage.objects.live().public().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ResourceFilterForm(request.GET or None, searchable=ResourcePage.objects.live())
        results = form.results(self.resources())
        page = Paginator(results, RESOURCES_PER_PAGE).get_page(request.GET.get("page"))
        context.update(
            form=form,
            facets=form.facets(self.resources()),
            resources=page,
            library_url=self.url,
        )
        return context


class ResourcePageDocument(Orderable):
    """A document of a resource. Its other formats are offered with it automatically."""

    page = ParentalKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="resource_documents"
    )
    document = models.ForeignKey(
        "resources.ResourceDocument", on_delete=models.CASCADE, related_name="resource_pages"
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "document"


class ResourcePage(CachedViewRestrictionsMixin, Page):
    """One resource (a guide, a form, a report) with its documents and who to ask about it."""

    description = models.TextField(
        max_length=400,
        help_text="What the resource is and why someone would use it, in one to three plain "
        "sentences. Shown in the library and in search results.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text="Optional: more about the resource, e.g. how to use it.",
    )
    document_type = models.CharField(
        "type", max_length=20, choices=DocumentType.choices, help_text="Used by the filters."
    )
    audiences = ParentalManyToManyField(
        "classification.Audience",
        related_name="resource_pages",
        blank=True,
        verbose_name="who it is for",
    )
    topics = ParentalManyToManyField(
        "classification.Theme",
        related_name="resource_pages",
        blank=True,
        help_text="The good-practice themes this resource supports.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When the owning team last checked it is still right."
    )
    owning_team = models.CharField(
        max_length=150, help_text="The team that looks after this resource, e.g. 'Quality team'."
    )
    team_email = models.EmailField(
        help_text="Where requests for an accessible format (large print, easy read, audio) go."
    )

    objects = PageManager.from_queryset(ResourcePageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        InlinePanel("resource_documents", heading="Documents", label="Document", min_num=1),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("document_type"),
                FieldPanel("audiences", widget=CheckboxSelectMultiple),
                FieldPanel("topics", widget=CheckboxSelectMultiple),
                FieldPanel("last_reviewed"),
            ],
            heading="Classification",
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("owning_team"), FieldPanel("team_email")])],
            heading="Owning team",
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("description", boost=2),
        index.AutocompleteField("description"),
        index.SearchField("body"),
        index.FilterField("document_type"),
        index.RelatedFields("audiences", [index.SearchField("name")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields(
            "resource_documents",
            [
                index.RelatedFields(
                    "document",
                    [
                        index.SearchField("title"),
                        index.SearchField("description"),
                        index.SearchField("extracted_text"),
                    ],
                )
            ],
        ),
    ]

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "resource"

    @property
    def formats(self):
        """The format labels of the attached documents, in order, without repeats."""
        labels = [attached.document.format_label for attached in self.resource_documents.all()]
        return list(dict.fromkeys(labels))

    @property
    def accessible_format_mailto(self):
        """A mailto link to the owning team, its subject naming this resource."""
        query = urlencode(
            {
                "subject": f"Accessible format request: {self.title}",
                "body": f"Please send me “{self.title}” in an accessible format.\n\n"
                "The format I need (for example large print, easy read, audio or braille):\n\n"
                f"Page: {self.full_url or ''}\n",
            },
            quote_via=quote,
        )
        return f"mailto:{quote(self.team_email, safe='@')}?{query}"

    def document_groups(self):
        """Each attached document once, with its other formats, even ones not attached here."""
        documents = [
            attached.document for attached in self.resource_documents.select_related("document")
        ]
        attach_other_formats(documents)
        shown, groups = set(), []
        for document in documents:
            if document.pk in shown:
                continue
            groups.append(document)
            shown.add(document.pk)
            shown.update(other.pk for other in document.other_formats)
        return groups

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        library = self.get_parent().specific
        context.update(
            library=library,
            documents=self.document_groups(),
            audiences=list(self.audiences.all()),
            topics=list(self.topics.all()),
        )
        return context
