"""Documents tell browsers and caches how long to keep them, and answer a conditional request
with 304; a document in a restricted collection is never kept by a shared cache."""

from django.core.files.storage import FileSystemStorage, Storage
from django.test import override_settings
from django.utils.http import http_date, parse_http_date

from wagtail.models import Collection, CollectionViewRestriction

import pytest

from resources.models import DocumentDownloadCount

pytestmark = pytest.mark.django_db


def cache_control(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def downloads(document):
    return sum(
        DocumentDownloadCount.objects.filter(document=document).values_list("count", flat=True)
    )


def test_the_document_address_is_wagtails_with_the_documents_token(make_document):
    document = make_document("Guide", "pdf")
    assert document.url == f"/documents/{document.pk}/{document.url_token}/{document.filename}"


def test_a_public_document_may_be_kept_for_an_hour_with_its_etag_and_date(client, make_document):
    response = client.get(make_document("Guide", "pdf").url)

    assert response.status_code == 200
    assert cache_control(response) == {"public", "max-age=3600"}
    assert response["ETag"].strip('"')
    assert parse_http_date(response["Last-Modified"])
    assert body(response).startswith(b"%PDF-")


def test_if_none_match_gets_304_with_no_body_and_is_not_a_download(client, make_document):
    document = make_document("Guide", "pdf")
    first = client.get(document.url)

    again = client.get(document.url, headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert cache_control(again) == {"public", "max-age=3600"}
    assert downloads(document) == 1


def test_if_modified_since_gets_304_and_an_older_date_the_file(client, make_document):
    document = make_document("Guide", "pdf")
    first = client.get(document.url)
    modified = parse_http_date(first["Last-Modified"])

    again = client.get(document.url, headers={"If-Modified-Since": first["Last-Modified"]})
    older = client.get(document.url, headers={"If-Modified-Since": http_date(modified - 60)})

    assert again.status_code == 304
    assert again.content == b""
    assert "public" in cache_control(again)
    assert older.status_code == 200
    assert body(older).startswith(b"%PDF-")


def test_a_replaced_file_is_sent_again(client, make_document):
    document = make_document("Guide", "pdf")
    first = client.get(document.url)
    document.file_hash = "a-new-file"
    document.save(update_fields=["file_hash"])

    again = client.get(document.url, headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


@pytest.fixture
def private_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Panel papers")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def test_a_document_in_a_restricted_collection_is_kept_only_privately(
    client, django_user_model, make_document, private_collection
):
    document = make_document("Panel scoring sheet", "pdf", collection=private_collection)
    client.force_login(django_user_model.objects.create_user("trainer", password="x"))

    response = client.get(document.url)
    again = client.get(document.url, headers={"If-None-Match": response["ETag"]})

    assert response.status_code == 200
    assert cache_control(response) == {"private", "no-cache"}
    assert again.status_code == 304
    assert cache_control(again) == {"private", "no-cache"}


def test_a_document_below_a_restricted_collection_is_private_too(
    client, django_user_model, make_document, private_collection
):
    below = private_collection.add_child(name="2026 round")
    document = make_document("Panel scoring sheet", "pdf", collection=below)
    client.force_login(django_user_model.objects.create_user("trainer", password="x"))

    assert "public" not in cache_control(client.get(document.url))


def test_a_signed_in_visitor_gets_a_public_document_as_public(
    client, django_user_model, make_document
):
    client.force_login(django_user_model.objects.create_user("trainer", password="x"))
    response = client.get(make_document("Guide", "pdf").url)
    assert cache_control(response) == {"public", "max-age=3600"}


def test_the_sign_in_redirect_for_a_restricted_document_is_never_kept(
    client, make_document, private_collection
):
    document = make_document("Panel scoring sheet", "pdf", collection=private_collection)

    response = client.get(document.url)

    assert response.status_code == 302
    assert {"private", "no-store"} <= cache_control(response)


class StorageWithoutPaths(Storage):
    """Like S3: files have a URL and a modified time but no local path."""

    disk = FileSystemStorage()

    def _open(self, name, mode="rb"):
        return self.disk.open(name, mode)

    def _save(self, name, content):
        return self.disk.save(name, content)

    def exists(self, name):
        return self.disk.exists(name)

    def delete(self, name):
        self.disk.delete(name)

    def size(self, name):
        return self.disk.size(name)

    def url(self, name):
        return self.disk.url(name)

    def get_modified_time(self, name):
        return self.disk.get_modified_time(name)


@override_settings(
    STORAGES={
        "default": {"BACKEND": "tests.resources.test_document_caching.StorageWithoutPaths"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
)
def test_a_file_in_storage_without_paths_gets_its_date_from_the_storage(client, make_document):
    document = make_document("Guide", "pdf")
    first = client.get(document.url)
    assert first.status_code == 200
    assert body(first).startswith(b"%PDF-")
    assert parse_http_date(first["Last-Modified"])
    assert cache_control(first) == {"public", "max-age=3600"}

    again = client.get(document.url, headers={"If-Modified-Since": first["Last-Modified"]})

    assert again.status_code == 304
    assert again.content == b""
    assert cache_control(again) == {"public", "max-age=3600"}
