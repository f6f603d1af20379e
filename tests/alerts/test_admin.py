"""Reports → Email alerts: counts per search, addresses masked, administrators only."""

from django.contrib.auth.models import Permission

import pytest

from tests.accounts.helpers import verified_login

pytestmark = pytest.mark.django_db


def test_administrators_see_counts_per_search_and_masked_addresses(
    admin_client, repository, terms, subscription
):
    subscription(email="jane.doe@example.nhs.uk")
    subscription(email="sam@example.nhs.uk", frequency="weekly")
    subscription(email="alex@example.nhs.uk", query="region=london")
    response = admin_client.get("/admin/reports/email-alerts/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Induction" in html
    assert "London" in html
    assert "j•••@e•••.uk" in html
    for address in ("jane.doe@example.nhs.uk", "sam@example.nhs.uk", "alex@example.nhs.uk"):
        assert address not in html


def test_other_admin_users_may_not_see_it(client, django_user_model, repository):
    editor = django_user_model.objects.create_user("editor", "editor@example.nhs.uk", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = verified_login(client, editor)
    response = client.get("/admin/reports/email-alerts/")  # Wagtail's "permission denied"
    assert response.status_code == 302
    assert response.url == "/admin/"
