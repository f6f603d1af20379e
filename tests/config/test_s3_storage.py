"""Documents and submitted files in S3-compatible buckets: moto's S3 server runs on 127.0.0.1
and the storages are the ones goodpractice.settings.storage builds from the environment, as
the production settings build them."""

import logging
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

import boto3
import pytest

from goodpractice.settings.environment import SettingError
from goodpractice.settings.storage import s3_storages
from goodpractice.submissions.models import SubmissionAttachment
from goodpractice.submissions.moderation import QUALITY_TEAM
from goodpractice.submissions.submission import PrivateS3Storage, PrivateStorage, private_storage
from resources.builders import build_pdf
from resources.factories import ResourceDocumentFactory
from resources.models import DocumentDownloadCount
from tests.accounts.helpers import verified_login
from tests.config.test_settings import check
from tests.submissions.submission_helpers import answers, make_submit_page, make_user, submit

moto_server = pytest.importorskip(
    "moto.server", reason="moto[server] is not installed (it is in the dev extra)"
)

REGION = "eu-west-2"
# What the storages read, and what boto3 would otherwise find on the machine.
AWS_VARIABLES = (
    "AWS_STORAGE_BUCKET_NAME",
    "SUBMISSION_STORAGE_BUCKET_NAME",
    "AWS_S3_REGION_NAME",
    "AWS_DEFAULT_REGION",
    "AWS_S3_ENDPOINT_URL",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_S3",
    "AWS_S3_ADDRESSING_STYLE",
    "AWS_DEFAULT_ACL",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_S3_ACCESS_KEY_ID",
    "AWS_S3_SECRET_ACCESS_KEY",
    "AWS_PROFILE",
    "AWS_S3_SESSION_PROFILE",
)


@pytest.fixture
def environment(monkeypatch, tmp_path):
    """No AWS configuration from the machine: no variables, files or instance role."""
    for name in AWS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    return monkeypatch


@pytest.fixture(scope="module")
def s3_endpoint():
    requests_log = logging.getLogger("werkzeug")  # the server logs every request it answers
    level = requests_log.level
    requests_log.setLevel(logging.WARNING)
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()
    requests_log.setLevel(level)


