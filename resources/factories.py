import wagtail_factories

from resources.models import ResourceDocument


class ResourceDocumentFactory(wagtail_factories.DocumentFactory):
    class Meta:
        model = ResourceDocument
