"""The production stack when what it depends on fails: the database, Redis.

Each test starts its own gunicorn on the production settings, reaching PostgreSQL or Redis
through a relay that the test cuts and restores, as an outage would.
"""

import os
import re
import time
from urllib.parse import urlparse

import requests

from tests.production.conftest import Relay


def relayed(url, relay):
    parts = urlparse(url)
    user = f"{parts.username}@" if parts.username else ""
    return parts._replace(netloc=f"{user}127.0.0.1:{relay.port}").geturl()


def relay_to(url):
    parts = urlparse(url)
    return Relay(parts.hostname, parts.port)


def csrf_and_token(session, url):
    html = session.get(url).text
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    return {"csrfmiddlewaretoken": csrf, "form_token": token}


def test_database_unreachable_every_page_is_a_friendly_503_and_the_site_recovers(start_server):
    database = relay_to(os.environ["PRODUCTION_DATABASE_URL"])
    server = start_server(
        DATABASE_URL=relayed(os.environ["PRODUCTION_DATABASE_URL"], database),
        REDIS_URL=os.environ["PRODUCTION_REDIS_URL"],
    )
    session = requests.Session()
    assert session.get(f"{server.url}/").status_code == 200
    form = csrf_and_token(session, f"{server.url}/submit/")

    database.cut()
    for path in ["/", "/good-practice/", "/good-practice/?q=induction", "/submit/", "/resources/"]:
        response = session.get(f"{server.url}{path}")
        assert response.status_code == 503, path
        assert response.headers["Retry-After"] == "30"
        assert "Sorry, the service is unavailable" in response.text
    posted = session.post(
        f"{server.url}/submit/",
        data={**form, "title": "Sent while the database was down", "action": "send"},
        headers={"Referer": f"{server.url}/submit/"},
    )
    assert posted.status_code == 503
    assert "it was not saved" in posted.text
    assert "Submission sent" not in posted.text
    assert session.get(f"{server.url}/healthz").status_code == 200
    ready = session.get(f"{server.url}/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["database"]["status"] == "unavailable"

    database.open()
    deadline = time.monotonic() + 15
    while session.get(f"{server.url}/").status_code != 200:
        assert time.monotonic() < deadline, "the site did not recover by itself"
        time.sleep(0.5)
    assert session.get(f"{server.url}/readyz").status_code == 200


def test_redis_unreachable_pages_keep_working_from_the_database_with_a_warning(start_server):
    redis = relay_to(os.environ["PRODUCTION_REDIS_URL"])
    server = start_server(
        DATABASE_URL=os.environ["PRODUCTION_DATABASE_URL"],
        REDIS_URL=relayed(os.environ["PRODUCTION_REDIS_URL"], redis),
    )
    session = requests.Session()
    assert session.get(f"{server.url}/good-practice/").status_code == 200

    redis.cut()
    for path in ["/", "/good-practice/?theme=training-and-development", "/submit/"]:
        assert session.get(f"{server.url}{path}").status_code == 200, path
    form = csrf_and_token(session, f"{server.url}/submit/")
    checked = session.post(
        f"{server.url}/submit/",
        data={**form, "action": "check"},
        headers={"Referer": f"{server.url}/submit/"},
    )
    assert checked.status_code == 200  # the form's own errors: the rate limit still counts
    assert "There is a problem" in checked.text
    assert "Redis is unreachable" in server.logged()
    ready = session.get(f"{server.url}/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"]["cache"]["status"] == "degraded"

    redis.open()
    time.sleep(6)  # Redis is tried again after a few seconds
    assert session.get(f"{server.url}/").status_code == 200
    assert session.get(f"{server.url}/readyz").json()["checks"]["cache"]["status"] == "ok"
