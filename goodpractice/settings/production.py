"""Production settings: every secret comes from the environment, and a missing or wrong one
stops start-up with one line naming it (goodpractice.settings.environment.SettingError).

`ALLOW_PLAIN_HTTP=true` serves plain HTTP, for running these settings on 127.0.0.1
(`make serve`, CI); never set it where the site is public.
"""

import os
from urllib.parse import urlsplit

import dj_database_url

from .base import *  # noqa: F403
from .base import MIDDLEWARE, STORAGES
from .environment import SettingError, env_bool, required, required_list
from .storage import s3_storages

SECRET_KEY = required("SECRET_KEY", "set it to a long random string and keep it with backups")
ALLOWED_HOSTS = required_list("ALLOWED_HOSTS", "the site's host names, comma-separated")
DATABASE_URL = required("DATABASE_URL", "the PostgreSQL database, postgres://user@host/name")
if not DATABASE_URL.startswith(("postgres://", "postgresql://")):
    raise SettingError(
        f"DATABASE_URL must be a PostgreSQL URL (postgres://...) in production, not "
        f"{DATABASE_URL.split(':', 1)[0]}:"
    )
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
WAGTAILADMIN_BASE_URL = required(
    "WAGTAILADMIN_BASE_URL", "the site's public address, e.g. https://goodpractice.example.nhs.uk"
).rstrip("/")
if not WAGTAILADMIN_BASE_URL.startswith(("https://", "http://")):
    raise SettingError(
        f"WAGTAILADMIN_BASE_URL must start with https:// (it is {WAGTAILADMIN_BASE_URL!r})"
    )

# The domain in calendar events' UIDs (calendars.subscriptions): the public host unless set.
CALENDAR_UID_DOMAIN = os.environ.get("CALENDAR_UID_DOMAIN", "")

# Emails and document reading run in `manage.py db_worker`, never in a web request.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

PLAIN_HTTP = env_bool("ALLOW_PLAIN_HTTP")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not PLAIN_HTTP)
# Load balancers ask for these over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = 0 if PLAIN_HTTP else int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = not PLAIN_HTTP
CSRF_COOKIE_SECURE = not PLAIN_HTTP
X_FRAME_OPTIONS = "DENY"

# WhiteNoise serves the collected, hashed and compressed static files; pages are compressed,
# carry an ETag (a conditional request gets a 304) and, for anonymous visitors, are served
# whole from the cache (goodpractice.page_cache), outside compression and the ETag, so a kept
# page is kept compressed and tagged.
MIDDLEWARE = [
    MIDDLEWARE[0],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "goodpractice.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    *MIDDLEWARE[1:],
]

# A CDN or caching proxy in front: it is told to forget what a change shows on
# (goodpractice.home.frontend_cache), for the public host name only.
public_host = urlsplit(WAGTAILADMIN_BASE_URL).netloc
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):  # Varnish, nginx or any proxy taking PURGE
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        "HOSTNAMES": [public_host],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": required("CLOUDFLARE_BEARER_TOKEN", "an API token that may purge"),
        "HOSTNAMES": [public_host],
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):  # AWS credentials as boto3 finds them
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
        "HOSTNAMES": [public_host],
    }

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "goodpractice.staticfiles.StaticFilesStorage"},
    **s3_storages(),  # the buckets, when the environment names them
}


def _bucket_image_sources(options):
    """Where signed image links point: the bucket by host name or by path (either addressing)."""
    bucket, endpoint = options["bucket_name"], options["endpoint_url"]
    if endpoint:
        scheme, host = endpoint.rstrip("/").split("://", 1)
        return [f"{scheme}://{bucket}.{host}", f"{scheme}://{host}/{bucket}/"]
    region = options["region_name"]
    return [
        f"https://{bucket}.s3.amazonaws.com",
        f"https://{bucket}.s3.{region}.amazonaws.com",
        f"https://s3.{region}.amazonaws.com/{bucket}/",
    ]


# Images in a bucket are shown by signed links to it, on the pages and in the admin.
if STORAGES["default"]["BACKEND"] == "storages.backends.s3.S3Storage":
    for policy in (CONTENT_SECURITY_POLICY, ADMIN_CONTENT_SECURITY_POLICY):  # noqa: F405
        policy["DIRECTIVES"]["img-src"] = [
            *policy["DIRECTIVES"]["img-src"],
            *_bucket_image_sources(STORAGES["default"]["OPTIONS"]),
        ]
