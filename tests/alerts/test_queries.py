"""The alert pages read a fixed number of queries however much content there is."""

import pytest

pytestmark = pytest.mark.django_db

SUBSCRIBE_QUERIES = 2
MANAGE_QUERIES = 3


@pytest.mark.parametrize("items", [1, 6])
def test_the_subscribe_and_manage_pages_queries_are_pinned(
    client, terms, make_item, subscription, django_assert_num_queries, items
):
    for number in range(items):
        make_item(f"Item {number}", themes=[terms["induction"]], regions=[terms["london"]])
    alert = subscription()
    client.get("/alerts/?theme=induction")  # the facet index, built once per content version
    with django_assert_num_queries(SUBSCRIBE_QUERIES):
        assert client.get("/alerts/?theme=induction&region=london").status_code == 200
    with django_assert_num_queries(MANAGE_QUERIES):
        assert client.get(f"/alerts/manage/{alert.token}/").status_code == 200
