"""The site's own Wagtail document model, and what it knows about each file.

It exists from the first migration because Wagtail cannot switch WAGTAILDOCS_DOCUMENT_MODEL
once documents have been uploaded. What the file itself says (its real format, its pages and
its text) is read by `resources.inspection` and kept here, so listings and search never open
the file again.

A document's address carries a random `url_token` beside its id
(`/documents/<id>/<token>/<filename>`, resources.downloads), so that the address of a document
nobody has been shown cannot be found by counting ids.

Alternative formats of one resource (the PDF guide and its Word version) form a group: every
alternative points at one main document. Editors set one field on the Word version and both
documents then offer each other, which a symmetric many-to-many would only do pairwise.
"""

import datetime
import secrets
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index

from resources.choices import FORMAT_LABELS, DocumentLanguage, DocumentType
from resources.inspection import ALL_FORMATS, PPTX


def new_url_token():
    return secrets.token_urlsafe(16)


def attach_other_formats(documents, exclude=()):
    """Give each document an `other_formats` list in one query, whatever the group sizes.

    `exclude` leaves out documents already shown alongside (a block that lists the Word
    version itself need not also offer it as an alternative).
    """
    documents = list(documents)
    group_ids = {document.group_id for document in documents}
    if not group_ids:
        return documents
    members_by_group = defaultdict(list)
    members = ResourceDocument.objects.filter(Q(pk__in=group_ids) | Q(alternative_of__in=group_ids))
    # The main document first, then the others in format order (PDF, Word, PowerPoint...).
    for member in sorted(
        members,
        key=lambda m: (m.alternative_of_id is not None, m.format_sort_key(m.file_format), m.pk),
    ):
        members_by_group[member.group_id].append(member)
    excluded = {document.pk for document in exclude}
    for document in documents:
        document.other_formats = [
            member
            for member in members_by_group[document.group_id]
            if member.pk != document.pk and member.pk not in excluded
        ]
    return documents


