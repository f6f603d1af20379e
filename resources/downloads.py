"""Document downloads (`/documents/<id>/<token>/<filename>`): Wagtail's serve view, with the
document's random token in the address and the caching headers the view leaves out.

The token (ResourceDocument.url_token) is checked before anything else the view does, so a
wrong one is a 404 like a missing document. Wagtail's own address, without the token
(`/documents/<id>/<filename>`, and every link made before tokens), redirects to the new one
for a document anyone may read and is a 404 for a document in a restricted collection: counting
ids finds nothing private.

Wagtail's view checks the collection's view restrictions, counts the download
(resources.wagtail_hooks), gives the file an ETag from its hash and, for a file on local disk,
a Last-Modified from the file, and answers If-None-Match and If-Modified-Since with 304. It
says nothing about how long the file may be kept, and a file in storage without local paths
(S3) gets no Last-Modified. This view adds both:

- a document anyone may read: `public, max-age=DOCUMENT_CACHE_SECONDS`, so browsers and a
  CDN keep it (a CDN is told to forget it when the document changes: home.frontend_cache);
- a document in a collection with a view restriction: `private, no-cache`, so only the
  visitor's own browser keeps it and asks each time: the restriction is checked again before
  any 304;
- anything else the view answers (the sign-in redirect, the password form): never kept.

Signing in and giving a collection's password both live in the session, so a request without
cookies can only ever be served an unrestricted document: only a request with cookies costs
the query that looks at the collection. A 304 is not a download: the count skips conditional
requests.
"""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, re_path
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.crypto import constant_time_compare
from django.utils.http import http_date
from django.views.decorators.cache import never_cache

from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.views import serve as wagtail_serve


def serve(request, document_id, document_path):
    token, _, document_filename = document_path.rpartition("/")
    if not token:
        return redirect_to_tokened_address(document_id, document_filename)
    request.document_url_token = token
    response = wagtail_serve.serve(request, document_id, document_filename)
    if response.status_code != 304 and not isinstance(response, FileResponse):
        add_never_cache_headers(response)
        return response
    document = None
    if carries_credentials(request):
        document = get_document_model().objects.select_related("collection").get(pk=document_id)
    if document is not None and document.collection.get_view_restrictions().exists():
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=settings.DOCUMENT_CACHE_SECONDS)
    if response.status_code == 200 and not response.has_header("Last-Modified"):
        response = with_last_modified(request, document_id, document, response)
    return response


# First of the checks Wagtail's view makes once it has the document (its view restrictions are
# order 0), so a wrong token is refused before anything else is looked at or counted.
@hooks.register("before_serve_document", order=-100)
def refuse_a_wrong_token(document, request):
    token = getattr(request, "document_url_token", None)
    if token is None or not constant_time_compare(token, document.url_token):
        raise Http404("No document at this address.")


def redirect_to_tokened_address(document_id, document_filename):
    document = get_object_or_404(
        get_document_model().objects.select_related("collection"), pk=document_id
    )
    restricted = document.collection.get_view_restrictions().exists()
    if document.filename != document_filename or restricted:
        raise Http404("No document at this address.")
    response = HttpResponsePermanentRedirect(document.url)
    add_never_cache_headers(response)
    return response


def carries_credentials(request):
    return bool(request.COOKIES) or "HTTP_AUTHORIZATION" in request.META


def with_last_modified(request, document_id, document, response):
    """A file in storage without local paths: its Last-Modified from the storage, and a 304
    for an If-Modified-Since that it answers."""
    document = document or get_document_model().objects.get(pk=document_id)
    try:
        modified = int(document.file.storage.get_modified_time(document.file.name).timestamp())
    except NotImplementedError:
        return response
    response["Last-Modified"] = http_date(modified)
    conditional = get_conditional_response(
        request, etag=response.get("ETag"), last_modified=modified, response=response
    )
    if conditional is not response:
        response.close()  # the file was opened for a body that is not sent
    return conditional


# Wagtail's URL names, so that `document.url` and the password form keep working. The second
# part is `<token>/<filename>` (ResourceDocument.url), or a filename alone in the old address.
urlpatterns = [
    re_path(r"^(\d+)/(.*)$", serve, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        never_cache(wagtail_serve.authenticate_with_password),
        name="wagtaildocs_authenticate_with_password",
    ),
]
