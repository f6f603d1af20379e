import datetime
from unittest import mock

from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Collection, CollectionViewRestriction

import pytest

from resources.models import DocumentDownloadCount
from resources.models.documents import DocumentDownloadQuerySet

pytestmark = pytest.mark.django_db


def downloads(document):
    counts = DocumentDownloadCount.objects.filter(document=document)
    return sum(counts.values_list("count", flat=True))


def test_documents_are_served_as_attachments_with_safe_headers(client, make_document):
    document = make_document("Guide", "pdf")
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert document.filename in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ],
)
def test_office_documents_get_their_real_content_type(client, make_document, fmt, content_type):
    response = client.get(make_document("Guide", fmt).url)
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")


def test_each_download_is_counted_per_document_per_day(client, make_document):
    guide, other = make_document("Guide", "pdf"), make_document("Other", "pdf")
    for _ in range(3):
        client.get(guide.url)
    client.get(other.url)
    row = DocumentDownloadCount.objects.get(document=guide)
    assert (row.date, row.count) == (timezone.localdate(), 3)
    assert downloads(other) == 1


def test_no_personal_data_is_kept_about_downloads(client, make_document):
    client.get(make_document("Guide", "pdf").url)
    fields = {field.name for field in DocumentDownloadCount._meta.get_fields()}
    assert fields == {"id", "document", "date", "count"}


def test_only_new_whole_downloads_are_counted(client, make_document):
    document = make_document("Guide", "pdf")
    client.head(document.url)  # a link checker
    client.get(document.url, headers={"If-None-Match": '"abc"'})  # a cache revalidating
    client.get(document.url, headers={"Range": "bytes=1000-"})  # the rest of a download
    assert downloads(document) == 0
    client.get(document.url, headers={"Range": "bytes=0-"})
    assert downloads(document) == 1


def test_a_row_created_by_a_concurrent_request_is_incremented_not_lost(make_document):
    document = make_document("Guide", "pdf")
    today = timezone.localdate()
    DocumentDownloadCount.objects.create(document=document, date=today, count=5)
    real_update = DocumentDownloadQuerySet.update
    calls = []

    def misses_the_first_time(queryset, **kwargs):
        # As if the row did not exist yet when this request looked, then another created it.
        calls.append(kwargs)
        return 0 if len(calls) == 1 else real_update(queryset, **kwargs)

    with mock.patch.object(DocumentDownloadQuerySet, "update", misses_the_first_time):
        DocumentDownloadCount.objects.record(document, today)
    assert downloads(document) == 6
    assert DocumentDownloadCount.objects.filter(document=document).count() == 1


@pytest.fixture
def private_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Panel papers")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def test_private_collection_documents_are_refused_to_anonymous_users(
    client, make_document, private_collection
):
    document = make_document("Panel scoring sheet", "pdf", collection=private_collection)
    response = client.get(document.url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert "Content-Disposition" not in response
    assert downloads(document) == 0  # a refused request is not a download


def test_private_collection_documents_are_served_to_signed_in_users(
    client, django_user_model, make_document, private_collection
):
    document = make_document("Panel scoring sheet", "pdf", collection=private_collection)
    client.force_login(django_user_model.objects.create_user("trainer", password="x"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert downloads(document) == 1


def report_url(**params):
    from urllib.parse import urlencode

    return reverse("resources_downloads_report") + (f"?{urlencode(params)}" if params else "")


def test_the_report_lists_the_most_downloaded_documents_first(admin_client, make_document):
    popular, quiet, _unused = (make_document(t, "pdf") for t in ("Popular", "Quiet", "Unused"))
    today = timezone.localdate()
    DocumentDownloadCount.objects.create(document=popular, date=today, count=12)
    DocumentDownloadCount.objects.create(document=quiet, date=today, count=2)
    DocumentDownloadCount.objects.create(
        document=quiet, date=today - datetime.timedelta(days=100), count=40
    )
    html = admin_client.get(report_url()).content.decode()
    assert html.index("Popular") < html.index("Quiet")
    assert "Unused" not in html

    all_time = admin_client.get(report_url(period="all")).content.decode()
    assert all_time.index("Quiet") < all_time.index("Popular")
    assert "42" in all_time


def test_the_report_exports_a_spreadsheet(admin_client, make_document):
    document = make_document("Popular", "pdf")
    DocumentDownloadCount.objects.create(document=document, date=timezone.localdate(), count=7)
    response = admin_client.get(report_url(export="csv"))
    content = b"".join(response.streaming_content).decode()
    assert "Popular,PDF,7,7" in content


def test_editors_see_the_report_and_others_do_not(client, django_user_model, db):
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(report_url()).status_code == 200

    outsider = django_user_model.objects.create_user("outsider", password="x")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    response = client.get(report_url())
    assert response.status_code in (302, 403)


def test_the_document_edit_view_shows_its_downloads_and_what_it_is(admin_client, make_document):
    document = make_document("Guide", "pdf")
    today = timezone.localdate()
    DocumentDownloadCount.objects.create(document=document, date=today, count=4)
    DocumentDownloadCount.objects.create(
        document=document, date=today - datetime.timedelta(days=60), count=3
    )
    html = admin_client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    assert "4 in the last 30 days, 7 in all" in html
    assert document.summary_line in html
    assert "Used 0 times" in html  # Wagtail's own stats are kept
