"""An item of good practice, the documents attached to it and its tags.

Its classifications (themes, regions, audiences, protected characteristics, status and
evaluation) are fields added from goodpractice.repository.classifications, which also says
how each is filtered, counted, exported and submitted.
"""

import re

from django.contrib.postgres.search import TrigramSimilarity
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q
from django.forms import CheckboxSelectMultiple
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from goodpractice.home.blocks import BodyBlock
from goodpractice.home.routing import CachedViewRestrictionsMixin
from goodpractice.repository.classifications import (
    CHOICES,
    CLASSIFICATIONS,
    TAGS,
    TERMS,
    Evaluation,
    ItemStatus,
    add_item_fields,
)
from goodpractice.repository.serializers import (
    AttachedDocumentSerializer,
    TagNamesField,
    TermSerializer,
    consented,
)

# What a result, a feed entry and an item's address need: nothing else is read for them.
RESULT_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "live",
    "locale_id",
    "content_type_id",
    "summary",
    "first_published_at",
    "last_published_at",
)
STOP_WORDS = {"with", "from", "that", "this", "their", "there", "about", "which", "into"}


class GoodPracticeItemQuerySet(PageQuerySet):
    def published_in(self, repository):
        """The live items of one repository."""
        return self.live().child_of(repository)

    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")

    def for_results(self, ids):
        """The live items with these ids, with only what a result, a card, a feed entry or an
        address shows (in any order: the caller puts them in its own)."""
        return self.live().filter(pk__in=ids).only(*RESULT_FIELDS)

    def attaching(self, document):
        """Items that list `document` among their attached documents."""
        return self.filter(documents__document=document).distinct()

    def similar_to(self, title, summary="", limit=5):
        """Live items that look like a new submission, most similar first.

        PostgreSQL ranks by trigram similarity of the title (pg_trgm, installed by submissions
        migration 0002); other databases fall back to items sharing a significant word of the
        title.
        """
        items = self.live().defer_streamfields()
        if connection.vendor == "postgresql":
            return list(
                items.annotate(
                    similarity=TrigramSimilarity("title", title)
                    + TrigramSimilarity("summary", summary) * 0.5
                )
                .filter(similarity__gt=0.3)
                .order_by("-similarity", "title")[:limit]
            )
        words = {word for word in re.findall(r"[\w']+", title.lower()) if len(word) > 3}
        words -= STOP_WORDS
        if not words:
            return []
        query = Q()
        for word in words:
            query |= Q(title__icontains=word)
        candidates = list(items.filter(query)[:100])
        for item in candidates:
            item_words = set(re.findall(r"[\w']+", item.title.lower()))
            item.similarity = len(words & item_words) / len(words)
        candidates = [item for item in candidates if item.similarity >= 0.5]
        candidates.sort(key=lambda item: (-item.similarity, item.title))
        return candidates[:limit]


GoodPracticeItemManager = PageManager.from_queryset(GoodPracticeItemQuerySet)


