from django.core.files.base import ContentFile

import pytest

from resources.builders import build_docx, build_pdf, build_pptx
from resources.factories import ResourceDocumentFactory, ResourceIndexPageFactory

BUILDERS = {"pdf": build_pdf, "docx": build_docx, "pptx": build_pptx}


@pytest.fixture
def library(home_page):
    return ResourceIndexPageFactory(parent=home_page)


@pytest.fixture
def make_document(db, django_capture_on_commit_callbacks):
    """A saved document of a real file, with its format, pages and text read as on upload."""

    def make(title="Inclusive recruitment guide", fmt="pdf", sections=None, **fields):
        sections = sections or [("Panels", "Diverse interview panels."), ("Adverts", "Plain.")]
        data = BUILDERS[fmt](title, sections)
        with django_capture_on_commit_callbacks(execute=True):
            document = ResourceDocumentFactory(
                title=title, file=ContentFile(data, name=f"guide.{fmt}"), **fields
            )
        document.refresh_from_db()
        return document

    return make