class ResourceDocument(AbstractDocument):
    description = models.TextField(
        blank=True,
        help_text="What the document is and who it is for, in a sentence or two.",
    )
    document_type = models.CharField(
        max_length=20,
        choices=DocumentType.choices,
        blank=True,
        help_text="What kind of document this is. Leave blank for anything else.",
    )
    audiences = models.ManyToManyField(
        "classification.Audience",
        related_name="documents",
        blank=True,
        help_text="Who the document is written for.",
    )
    language = models.CharField(
        max_length=5,
        choices=DocumentLanguage.choices,
        default=DocumentLanguage.ENGLISH,
        help_text="The language the document is written in.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When the owning team last checked it is still right."
    )
    alternative_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="alternatives",
        verbose_name="another format of",
        help_text="If this is another format of a document already uploaded (e.g. the Word "
        "version of a PDF guide), choose that document. Each then offers the other.",
    )
    detected_format = models.CharField(
        max_length=10,
        blank=True,
        editable=False,
        help_text="The format read from the file's content (not its name), e.g. 'pdf'.",
    )
    page_count = models.PositiveIntegerField(
        null=True, blank=True, editable=False, help_text="Pages, or slides for a presentation."
    )
    extracted_text = models.TextField(blank=True, editable=False)
    url_token = models.CharField(
        max_length=32,
        default=new_url_token,
        editable=False,
        help_text="The random part of the document's address, so that it cannot be guessed.",
    )

    admin_form_fields = (
        *Document.admin_form_fields,
        "description",
        "document_type",
        "audiences",
        "language",
        "last_reviewed",
        "alternative_of",
    )

    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description"),
        index.SearchField("extracted_text"),
        index.FilterField("document_type"),
        index.FilterField("detected_format"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"
        permissions = [("choose_document", "Can choose document")]

    def clean(self):
        super().clean()
        main = self.alternative_of
        if main is None:
            return
        if self.pk and main.pk == self.pk:
            raise ValidationError({"alternative_of": "A document cannot be a format of itself."})
        if main.alternative_of_id is not None:
            # Link to the group's main document, so groups never become chains.
            self.alternative_of = main = main.alternative_of
        if self.pk and main.pk == self.pk:
            raise ValidationError(
                {"alternative_of": "That document is already another format of this one."}
            )

    def save(self, *args, **kwargs):
        if self.file and self.file_size is None:
            # Documents made in code (demo content, submissions) get what the admin form sets.
            self._set_document_file_metadata()
        super().save(*args, **kwargs)
        if self.alternative_of_id is not None:
            # A main document that becomes an alternative brings its own alternatives along.
            ResourceDocument.objects.filter(alternative_of=self).update(
                alternative_of=self.alternative_of_id
            )

    @property
    def url(self):
        """Wagtail's serve view address with the token in it: `/documents/<id>/<token>/<name>`."""
        if getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) == "direct":
            return super().url
        return reverse("wagtaildocs_serve", args=[self.pk, f"{self.url_token}/{self.filename}"])

    @property
    def group_id(self):
        return self.alternative_of_id or self.pk

    @cached_property
    def other_formats(self):
        """The other formats of this document, main document first. See attach_other_formats."""
        attach_other_formats([self])
        return self.__dict__["other_formats"]

    @staticmethod
    def attach_other_formats(documents, exclude=()):
        """What the shared "Related documents" block asks of the site's document model."""
        return attach_other_formats(documents, exclude)

    @property
    def file_format(self):
        """The format read from the content, or the file name's until the file has been read."""
        return self.detected_format or self.file_extension.lower()

    @property
    def format_label(self):
        return FORMAT_LABELS.get(self.file_format, self.file_format.upper())

    @property
    def page_label(self):
        if not self.page_count:
            return ""
        noun = "slide" if self.file_format == PPTX else "page"
        return f"{self.page_count} {noun}{'' if self.page_count == 1 else 's'}"

    @property
    def size_and_pages(self):
        """E.g. '1.2 MB, 14 pages' (for an alternative already named by its format)."""
        parts = []
        if self.file_size:
            parts.append(filesizeformat(self.file_size).replace("\xa0", " "))
        if self.page_label:
            parts.append(self.page_label)
        return ", ".join(parts)

    @property
    def summary_line(self):
        """What a link says before you click it, e.g. 'PDF, 1.2 MB, 14 pages'."""
        return ", ".join(part for part in (self.format_label, self.size_and_pages) if part)

    @property
    def is_english(self):
        return self.language == DocumentLanguage.ENGLISH

    @staticmethod
    def format_sort_key(fmt):
        return ALL_FORMATS.index(fmt) if fmt in ALL_FORMATS else len(ALL_FORMATS)


class DocumentDownloadQuerySet(models.QuerySet):
    def totals_for(self, document, recent_days=30):
        """{"recent": downloads in the last `recent_days` days, "total": all downloads}."""
        since = timezone.localdate() - datetime.timedelta(days=recent_days - 1)
        totals = self.filter(document=document).aggregate(
            recent=Coalesce(Sum("count", filter=Q(date__gte=since)), 0),
            total=Coalesce(Sum("count"), 0),
        )
        return totals

    def record(self, document, day):
        """Count one download, safely under concurrent requests (no lost updates)."""
        counter = self.filter(document=document, date=day)
        if counter.update(count=models.F("count") + 1):
            return
        try:
            with transaction.atomic():
                self.create(document=document, date=day, count=1)
        except IntegrityError:
            # Another request created today's row between our update and create.
            counter.update(count=models.F("count") + 1)


class DocumentDownloadCount(models.Model):
    """How many times a document was downloaded on one day. Nothing about who downloaded it."""

    document = models.ForeignKey(
        ResourceDocument, on_delete=models.CASCADE, related_name="download_counts"
    )
    date = models.DateField()
    count = models.PositiveIntegerField(default=0)

    objects = DocumentDownloadQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "date"], name="one_download_count_a_day")
        ]
        indexes = [models.Index(fields=["date"])]
        verbose_name = "daily download count"

    def __str__(self):
        return f"{self.document} on {self.date}: {self.count}"
