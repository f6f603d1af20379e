"""The two collections of resources.attachment_privacy: "Submissions", which only signed-in
users may see, and the public "Good practice documents".

Documents already below "Submissions" that a live page uses (those of items published before
this migration) go to "Good practice documents", so published items keep their documents.
"""

from django.db import migrations

# As wagtailcore.0059 does, the real model for its fix_tree: collections are kept in name order.
from wagtail.models import Collection as CollectionTree

AWAITING_PUBLICATION = "Submissions"
PUBLISHED_ATTACHMENTS = "Good practice documents"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP_LENGTH = 4  # django-treebeard's materialised path, as Wagtail's collections use it


def step(number):
    digits = ""
    while number:
        number, digit = divmod(number, len(ALPHABET))
        digits = ALPHABET[digit] + digits
    return digits.rjust(STEP_LENGTH, "0")


def root_child(Collection, root, name):
    existing = Collection.objects.filter(depth=2, name=name).first()
    if existing is not None:
        return existing
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    last = children.order_by("-path").values_list("path", flat=True).first()
    number = int(last[-STEP_LENGTH:], len(ALPHABET)) + 1 if last else 1
    child = Collection.objects.create(name=name, path=root.path + step(number), depth=2, numchild=0)
    root.numchild = children.count()
    root.save(update_fields=["numchild"])
    return child


def create_collections(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    awaiting = root_child(Collection, root, AWAITING_PUBLICATION)
    if not CollectionViewRestriction.objects.filter(collection=awaiting).exists():
        CollectionViewRestriction.objects.create(collection=awaiting, restriction_type="login")
    published = root_child(Collection, root, PUBLISHED_ATTACHMENTS)
    CollectionTree.fix_tree(fix_paths=True)
    awaiting.refresh_from_db()
    publish_documents_in_use(apps, awaiting, published)


def publish_documents_in_use(apps, awaiting, published):
    Collection = apps.get_model("wagtailcore", "Collection")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    ResourceDocument = apps.get_model("resources", "ResourceDocument")
    ResourcePageDocument = apps.get_model("resources", "ResourcePageDocument")
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    document_type = ContentType.objects.filter(app_label="resources", model="resourcedocument")
    document_type = document_type.first()
    below = Collection.objects.filter(path__startswith=awaiting.path)
    documents = ResourceDocument.objects.filter(collection__in=below)
    in_use = set(
        ResourcePageDocument.objects.filter(page__live=True).values_list("document", flat=True)
    )
    if page_type is not None and document_type is not None:
        live_pages = {str(pk) for pk in Page.objects.filter(live=True).values_list("pk", flat=True)}
        for document_id, page_id in ReferenceIndex.objects.filter(
            base_content_type=page_type, to_content_type=document_type
        ).values_list("to_object_id", "object_id"):
            if page_id in live_pages:
                in_use.add(int(document_id))
    documents.filter(pk__in=in_use).update(collection=published)


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0002_document_url_token"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_collections, migrations.RunPython.noop)]
