"""Regression tests for the server errors the hostile-input sweep (test_hostile_inputs) found,
each on the smallest site that shows it."""

from django.http import QueryDict

import pytest

from goodpractice.repository.classifications import TERMS
from goodpractice.submissions.forms import SubmissionForm
from resources.filters import ResourceFilterForm
from resources.models import ResourcePage


@pytest.mark.parametrize("query", ["search=%00", "search=a%00b", "search='\"(", "search=%ff%fe"])
def test_api_search_with_control_characters_or_syntax_is_answered(client, repository, query):
    response = client.get(f"/api/v2/items/?{query}")
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] == 0


def test_api_unknown_search_operator_is_a_bad_request(client, repository):
    response = client.get("/api/v2/items/?search=a&search_operator=%00")
    assert response.status_code == 400
    assert "search_operator" in response.json()["message"]


@pytest.mark.parametrize("path", [f"/api/v2/items/{10**30}/", f"/api/v2/items/find/?id={10**30}"])
def test_api_ids_no_page_can_have_are_not_found(client, repository, path):
    assert client.get(path).status_code == 404


def test_submission_form_with_a_huge_term_id_reports_the_choice(db):
    field = TERMS[0].submission_field
    data = QueryDict(mutable=True)
    data.setlist(field, [str(10**30)])
    form = SubmissionForm(data)
    assert not form.is_valid()
    assert form.errors[field]


@pytest.mark.parametrize("query", ["'\"(*", "\x00"])
def test_resource_search_with_quotes_or_control_characters_is_answered(db, query):
    form = ResourceFilterForm({"q": query}, searchable=ResourcePage.objects.live())
    assert form.search_matches == []
