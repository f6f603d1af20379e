"""Fast, isolated settings for the test suite (DATABASE_URL still chooses the database)."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-a-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Submitted attachments go to a throwaway folder, never the developer's private-media/.
SUBMISSION_PRIVATE_ROOT = Path(tempfile.mkdtemp(prefix="goodpractice-private-"))
SUBMISSION_MIN_FILL_SECONDS = 3
