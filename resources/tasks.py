"""Reading a document's format, pages and text in the background after it is saved.

Extraction can be slow (a long PDF) and can fail (a damaged file): neither may hold up or
block an upload or a publish, so it runs as a task after the transaction commits, and a
failure is logged and leaves the document searchable by its title and description.
"""

import logging

from django.core.exceptions import ValidationError
from django.dispatch import Signal

from wagtail.search import index

from django_tasks import task

from resources.inspection import ALL_FORMATS, ExtractionError, extract_text, inspect_bytes
from resources.models import ResourceDocument

logger = logging.getLogger(__name__)

# Sent after a document's text has been read, so pages that attach it can reindex themselves.
document_text_extracted = Signal()

METADATA_FIELDS = ("detected_format", "page_count", "extracted_text")


@task()
def read_document_metadata(document_id):
    document = ResourceDocument.objects.filter(pk=document_id).first()
    if document is None:
        return
    claimed = document.file_extension.lower()
    try:
        with document.open_file() as file:
            data = file.read()
        inspection = inspect_bytes(data, claimed if claimed in ALL_FORMATS else "")
        document.detected_format = inspection.format
        document.page_count = inspection.page_count
        with document.open_file() as file:
            document.extracted_text = extract_text(file, inspection.format)
    except (ValidationError, ExtractionError, OSError) as error:
        logger.warning("Could not read document %s (%s): %s", document.pk, document.title, error)
    document.save(update_fields=METADATA_FIELDS)
    index.insert_or_update_object(document)
    document_text_extracted.send(sender=ResourceDocument, document=document)
