"""What a visitor sees when the site fails: a friendly, static 503 with Retry-After while the
database is unreachable (the site recovers by itself once it is back), the 500 page otherwise.

Both pages need nothing but static files: no database, no session, no site settings.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def database_unavailable(error):
    """True for an error that a retry may cure: the database is unreachable, restarting or
    too busy (OperationalError), or the connection broke (InterfaceError)."""
    return isinstance(error, OperationalError | InterfaceError)


def unavailable_response():
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Django's handler500, called while the exception is being handled."""
    error = sys.exc_info()[1]
    if error is not None and database_unavailable(error):
        logger.warning("The database is unavailable: answered 503 (%s)", error)
        return unavailable_response()
    return HttpResponseServerError(loader.render_to_string(template_name))
