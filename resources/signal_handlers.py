from django.db import transaction
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from wagtail.search import index
from wagtail.signals import page_published, page_unpublished

from resources import attachment_privacy
from resources.models import ResourceDocument, ResourcePage
from resources.tasks import METADATA_FIELDS, document_text_extracted, read_document_metadata


@receiver(post_save, sender=ResourceDocument)
def read_metadata_after_upload(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= {*METADATA_FIELDS, "collection"}:
        return  # the task's own save, or a document moved (resources.attachment_privacy)
    transaction.on_commit(lambda: read_document_metadata.enqueue(instance.pk))


@receiver(document_text_extracted)
def reindex_resources_using_document(sender, document, **kwargs):
    """A resource is found by the words in its documents, so reindex it once they are read."""
    for page in ResourcePage.objects.filter(resource_documents__document=document).distinct():
        index.insert_or_update_object(page)


@receiver(pre_delete, sender=ResourceDocument)
def keep_other_formats_together(sender, instance, **kwargs):
    """Deleting a group's main document makes its first alternative the main one."""
    alternatives = list(instance.alternatives.order_by("pk").values_list("pk", flat=True))
    if alternatives:
        new_main, *others = alternatives
        ResourceDocument.objects.filter(pk__in=others).update(alternative_of=new_main)
        ResourceDocument.objects.filter(pk=new_main).update(alternative_of=None)


page_published.connect(
    attachment_privacy.page_published, dispatch_uid="attachment-privacy-published"
)
page_unpublished.connect(
    attachment_privacy.page_unpublished, dispatch_uid="attachment-privacy-unpublished"
)
