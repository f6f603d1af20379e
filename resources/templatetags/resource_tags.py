from django import template

from resources.models import DocumentDownloadCount, attach_other_formats

register = template.Library()


@register.simple_tag
def with_other_formats(documents):
    """The documents, each with `other_formats` fetched in one query (for a list of links)."""
    return attach_other_formats(documents)


@register.simple_tag
def document_downloads(document):
    """How often `document` was downloaded: in the last 30 days and in all."""
    return DocumentDownloadCount.objects.totals_for(document)
