"""Damaged files never break an upload: each is accepted or refused with a message naming it.

300 damaged versions of real files of each type (pdf, docx, pptx, xlsx, csv; see mutations.py)
go through the inspection itself, the public submission form and the admin's document form;
then Hypothesis throws arbitrary bytes behind each format's signature. No case may raise
anything but a ValidationError, and every message must name the file.
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict

from wagtail.documents.forms import get_document_form
from wagtail.models import Collection

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goodpractice.submissions.forms import SubmissionForm
from resources.inspection import ALL_FORMATS, inspect_bytes, inspect_upload
from resources.models import ResourceDocument

from ..submissions.submission_helpers import answers
from .mutations import cases

FORMATS = ["pdf", "docx", "pptx", "xlsx", "csv"]
CASES_PER_FORMAT = 300
SIGNATURES = {"pdf": b"%PDF-1.7\n", "docx": b"PK\x03\x04", "pptx": b"PK\x03\x04",
              "xlsx": b"PK\x03\x04", "csv": b""}  # fmt: skip


def upload(name, data):
    return SimpleUploadedFile(name, data)


def refused(name, messages):
    unnamed = [message for message in messages if f"“{name}”" not in message]
    assert messages, f"{name}: refused without a message"
    assert not unnamed, f"{name}: a message does not name the file: {unnamed}"
    return "refused"


def outcome(name, call):
    """'accepted' or 'refused'; anything else than a ValidationError naming the file fails."""
    try:
        call()
    except ValidationError as error:
        return refused(name, error.messages)
    return "accepted"


def run(fmt, check):
    tally, failures = Counter(), []
    for name, data in cases(fmt, CASES_PER_FORMAT):
        try:
            tally[check(name, data)] += 1
        except Exception as error:  # the failure this suite exists to catch: report all
            failures.append(f"{name}: {error!r}")
    assert not failures, f"{len(failures)} unhandled: " + "; ".join(failures[:10])
    assert sum(tally.values()) == CASES_PER_FORMAT
    return tally


@pytest.mark.parametrize("fmt", FORMATS)
def test_inspection(fmt):
    def check(name, data):
        return outcome(name, lambda: inspect_upload(upload(name, data), allowed=ALL_FORMATS))

    tally = run(fmt, check)
    # The seeds survive some damage (a flipped byte in a picture), and most cases do not.
    assert tally["refused"] > CASES_PER_FORMAT // 4


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_public_form(fmt):
    fields = answers()
    data = MultiValueDict({k: v if isinstance(v, list) else [v] for k, v in fields.items()})

    def check(name, upload_data):
        form = SubmissionForm(data, MultiValueDict({"attachments": [upload(name, upload_data)]}))
        if form.is_valid():
            return "accepted"
        assert set(form.errors) == {"attachments"}, f"{name}: {form.errors}"
        return refused(name, form.errors["attachments"])

    run(fmt, check)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_admin_document_form(fmt):
    form_class = get_document_form(ResourceDocument)
    root = Collection.get_first_root_node()

    def check(name, upload_data):
        form = form_class(
            {"title": "Guide", "language": "en", "collection": root.pk},
            {"file": upload(name, upload_data)},
            instance=ResourceDocument(),
        )
        if form.is_valid():
            return "accepted"
        assert set(form.errors) == {"file"}, f"{name}: {form.errors}"
        return refused(name, form.errors["file"])

    run(fmt, check)


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,  # the same cases every run: nothing to remember between runs
    suppress_health_check=[HealthCheck.too_slow],
)
@given(fmt=st.sampled_from(FORMATS), tail=st.binary(max_size=4096))
def test_arbitrary_bytes_behind_each_signature(fmt, tail):
    name = f"random.{fmt}"
    assert outcome(name, lambda: inspect_bytes(SIGNATURES[fmt] + tail, fmt, f"“{name}”"))