class GoodPracticeItemTag(TaggedItemBase):
    content_object = ParentalKey(
        "repository.GoodPracticeItemPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class GoodPracticeItemDocument(Orderable):
    """A document attached to an item (a guide, a report, slides) and listed on its page."""

    item = ParentalKey(
        "repository.GoodPracticeItemPage", on_delete=models.CASCADE, related_name="documents"
    )
    document = models.ForeignKey(
        "resources.ResourceDocument", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "attached document"


class GoodPracticeItemPage(CachedViewRestrictionsMixin, Page):
    """One initiative a regional team ran, written up so that others can learn from it."""

    Status = ItemStatus
    Evaluation = Evaluation

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
    tags = ClusterTaggableManager(
        through=GoodPracticeItemTag,
        blank=True,
        help_text="Short keywords that help people find it, e.g. 'induction', 'bystander'.",
    )
    learners_reached = models.PositiveIntegerField(
        null=True, blank=True, help_text="Only a number the team reported. Leave blank if unknown."
    )
    contact_name = models.CharField("lead contact name", max_length=150, blank=True)
    contact_role = models.CharField("lead contact role", max_length=150, blank=True)
    contact_organisation = models.CharField("lead contact organisation", max_length=200, blank=True)
    contact_email = models.EmailField(
        "lead contact email",
        blank=True,
        help_text="Only an address the lead contact agreed to publish: it is kept here for "
        "the site, not for the quality team (the submission keeps the submitter's address).",
    )
    show_contact_details = models.BooleanField(
        "show the name, role and organisation on the site",
        default=False,
        help_text="Tick only if the lead contact has agreed to be named as the contact.",
    )
    show_contact_email = models.BooleanField(
        "show the email address on the site",
        default=False,
        help_text="Tick only if the lead contact has agreed to their email being published.",
    )
    key_learning = models.TextField(
        blank=True,
        help_text="What the team would tell another region starting out: what worked, what "
        "they would do differently. Plain text; leave blank if the team did not say.",
    )
    transferability = models.TextField(
        blank=True,
        help_text="How another region or organisation could adopt it: what it depends on and "
        "what they would need to change. Plain text.",
    )
    costs = models.TextField(
        blank=True,
        help_text="What it took to run: money, staff time, venues, licences. Only what the team "
        "reported. Plain text.",
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
            [FieldPanel("key_learning"), FieldPanel("transferability"), FieldPanel("costs")],
            heading="Learning for others",
            help_text="Optional, as NICE Shared Learning asks: each is shown on the page only "
            "when filled in.",
        ),
        MultiFieldPanel(
            [
                *(
                    FieldPanel(classification.field_name, widget=CheckboxSelectMultiple)
                    for classification in TERMS
                ),
                FieldPanel("tags"),
            ],
            heading="Classification",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel(classification.field_name) for classification in CHOICES]
                ),
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
                FieldPanel("show_contact_details"),
                FieldPanel("contact_email"),
                FieldPanel("show_contact_email"),
            ],
            heading="Lead contact",
            help_text="Shown on the site only with the lead contact's consent (docs/privacy.md).",
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
        *(
            index.RelatedFields(classification.field_name, [index.SearchField("name")])
            for classification in CLASSIFICATIONS
            if classification.searched
        ),
        *(index.FilterField(classification.field_name) for classification in CHOICES),
        index.FilterField("first_published_at"),
    ]

    # Wagtail's read-only API (goodpractice.repository.api): what is public, and no more.
    api_fields = [
        APIField("summary"),
        APIField("body"),
        *(
            APIField(
                classification.field_name,
                serializer={"terms": TermSerializer(many=True), "tags": TagNamesField()}.get(
                    classification.kind
                ),
            )
            for classification in CLASSIFICATIONS
        ),
        APIField("key_learning"),
        APIField("transferability"),
        APIField("costs"),
        APIField("learners_reached"),
        APIField("date_started"),
        APIField("last_reviewed"),
        APIField("contact_name", serializer=consented("public_contact_name")),
        APIField("contact_role", serializer=consented("public_contact_role")),
        APIField("contact_organisation", serializer=consented("public_contact_organisation")),
        APIField("public_contact_email"),
        APIField("documents", serializer=AttachedDocumentSerializer(many=True)),
    ]

    objects = GoodPracticeItemManager()

    parent_page_types = ["repository.GoodPracticeIndexPage"]
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
    def public_contact_name(self):
        return self.contact_name if self.show_contact_details else ""

    @property
    def public_contact_role(self):
        return self.contact_role if self.show_contact_details else ""

    @property
    def public_contact_organisation(self):
        return self.contact_organisation if self.show_contact_details else ""

    @property
    def updated_after_publication(self):
        """Published again on a later day than first: the page then says when it was last
        updated (the same day twice would read as noise)."""
        first, last = self.first_published_at, self.last_published_at
        return bool(first and last and timezone.localdate(last) > timezone.localdate(first))

    @property
    def review_overdue(self):
        return bool(self.review_due and self.review_due < timezone.localdate())

    def get_context(self, request, *args, **kwargs):
        """The item's documents, a summary row per classification (each theme and region
        linked to its page in the repository), its tags (each linked to the repository
        filtered by it) and the related items its repository finds.

        A live item's terms and tags come from the repository's facet index, without a
        query; a preview or a draft reads them from the database."""
        context = super().get_context(request, *args, **kwargs)
        repository = self.get_parent().specific
        context["documents"] = [
            attached.document for attached in self.documents.select_related("document")
        ]
        indexed = None
        if self.live and not getattr(request, "is_preview", False):
            indexed = repository.indexed_classification(self)
        from_index = indexed is not None
        if not from_index:
            indexed = self._classification_from_database(repository)
        rows = []
        for classification in TERMS:
            terms = indexed[classification.field_name]
            context[classification.field_name] = terms
            rows.append(
                {
                    "heading": classification.heading(len(terms)),
                    "terms": terms,
                    "linked": classification.has_pages,
                }
            )
        for classification in CHOICES:
            value = getattr(self, f"get_{classification.field_name}_display")()
            rows.append({"heading": classification.heading(1), "value": value})
        context.update(
            repository=repository,
            # Printed under the item, where a reader on paper cannot follow its links.
            print_address=request.build_absolute_uri(self.get_url(request) or ""),
            classification_rows=rows,
            tags=indexed[TAGS.field_name],
            related_items=repository.related_items(self, context, kept=from_index),
        )
        return context

    def _classification_from_database(self, repository):
        found = {}
        for classification in TERMS:
            terms = list(getattr(self, classification.field_name).all())
            for term in terms:
                term.url = repository.url_for_term(term) if classification.has_pages else ""
            found[classification.field_name] = terms
        tags = sorted(self.tags.all(), key=lambda tag: tag.name.casefold())
        for tag in tags:
            tag.url = repository.url_for_tag(tag.slug)
        found[TAGS.field_name] = tags
        return found


add_item_fields(GoodPracticeItemPage)


__all__ = [
    "RESULT_FIELDS",
    "GoodPracticeItemDocument",
    "GoodPracticeItemPage",
    "GoodPracticeItemQuerySet",
    "GoodPracticeItemTag",
]
