"""Uploads through the real Wagtail admin views (single, multiple and replacing a file)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from wagtail.models import Collection

import pytest

from resources.builders import build_docx, build_pdf, build_pptx
from resources.models import ResourceDocument

pytestmark = pytest.mark.django_db

SECTIONS = [("Panels", "Diverse interview panels."), ("Adverts", "Plain language.")]


def add_document(client, name, data, **fields):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Inclusive recruitment guide",
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
            "language": "en",
            **fields,
        },
    )


def test_a_real_pdf_is_accepted_with_its_pages_known_at_once(
    admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as after_commit:
        response = add_document(admin_client, "guide.pdf", build_pdf("Guide", SECTIONS))
    assert response.status_code == 302
    document = ResourceDocument.objects.get()
    # Known from the upload itself, before the background task has run.
    assert (document.detected_format, document.page_count) == ("pdf", 2)
    assert document.summary_line.startswith("PDF, ")
    assert document.summary_line.endswith("2 pages")

    for callback in after_commit:
        callback()
    document.refresh_from_db()
    assert "Diverse interview panels" in document.extracted_text


def test_a_web_page_renamed_as_pdf_is_refused_with_a_clear_message(admin_client):
    response = add_document(admin_client, "guide.pdf", b"<!DOCTYPE html><html>hi</html>")
    assert response.status_code == 200
    assert "is not really PDF" in response.content.decode()
    assert not ResourceDocument.objects.exists()


def test_a_word_file_named_as_slides_is_refused(admin_client):
    response = add_document(admin_client, "slides.pptx", build_docx("Guide", SECTIONS))
    assert "really Word (.docx)" in response.content.decode()
    assert not ResourceDocument.objects.exists()


def test_a_file_type_outside_the_allow_list_is_refused(admin_client):
    response = add_document(admin_client, "notes.txt", b"plain text")
    assert response.status_code == 200
    assert not ResourceDocument.objects.exists()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1000)
def test_a_file_over_the_size_cap_is_refused(admin_client):
    response = add_document(admin_client, "guide.pdf", build_pdf("Guide", SECTIONS * 20))
    assert response.status_code == 200
    assert "1000" in response.content.decode() or "KB" in response.content.decode()
    assert not ResourceDocument.objects.exists()


def test_the_word_version_can_be_linked_to_its_pdf_on_upload(admin_client, make_document):
    pdf = make_document("Guide", "pdf")
    response = add_document(
        admin_client,
        "guide.docx",
        build_docx("Guide", SECTIONS),
        title="Guide (Word)",
        alternative_of=pdf.pk,
        document_type="guide",
    )
    assert response.status_code == 302
    word = ResourceDocument.objects.get(title="Guide (Word)")
    assert word.alternative_of == pdf
    assert [d.title for d in pdf.other_formats] == ["Guide (Word)"]


def test_multiple_upload_refuses_a_renamed_file_in_its_json_answer(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf")},
    )
    answer = response.json()
    assert answer["success"] is False
    assert "not really PDF" in answer["error_message"]
    assert not ResourceDocument.objects.exists()


def test_multiple_upload_accepts_real_slides_and_reads_them(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": SimpleUploadedFile("slides.pptx", build_pptx("Survey", SECTIONS)),
            # More than one collection (submitted documents have their own), so the upload
            # page asks which, as it does for an editor.
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.json()["success"] is True
    document = ResourceDocument.objects.get()
    assert (document.detected_format, document.page_count, document.language) == ("pptx", 3, "en")


def test_replacing_a_file_with_a_bad_one_keeps_the_good_one(admin_client, make_document):
    document = make_document("Guide", "pdf")
    original = document.file.name
    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": "Guide",
            "file": SimpleUploadedFile("guide.pdf", b"<html>not a pdf</html>"),
            "collection": document.collection_id,
            "language": "en",
        },
    )
    assert response.status_code == 200
    assert "not really PDF" in response.content.decode()
    document.refresh_from_db()
    assert document.file.name == original


def test_the_edit_form_offers_the_new_fields(admin_client, make_document):
    document = make_document("Guide", "pdf")
    html = admin_client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    for label in ("Document type", "Audiences", "Language", "Last reviewed", "Another format of"):
        assert label in html
