"""The "Related documents" block that any page body can use (goodpractice.blocks.BodyBlock)."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


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
        from resources.models import FORMAT_LABELS, attach_other_formats

        context = super().get_context(value, parent_context=parent_context)
        # A deleted document leaves None in the list; skip it rather than break the page.
        documents = [document for document in value["documents"] if document is not None]
        # Formats listed in this block need not be offered again as alternatives.
        attach_other_formats(documents, exclude=documents)
        groups = {}
        if value["group_by_format"]:
            for document in documents:
                groups.setdefault(document.file_format, []).append(document)
            context["groups"] = [
                {"heading": f"{FORMAT_LABELS.get(fmt, fmt.upper())} documents", "documents": docs}
                for fmt, docs in groups.items()
            ]
        else:
            context["groups"] = [{"heading": "", "documents": documents}]
        return context
