"""Uploaded files in S3-compatible buckets, when the environment names them.

With neither bucket set, files stay on the file system (STORAGES in base.py). Otherwise
documents and images go to AWS_STORAGE_BUCKET_NAME and submitted attachments to
SUBMISSION_STORAGE_BUCKET_NAME, a bucket of their own. Every object is written private: the
site streams documents through Wagtail's serve view, images get signed URLs, and attachments
get no URL at all. Credentials come the usual AWS ways (AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY, or the machine's role). See docs/deployment.md.
"""

import os

from botocore.config import Config

from .environment import SettingError, required

# Canned ACLs that keep an object private; the second is the only one AWS buckets with ACLs
# disabled (the default for new buckets) accept.
PRIVATE_ACLS = ("private", "bucket-owner-full-control")
ADDRESSING_STYLES = ("auto", "path", "virtual")


def _env(name):
    return os.environ.get(name, "").strip()


def _one_of(name, choices, default):
    value = _env(name) or default
    if value not in choices:
        raise SettingError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def s3_storages():
    """The STORAGES entries for the two buckets, or {} when neither is set."""
    if not (_env("AWS_STORAGE_BUCKET_NAME") or _env("SUBMISSION_STORAGE_BUCKET_NAME")):
        return {}
    documents = required(
        "AWS_STORAGE_BUCKET_NAME",
        "SUBMISSION_STORAGE_BUCKET_NAME is set, so documents and images go to S3 too: "
        "name their bucket",
    )
    submissions = required(
        "SUBMISSION_STORAGE_BUCKET_NAME",
        "AWS_STORAGE_BUCKET_NAME is set, so submitted files need a private bucket of their own",
    )
    if submissions == documents:
        raise SettingError(
            "SUBMISSION_STORAGE_BUCKET_NAME must name a bucket of its own, not the documents' "
            f"({documents!r}): submitted files never share a bucket"
        )
    region = _env("AWS_S3_REGION_NAME") or _env("AWS_DEFAULT_REGION")
    if not region:
        raise SettingError(
            "AWS_S3_REGION_NAME is not set: the buckets' region, e.g. eu-west-2 "
            "(an S3-compatible service names its own)"
        )
    endpoint = _env("AWS_S3_ENDPOINT_URL")
    if endpoint and not endpoint.startswith(("https://", "http://")):
        raise SettingError(f"AWS_S3_ENDPOINT_URL must start with https:// (it is {endpoint!r})")
    for name, pair in (
        ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"),
        ("AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID"),
    ):
        if _env(name) and not _env(pair):
            raise SettingError(f"{pair} is not set: it goes with {name} (or leave both unset)")

    options = {
        "region_name": region,
        "endpoint_url": endpoint or None,
        "default_acl": _one_of("AWS_DEFAULT_ACL", PRIVATE_ACLS, "private"),
        "querystring_auth": True,
        "file_overwrite": False,
        # Short enough for /readyz to answer within gunicorn's timeout when S3 is unreachable.
        "client_config": Config(
            signature_version="s3v4",
            s3={"addressing_style": _one_of("AWS_S3_ADDRESSING_STYLE", ADDRESSING_STYLES, "auto")},
            connect_timeout=5,
            read_timeout=20,
            retries={"mode": "standard", "max_attempts": 2},
        ),
    }
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**options, "bucket_name": documents},
        },
        "submissions": {
            "BACKEND": "goodpractice.submissions.submission.PrivateS3Storage",
            "OPTIONS": {**options, "bucket_name": submissions},
        },
    }
