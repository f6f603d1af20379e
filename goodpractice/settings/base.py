"""Settings shared by every environment.

Safe by default: DEBUG is off and no secret is set here. Everything that differs between
machines comes from the environment (see README.md, "Configuration").
"""

import os
from datetime import timedelta
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
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
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
    "goodpractice.accounts",
    "goodpractice.search",
    "goodpractice.alerts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "goodpractice.security_headers.ContentSecurityPolicyMiddleware",
    "goodpractice.security_headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The request's Wagtail site from the cache, not a query (goodpractice.home.routing).
    "goodpractice.home.routing.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Two-step verification before any admin page (goodpractice.accounts.middleware).
    "goodpractice.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: it says on the sign-in page why an idle admin session was ended.
    "goodpractice.accounts.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it answers a locked-out sign-in (see AXES_* below).
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out account or address before the password is checked.
# AxesBackend is AxesStandaloneBackend with ModelBackend's get_user, which Wagtail's test
# utilities need (they force_login with the first backend).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Security headers on every response, in every environment, so that development and the tests
# see what production sends (production adds HSTS and HTTPS); docs/security.md says what each
# is for. The public pages run no inline script or style: scripts, styles, images and fonts
# come from the site itself, and NHS.UK frontend's fonts from assets.nhs.uk.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'", "https://assets.nhs.uk"],
        "connect-src": ["'self'"],  # the search box's suggestions
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# The Wagtail admin (goodpractice.security_headers): the same, and what Wagtail's editor needs:
# previews framed by the admin itself, images as data: and uploads shown before they are sent.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "blob:"],
        "frame-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "frame-ancestors": ["'self'"],
    }
}
# Added for signed-in editors only: Wagtail 8 starts its date and time widgets and inline
# panels with inline scripts, and its editor's libraries add <style> elements. The admin's
# sign-in pages, open to anyone, stay strict.
ADMIN_SIGNED_IN_CONTENT_SECURITY_POLICY_UPDATE = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
}
# Browser features no page of the site uses, refused to the site and anything it embeds.
PERMISSIONS_POLICY_DENIED = [
    "accelerometer",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "serial",
    "usb",
    "xr-spatial-tracking",
]
# Other sites may not embed the site's responses (pages, documents) with <img>, <script> etc.
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

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
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Admin accounts (docs/security.md, "Admin accounts"). A session ends when the browser closes
# and at the latest 8 hours after it was last changed ("Remember me" keeps it past a restart).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
# An admin session unused for this long is signed out (goodpractice.accounts.middleware).
ADMIN_IDLE_TIMEOUT = int(os.environ.get("ADMIN_IDLE_TIMEOUT", str(30 * 60)))
# Sign-in lockout (django-axes): 5 failures lock the account, and separately the address, for
# 30 minutes; `manage.py axes_reset_username <name>` unlocks an account sooner.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "goodpractice.accounts.views.locked_out"
# The client address as the submission form reads it: X-Forwarded-For only from trusted proxies.
AXES_CLIENT_IP_CALLABLE = "goodpractice.accounts.addresses.client_address"
# Password reset emails allowed per email address and per client address in each window.
PASSWORD_RESET_RATE_LIMIT = int(os.environ.get("PASSWORD_RESET_RATE_LIMIT", "3"))
PASSWORD_RESET_RATE_LIMIT_WINDOW = int(os.environ.get("PASSWORD_RESET_RATE_LIMIT_WINDOW", "3600"))
# Who must use a second factor besides superusers, page publishers and workflow approvers
# (goodpractice.accounts.policy): these permissions, and the members of these models' groups.
TWO_FACTOR_REQUIRED_PERMISSIONS = [
    "submissions.view_submission",
    "submissions.moderate_submission",
    "auth.add_user",
    "auth.change_user",
    "auth.change_group",
]
TWO_FACTOR_REQUIRED_GROUP_MODELS = ["submissions.RegionModerators"]
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "EDI good practice")

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
# The same proxies for sign-in lockouts and the password reset limit (goodpractice.accounts).
ACCOUNTS_TRUSTED_PROXY_COUNT = SUBMISSION_TRUSTED_PROXY_COUNT
# Days after a decision before the submitter's contact details are erased
# (`manage.py erase_submitter_data`, run daily by the operator's scheduler).
SUBMISSION_RETENTION_DAYS = int(os.environ.get("SUBMISSION_RETENTION_DAYS", "365"))
# Tries to send one email before giving up (with a database worker; see
# goodpractice.submissions.tasks).
SUBMISSION_EMAIL_MAX_ATTEMPTS = int(os.environ.get("SUBMISSION_EMAIL_MAX_ATTEMPTS", "5"))

# Email alerts (goodpractice.alerts, docs/alerts.md): subscription requests allowed per client
# address, and confirmation emails per email address, in each window (kept in the cache).
ALERTS_SUBSCRIBE_RATE_LIMIT = int(os.environ.get("ALERTS_SUBSCRIBE_RATE_LIMIT", "10"))
ALERTS_EMAIL_RATE_LIMIT = int(os.environ.get("ALERTS_EMAIL_RATE_LIMIT", "3"))
ALERTS_RATE_LIMIT_WINDOW = int(os.environ.get("ALERTS_RATE_LIMIT_WINDOW", "3600"))
# Days an unconfirmed subscription (and its address) is kept before it is deleted.
ALERTS_UNCONFIRMED_DAYS = int(os.environ.get("ALERTS_UNCONFIRMED_DAYS", "7"))
# Tries to send one alert email before giving up (with a database worker).
ALERTS_EMAIL_MAX_ATTEMPTS = int(os.environ.get("ALERTS_EMAIL_MAX_ATTEMPTS", "5"))

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
    ("delete_held_uploads", 3600),
    ("keep_observance_dates_ahead", 24 * 3600),
    # Email alerts (goodpractice.alerts): each weekly digest once it is due, and the
    # subscriptions never confirmed within ALERTS_UNCONFIRMED_DAYS.
    ("send_alert_digests", 3600),
    ("erase_alert_subscriptions", 3600),
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
# Editors' avatars are Wagtail's own: no email hash sent to Gravatar, nothing the CSP blocks.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
TAGGIT_CASE_INSENSITIVE = True
