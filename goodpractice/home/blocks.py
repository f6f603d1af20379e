"""The one list of StreamField blocks that every page body shares.

NHS.UK components (inset text, warning callout, action link, details, image, table) come
from wagtail-nhsuk-frontend; the few blocks here fill the gaps it leaves (headings that
feed a consistent outline, links with an explicit label, document links, lists of related
documents). Documents are whatever WAGTAILDOCS_DOCUMENT_MODEL names (resources.ResourceDocument
here), reached through Wagtail's get_document_model(), so these blocks need no other app.
"""

from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock

from wagtailnhsukfrontend.blocks import (
    ActionLinkBlock,
    DetailsBlock,
    ImageBlock,
    InsetTextBlock,
    TableBlock,
    WarningCalloutBlock,
)

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading (level 2)"), ("h3", "Subheading (level 3)")],
        default="h2",
        help_text="Level 2 for sections, level 3 inside a section, so headings stay in order.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, label="External URL")
    text = blocks.CharBlock(
        max_length=200, help_text="Say where the link goes, e.g. 'Read the study leave policy'."
    )

    def clean(self, value):
        cleaned = super().clean(value)
        if bool(cleaned["page"]) == bool(cleaned["url"]):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": blocks.BlockValidationError("Choose a page or enter a URL, not both.")
                }
            )
        return cleaned

    class Meta:
        icon = "link"
        template = "blocks/link_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    text = blocks.CharBlock(
        max_length=200, required=False, help_text="Leave blank to use the document's title."
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"


def file_format(document):
    return getattr(document, "file_format", None) or document.file_extension.lower()


def format_label(document):
    return getattr(document, "format_label", None) or file_format(document).upper()


class RelatedDocumentsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=100,
        default="Related documents",
        help_text="Shown as a section heading (level 2).",
    )
    documents = blocks.ListBlock(DocumentChooserBlock(), min_num=1)
    group_by_format = blocks.BooleanBlock(
        required=False,
        default=True,
        help_text="List PDF, PowerPoint, Word and other documents under their own subheadings.",
    )

    class Meta:
        icon = "doc-full-inverse"
        label = "Related documents"
        template = "blocks/related_documents_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # A deleted document leaves None in the list; skip it rather than break the page.
        documents = [document for document in value["documents"] if document is not None]
        # Formats listed in this block need not be offered again as alternatives.
        attach = getattr(get_document_model(), "attach_other_formats", None)
        if attach is not None:  # the site's document model knows a document's other formats
            attach(documents, exclude=documents)
        groups = {}
        if value["group_by_format"]:
            for document in documents:
                groups.setdefault(file_format(document), []).append(document)
            context["groups"] = [
                {"heading": f"{format_label(docs[0])} documents", "documents": docs}
                for docs in groups.values()
            ]
        else:
            context["groups"] = [{"heading": "", "documents": documents}]
        return context


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    inset_text = InsetTextBlock(label="Call-out (inset text)")
    warning_callout = WarningCalloutBlock(label="Warning call-out")
    action_link = ActionLinkBlock()
    link = LinkBlock()
    document = DocumentLinkBlock()
    related_documents = RelatedDocumentsBlock()
    image = ImageBlock()
    details = DetailsBlock(label="Expandable details")
    table = TableBlock()
