import pytest

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_names_each_thing_a_request_needs(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "storage", "queue"}
    assert all(check["status"] == "ok" for check in body["checks"].values())


def test_a_new_site_with_nothing_uploaded_yet_is_ready(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "not-made-yet"

    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"]["storage"]["status"] == "ok"


def test_readyz_is_503_and_says_which_when_one_is_unreachable(client, monkeypatch):
    from goodpractice import health

    def unreachable():
        raise ConnectionError("refused")

    monkeypatch.setitem(health.CHECKS, "cache", unreachable)
    response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"] == {"status": "unavailable", "error": "ConnectionError"}
    assert body["checks"]["database"]["status"] == "ok"
