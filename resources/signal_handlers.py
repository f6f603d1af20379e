from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from resources.models import ResourceDocument
from resources.tasks import METADATA_FIELDS, read_document_metadata


@receiver(post_save, sender=ResourceDocument)
def read_metadata_after_upload(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= set(METADATA_FIELDS):
        return  # the task's own save
    transaction.on_commit(lambda: read_document_metadata.enqueue(instance.pk))
