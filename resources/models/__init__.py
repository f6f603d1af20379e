from .documents import (
    FORMAT_LABELS,
    DocumentDownloadCount,
    DocumentLanguage,
    DocumentType,
    ResourceDocument,
    attach_other_formats,
)
from .pages import ResourceIndexPage, ResourcePage, ResourcePageDocument

__all__ = [
    "FORMAT_LABELS",
    "DocumentDownloadCount",
    "DocumentLanguage",
    "DocumentType",
    "ResourceDocument",
    "ResourceIndexPage",
    "ResourcePage",
    "ResourcePageDocument",
    "attach_other_formats",
]
