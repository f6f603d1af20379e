"""Reports → Email alerts, for administrators: how many people follow each search, and the
latest subscriptions with their addresses masked (an address is never needed to run alerts;
subscribers manage their own from their emails)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.template.response import TemplateResponse

from goodpractice.alerts import matching
from goodpractice.alerts.models import AlertEmail, Subscription

LATEST_SHOWN = 50


def masked(email):
    """ "j•••@n•••.uk": enough to tell two apart on the phone, not to write to."""
    local, _, domain = email.partition("@")
    name, _, suffix = domain.rpartition(".")
    return f"{local[:1]}•••@{name[:1]}•••.{suffix}" if name else f"{local[:1]}•••@•••"


def subscriptions_report(request):
    if not request.user.is_superuser:
        raise PermissionDenied
    repository = matching.finder()
    per_query = (
        Subscription.objects.values("query")
        .annotate(
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
            immediate=Count(
                "pk",
                filter=Q(confirmed_at__isnull=False, frequency=Subscription.Frequency.IMMEDIATE),
            ),
            weekly=Count(
                "pk",
                filter=Q(confirmed_at__isnull=False, frequency=Subscription.Frequency.WEEKLY),
            ),
            unconfirmed=Count("pk", filter=Q(confirmed_at__isnull=True)),
            last_sent_at=Max("last_sent_at"),
        )
        .order_by("-confirmed", "query")
    )
    queries = []
    for row in per_query:
        row["description"] = (
            matching.describe(repository, row["query"]) if repository else row["query"]
        ) or "Everything (no search or filters)"
        queries.append(row)
    latest = [
        {"subscription": subscription, "masked_email": masked(subscription.email)}
        for subscription in Subscription.objects.order_by("-created_at")[:LATEST_SHOWN]
    ]
    failed = AlertEmail.objects.filter(status=AlertEmail.Status.FAILED).count()
    return TemplateResponse(
        request,
        "alerts/admin/report.html",
        {"queries": queries, "latest": latest, "failed": failed, "header_icon": "mail"},
    )
