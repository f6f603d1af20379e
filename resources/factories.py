from django.core.files.base import ContentFile

import factory
import wagtail_factories

from resources.builders import build_pdf
from resources.models import (
    DocumentType,
    ResourceDocument,
    ResourceIndexPage,
    ResourcePage,
    ResourcePageDocument,
)


class ResourceDocumentFactory(wagtail_factories.DocumentFactory):
    """A document with a real one-page PDF; pass `file=` for other formats, `audiences=` terms."""

    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.LazyAttribute(
        lambda obj: ContentFile(build_pdf(obj.title, [("Demo", "Demo text.")]), name="document.pdf")
    )

    class Meta:
        model = ResourceDocument
        skip_postgeneration_save = True

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create and extracted:
            self.audiences.set(extracted)


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Resources"
    slug = "resources"
    introduction = factory.Faker("sentence")

    class Meta:
        model = ResourceIndexPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    """A resource; pass `documents=[...]` to attach documents, `audiences=`/`topics=` terms."""

    title = factory.Sequence(lambda n: f"Resource {n}")
    description = factory.Faker("sentence", nb_words=15)
    document_type = DocumentType.GUIDE
    owning_team = "Quality team"
    team_email = "quality@example.com"

    class Meta:
        model = ResourcePage
        skip_postgeneration_save = True

    @factory.post_generation
    def documents(self, create, extracted, **kwargs):
        for order, document in enumerate(extracted or []):
            ResourcePageDocument.objects.create(page=self, document=document, sort_order=order)
        if extracted and create:
            self.save()  # reindex with the documents' text

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if extracted:
            self.audiences.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics.set(extracted)
            if create:
                self.save()
