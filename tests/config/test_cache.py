"""An unreachable Redis degrades the cache; it never fails a page."""

import logging
import socket

from django.core.cache import caches
from django.test import override_settings

import pytest

from goodpractice.cache import FailSoftRedisCache


def unused_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


UNREACHABLE = {
    "default": {
        "BACKEND": "goodpractice.cache.FailSoftRedisCache",
        "LOCATION": f"redis://127.0.0.1:{unused_port()}/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def test_every_cache_call_is_answered_from_the_process_and_warns_once(caplog):
    cache = FailSoftRedisCache(UNREACHABLE["default"]["LOCATION"], UNREACHABLE["default"])
    with caplog.at_level(logging.WARNING, logger="goodpractice.cache"):
        cache.set("key", "value")
        assert cache.get("key") == "value"
        assert cache.add("count", 0)
        assert cache.incr("count") == 1
        assert cache.get_many(["key", "missing"]) == {"key": "value"}
        cache.delete("key")
        assert cache.get("key") is None

    warnings = [record for record in caplog.records if "Redis is unreachable" in record.message]
    assert len(warnings) == 1


@pytest.mark.django_db
def test_pages_and_the_rate_limited_form_work_without_redis(client, home_page, caplog):
    from tests.submissions.submission_helpers import make_submit_page

    page = make_submit_page(home_page)
    with override_settings(CACHES=UNREACHABLE), caplog.at_level(logging.WARNING):
        assert isinstance(caches["default"], FailSoftRedisCache)
        assert client.get("/").status_code == 200
        assert client.get(page.url).status_code == 200
        response = client.post(page.url, {"action": "check"})
        assert response.status_code == 200  # the form with its errors, not a 429 or a 500
    assert any("Redis is unreachable" in record.message for record in caplog.records)
