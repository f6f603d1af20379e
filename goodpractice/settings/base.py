"""Settings shared by every environment.

Safe by default: DEBUG is off and no secret is set here. Everything that differs between
machines comes from the environment (see README.md, "Configuration").
"""

import os
from pathlib import Path

import dj_database_url
from redis.backoff import NoBackoff
from redis.retry import Retry

from .environment import env_bool, env_list

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "wagtailnhsukfrontend",
    "wagtailnhsukfrontend.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks_db",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # The project's apps, after the frameworks whose models theirs use at import time (the
    # search backend's index, for one); their demo content loads in this order. Which may
    # import which is set by the import-linter contracts in pyproject.toml.
    "goodpractice.home",
    "goodpractice.classification",
    "goodpractice.repository",
    "goodpractice.submissions",
    "resources",
    "calendars",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "goodpractice.urls"
WSGI_APPLICATION = "goodpractice.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# The embedded default is SQLite, so a newcomer needs no server; production sets DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Third-party apps without their own default (wagtail-nhsuk-frontend settings) keep AutoField;
# this project's apps choose BigAutoField in their AppConfig.
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

if os.environ.get("REDIS_URL"):
    # Shared by every process; if Redis goes away, each process keeps its own cache until it
    # is back (goodpractice.cache).
    CACHES = {
        "default": {
            "BACKEND": "goodpractice.cache.FailSoftRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "goodpractice",
            # Fail fast: a page waits for Redis at most half a second, with one quick retry.
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "retry": Retry(NoBackoff(), 1),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "collected-static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Submitted attachments: in SUBMISSION_PRIVATE_ROOT (below), readable by the owner only.
    # Production can put both in S3-compatible buckets (goodpractice.settings.storage).
    "submissions": {
        "BACKEND": "goodpractice.submissions.submission.PrivateStorage",
        "OPTIONS": {"file_permissions_mode": 0o600},
    },
}

# Wagtail's page editor posts many fields for long StreamFields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
if os.environ.get("EMAIL_FILE_PATH"):  # for the file backend (the production tests use it)
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "EDI good practice <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (emails, document text). The immediate backend runs a task at once, in the
# request; production uses the database queue and `manage.py db_worker` (see docs/submissions.md).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": ["default"],
    }
}

# Submissions: attachments are kept here, outside MEDIA_ROOT, with no URL.
SUBMISSION_PRIVATE_ROOT = Path(
    os.environ.get("SUBMISSION_PRIVATE_ROOT", BASE_DIR / "private-media")
)
# Posts of the public form allowed per client address in each window (kept in the cache).
SUBMISSION_RATE_LIMIT = int(os.environ.get("SUBMISSION_RATE_LIMIT", "20"))
SUBMISSION_RATE_LIMIT_WINDOW = int(os.environ.get("SUBMISSION_RATE_LIMIT_WINDOW", "3600"))
# Seconds a person needs at least to fill in the form; faster posts are treated as a bot's.
SUBMISSION_MIN_FILL_SECONDS = int(os.environ.get("SUBMISSION_MIN_FILL_SECONDS", "5"))
# The client address is REMOTE_ADDR unless the site runs behind proxies you trust: then set
# SUBMISSION_TRUSTED_PROXY_COUNT to how many append to X-Forwarded-For (e.g. 1 for one proxy).
SUBMISSION_TRUSTED_PROXY_COUNT = int(os.environ.get("SUBMISSION_TRUSTED_PROXY_COUNT", "0"))
# Days after a decision before the submitter's contact details are erased
# (`manage.py erase_submitter_data`, run daily by the operator's scheduler).
SUBMISSION_RETENTION_DAYS = int(os.environ.get("SUBMISSION_RETENTION_DAYS", "365"))
# Tries to send one email before giving up (with a database worker; see
# goodpractice.submissions.tasks).
SUBMISSION_EMAIL_MAX_ATTEMPTS = int(os.environ.get("SUBMISSION_EMAIL_MAX_ATTEMPTS", "5"))

# How long a whole page kept for anonymous visitors may be served (production's page cache,
# goodpractice.page_cache); content changes make it stale at once anyway.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# How long browsers and a CDN may keep a document anyone may read (resources.downloads).
DOCUMENT_CACHE_SECONDS = int(os.environ.get("DOCUMENT_CACHE_SECONDS", "3600"))

# What the scheduler process (`manage.py run_scheduled_jobs`) runs, and every how many seconds:
# Wagtail's scheduled publishing, the erasure of submitters' details past their retention, and
# the observance dates that keep the calendar years ahead.
SCHEDULED_JOBS = [
    ("publish_scheduled", 60),
    ("erase_submitter_data", 24 * 3600),
    ("compute_observance_dates", 24 * 3600),
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "goodpractice": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "resources": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "calendars": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Each address a CDN is told to forget, and any host it cannot be told about.
        "wagtail.frontendcache": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "EDI good practice"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# PostgreSQL full-text search with English stemming ("inducting" finds "induction"); on SQLite
# the same backend uses FTS5, which has no stemming and ignores SEARCH_CONFIG.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"}
}
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILDOCS_DOCUMENT_MODEL = "resources.ResourceDocument"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "csv", "ics"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Admin uploads are checked by content (resources.inspection), not just by name.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "resources.forms.ResourceDocumentForm"
# Served as downloads, never rendered in the site's origin (Wagtail's documents security advice).
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "ics": "text/calendar",
}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
TAGGIT_CASE_INSENSITIVE = True
