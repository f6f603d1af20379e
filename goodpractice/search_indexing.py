"""Keeps an item's search entry in step with the text of the documents attached to it.

A document's text is read in the background after upload (resources.tasks), usually after
the item that attaches it was saved and indexed; when the text arrives, those items are
indexed again so that a phrase found only inside an attached guide finds the item.
"""

import logging

from django.dispatch import receiver

from wagtail.search import index

from goodpractice.models import GoodPracticeItemPage
from resources.tasks import document_text_extracted

logger = logging.getLogger(__name__)


@receiver(document_text_extracted)
def reindex_items_attaching(sender, document, **kwargs):
    items = GoodPracticeItemPage.objects.filter(documents__document=document).distinct()
    for item in items:
        index.insert_or_update_object(item)
        logger.info("Reindexed item %s for the text of document %s", item.pk, document.pk)