@pytest.fixture
def s3(settings, environment, s3_endpoint):
    """Two new buckets, set up as docs/deployment.md says, and the site's STORAGES using them."""
    documents, submissions = f"documents-{uuid.uuid4().hex}", f"submissions-{uuid.uuid4().hex}"
    for name, value in {
        "AWS_STORAGE_BUCKET_NAME": documents,
        "SUBMISSION_STORAGE_BUCKET_NAME": submissions,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }.items():
        environment.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION)
    for bucket in (documents, submissions):
        client.create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
    client.put_public_access_block(
        Bucket=submissions,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    settings.STORAGES = {**settings.STORAGES, **s3_storages()}
    return SimpleNamespace(
        client=client, endpoint=s3_endpoint, documents=documents, submissions=submissions
    )


def anonymous_get(url):
    """The status of a plain GET, with no credentials (and no proxy from the environment)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def keys(s3, bucket):
    return [item["Key"] for item in s3.client.list_objects_v2(Bucket=bucket).get("Contents", [])]


# The configuration


def test_without_buckets_files_stay_on_the_file_system(environment, settings):
    assert s3_storages() == {}
    assert isinstance(private_storage(), PrivateStorage)
    assert private_storage().location == str(settings.SUBMISSION_PRIVATE_ROOT)
    assert private_storage().file_permissions_mode == 0o600


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"SUBMISSION_STORAGE_BUCKET_NAME": None}, "SUBMISSION_STORAGE_BUCKET_NAME is not set: "),
        ({"AWS_STORAGE_BUCKET_NAME": None}, "AWS_STORAGE_BUCKET_NAME is not set: "),
        ({"AWS_S3_REGION_NAME": None}, "AWS_S3_REGION_NAME is not set: "),
        (
            {"SUBMISSION_STORAGE_BUCKET_NAME": "documents"},
            "SUBMISSION_STORAGE_BUCKET_NAME must name a bucket of its own",
        ),
        ({"AWS_ACCESS_KEY_ID": "AKIA"}, "AWS_SECRET_ACCESS_KEY is not set: "),
        ({"AWS_SECRET_ACCESS_KEY": "secret"}, "AWS_ACCESS_KEY_ID is not set: "),
        ({"AWS_S3_ENDPOINT_URL": "minio:9000"}, "AWS_S3_ENDPOINT_URL must start with https://"),
        ({"AWS_DEFAULT_ACL": "public-read"}, "AWS_DEFAULT_ACL must be one of private, "),
        ({"AWS_S3_ADDRESSING_STYLE": "dns"}, "AWS_S3_ADDRESSING_STYLE must be one of auto, "),
    ],
)
def test_an_incomplete_or_unsafe_configuration_is_refused_in_one_line(environment, change, message):
    complete = {
        "AWS_STORAGE_BUCKET_NAME": "documents",
        "SUBMISSION_STORAGE_BUCKET_NAME": "submissions",
        "AWS_S3_REGION_NAME": REGION,
    }
    for name, value in {**complete, **change}.items():
        if value is not None:
            environment.setenv(name, value)

    with pytest.raises(SettingError) as refused:
        s3_storages()

    assert str(refused.value).startswith(message)
    assert "\n" not in str(refused.value)


def test_the_region_can_come_from_aws_default_region(environment):
    environment.setenv("AWS_STORAGE_BUCKET_NAME", "documents")
    environment.setenv("SUBMISSION_STORAGE_BUCKET_NAME", "submissions")
    environment.setenv("AWS_DEFAULT_REGION", REGION)

    storages = s3_storages()

    assert storages["default"]["OPTIONS"]["region_name"] == REGION
    assert storages["submissions"]["OPTIONS"]["bucket_name"] == "submissions"
    assert storages["submissions"]["OPTIONS"]["default_acl"] == "private"


def test_the_production_settings_start_with_buckets_and_stop_with_half_of_them(environment):
    buckets = {
        "AWS_STORAGE_BUCKET_NAME": "goodpractice-documents",
        "SUBMISSION_STORAGE_BUCKET_NAME": "goodpractice-submissions",
        "AWS_S3_REGION_NAME": REGION,
    }
    started = check(**buckets)
    assert started.returncode == 0, started.stdout + started.stderr

    stopped = check(**{**buckets, "SUBMISSION_STORAGE_BUCKET_NAME": None})
    assert stopped.returncode == 1
    assert stopped.stderr.strip().splitlines() == [
        "Configuration error: SUBMISSION_STORAGE_BUCKET_NAME is not set: AWS_STORAGE_BUCKET_NAME "
        "is set, so submitted files need a private bucket of their own"
    ]


# Documents


@pytest.mark.django_db
def test_a_document_is_kept_private_in_the_bucket_and_served_by_the_site(client, settings, s3):
    content = build_pdf("Bystander guide", [("Stepping in", "Say what you saw.")])
    with TestCase.captureOnCommitCallbacks(execute=True):  # the worker reads the new file
        document = ResourceDocumentFactory(
            title="Bystander guide", file=ContentFile(content, name="bystander-guide.pdf")
        )

    assert keys(s3, s3.documents) == [document.file.name]
    stored = s3.client.get_object(Bucket=s3.documents, Key=document.file.name)
    assert stored["Body"].read() == content
    assert anonymous_get(f"{s3.endpoint}/{s3.documents}/{document.file.name}") == 403
    assert not Path(settings.MEDIA_ROOT, document.file.name).exists()
    document.refresh_from_db()
    assert document.detected_format == "pdf"
    assert "Say what you saw." in document.extracted_text

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename=bystander-guide.pdf;" in response["Content-Disposition"]
    assert DocumentDownloadCount.objects.get(document=document).count == 1


@pytest.mark.django_db
def test_two_documents_with_one_name_keep_both_files(s3):
    first = ResourceDocumentFactory(file=ContentFile(b"%PDF-first", name="guide.pdf"))
    second = ResourceDocumentFactory(file=ContentFile(b"%PDF-second", name="guide.pdf"))

    assert first.file.name != second.file.name
    assert first.file.read() == b"%PDF-first"
    assert second.file.read() == b"%PDF-second"


# Submitted files


@pytest.mark.django_db
def test_a_submitted_file_is_in_the_private_bucket_with_no_way_in_but_the_app(
    client, settings, home_page, s3
):
    content = build_pdf("Evidence", [("Survey", "Confidence rose")])
    submit(
        client,
        make_submit_page(home_page),
        answers(),
        {"attachments": [SimpleUploadedFile("evidence.pdf", content)]},
    )
    attachment = SubmissionAttachment.objects.get()
    key = attachment.file.name

    assert isinstance(private_storage(), PrivateS3Storage)
    assert keys(s3, s3.submissions) == [key]
    assert keys(s3, s3.documents) == []
    assert not Path(settings.SUBMISSION_PRIVATE_ROOT, key).exists()
    grants = s3.client.get_object_acl(Bucket=s3.submissions, Key=key)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert "URI" not in grants[0]["Grantee"]  # the owner, not AllUsers or AuthenticatedUsers
    with pytest.raises(ValueError, match="not accessible via a URL"):
        attachment.file.url  # noqa: B018

    # The object is at its plain URL (a signed GET gets it); an anonymous one is refused.
    signed = s3.client.generate_presigned_url(
        "get_object", Params={"Bucket": s3.submissions, "Key": key}
    )
    assert anonymous_get(signed) == 200
    assert anonymous_get(f"{s3.endpoint}/{s3.submissions}/{key}") == 403

    verified_login(client, make_user("quality", groups=[QUALITY_TEAM]))
    response = client.get(reverse("submissions:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content


# Readiness


@pytest.mark.django_db
def test_readyz_lists_both_buckets(client, s3):
    assert default_storage.bucket_name == s3.documents
    assert client.get("/readyz").json()["checks"]["storage"]["status"] == "ok"

    s3.client.delete_bucket(Bucket=s3.submissions)
    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == {
        "status": "unavailable",
        "error": "NoSuchBucket",
    }
