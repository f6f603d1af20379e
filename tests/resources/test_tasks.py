from django.core.files.base import ContentFile

import pytest

from resources.builders import build_pdf
from resources.models import ResourceDocument

pytestmark = pytest.mark.django_db


def test_uploaded_pdf_gets_its_format_pages_and_text(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = ResourceDocument.objects.create(
            title="Inclusive recruitment guide",
            file=ContentFile(
                build_pdf("Guide", [("Panels", "Diverse interview panels"), ("Adverts", "Plain")]),
                name="guide.pdf",
            ),
        )
    document.refresh_from_db()
    assert document.detected_format == "pdf"
    assert document.page_count == 2
    assert "Diverse interview panels" in document.extracted_text


def test_a_damaged_file_is_kept_and_logged_not_blocked(caplog, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = ResourceDocument.objects.create(
            title="Broken", file=ContentFile(b"%PDF-1.7 truncated", name="broken.pdf")
        )
    document.refresh_from_db()
    assert ResourceDocument.objects.filter(pk=document.pk).exists()
    assert document.extracted_text == ""
    assert "Could not read document" in caplog.text
