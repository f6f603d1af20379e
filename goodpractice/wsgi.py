"""The WSGI application, for the application server (gunicorn: see goodpractice/gunicorn.py)."""

import os
import sys

from django.core.wsgi import get_wsgi_application

from goodpractice.settings.environment import SettingError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodpractice.settings.production")

try:
    application = get_wsgi_application()
except SettingError as error:
    sys.exit(f"Configuration error: {error}")
