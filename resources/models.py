"""The site's own Wagtail document model.

It exists from the first migration because Wagtail cannot switch WAGTAILDOCS_DOCUMENT_MODEL
once documents have been uploaded. What the file itself says (its real format, its pages and
its text) is read by `resources.inspection` and kept here, so listings and search never open
the file again.
"""

from django.db import models

from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index


class ResourceDocument(AbstractDocument):
    description = models.TextField(
        blank=True,
        help_text="What the document is and who it is for, in a sentence or two.",
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

    admin_form_fields = (*Document.admin_form_fields, "description")

    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description"),
        index.SearchField("extracted_text"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"
        permissions = [("choose_document", "Can choose document")]
