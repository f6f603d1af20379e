"""The one list of StreamField blocks that every page body shares.

NHS.UK components (inset text, warning callout, action link, details, image, table) come
from wagtail-nhsuk-frontend; the few blocks here fill the gaps it leaves (headings that
feed a consistent outline, links with an explicit label, document links).
"""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from wagtailnhsukfrontend.blocks import (
    ActionLinkBlock,
    DetailsBlock,
    ImageBlock,
    InsetTextBlock,
    TableBlock,
    WarningCalloutBlock,
)

from resources.blocks import RelatedDocumentsBlock

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
