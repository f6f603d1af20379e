"""The subscriber's pages under /alerts/: ask for an alert, confirm it, manage it, end it.

The confirm, manage and unsubscribe pages are opened by the subscription's token, so, like
the submissions' status pages, they are never stored (`no-store`), never indexed and never
send their address to another site. The one-click unsubscribe (RFC 8058) is a POST from a
mail client without a CSRF token: it is exempt, and saying "unsubscribed" for a token that no
longer exists makes it idempotent.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from goodpractice.alerts import matching, subscriptions
from goodpractice.alerts.forms import FrequencyForm, SubscribeForm
from goodpractice.alerts.limits import connection_over_limit
from goodpractice.alerts.models import Subscription

TEMPLATE_DIR = "alerts"


def private(response):
    add_never_cache_headers(response)
    response.headers["X-Robots-Tag"] = "noindex"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def _repository():
    repository = matching.finder()
    if repository is None:
        raise Http404("There is no repository to follow yet.")
    return repository


def _search_context(repository, query):
    return {
        "repository": repository,
        "search_description": matching.describe(repository, query),
        "results_url": repository.get_url() + (f"?{query}" if query else ""),
    }


@require_http_methods(["GET", "POST"])
def subscribe(request):
    repository = _repository()
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        query = matching.normalise_query(repository, request.POST.get("query", ""))
        context = {"form": form, **_search_context(repository, query)}
        if connection_over_limit(request):
            context["rate_limited"] = True
            return TemplateResponse(request, f"{TEMPLATE_DIR}/subscribe.html", context, status=429)
        if form.is_valid():
            subscriptions.request_alert(
                form.cleaned_data["email"], query, form.cleaned_data["frequency"]
            )
            return redirect("alerts:check_your_email")
        return TemplateResponse(request, f"{TEMPLATE_DIR}/subscribe.html", context)
    query = matching.normalise_query(repository, request.GET.urlencode())
    form = SubscribeForm(initial={"query": query})
    response = TemplateResponse(
        request,
        f"{TEMPLATE_DIR}/subscribe.html",
        {"form": form, **_search_context(repository, query)},
    )
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def check_your_email(request):
    return TemplateResponse(request, f"{TEMPLATE_DIR}/check_your_email.html")


def _not_found(request):
    return private(TemplateResponse(request, f"{TEMPLATE_DIR}/not_found.html", status=404))


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is None:
        return _not_found(request)
    if request.method == "POST":
        subscriptions.confirm(subscription)
        return redirect(reverse("alerts:manage", args=[token]) + "?confirmed=1")
    repository = _repository()
    context = {"subscription": subscription, **_search_context(repository, subscription.query)}
    return private(TemplateResponse(request, f"{TEMPLATE_DIR}/confirm.html", context))


@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is None:
        return _not_found(request)
    repository = _repository()
    form = FrequencyForm(initial={"frequency": subscription.frequency})
    changed = False
    if request.method == "POST":
        if request.POST.get("action") == "delete":
            subscriptions.erase(Subscription.objects.filter(pk=subscription.pk))
            return private(TemplateResponse(request, f"{TEMPLATE_DIR}/unsubscribed.html"))
        form = FrequencyForm(request.POST)
        if form.is_valid():
            subscriptions.change_frequency(subscription, form.cleaned_data["frequency"])
            changed = True
    context = {
        "subscription": subscription,
        "form": form,
        "changed": changed,
        "confirmed_now": request.GET.get("confirmed") == "1" and subscription.is_confirmed,
        "unsubscribe_url": reverse("alerts:unsubscribe", args=[token]),
        **_search_context(repository, subscription.query),
    }
    return private(TemplateResponse(request, f"{TEMPLATE_DIR}/manage.html", context))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows the button (a link-checker or preview never unsubscribes anyone); POST,
    from that button or a mail client's one-click, deletes the subscription."""
    if request.method == "POST":
        subscriptions.erase(Subscription.objects.filter(token=token))
        return private(TemplateResponse(request, f"{TEMPLATE_DIR}/unsubscribed.html"))
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is None:
        return private(TemplateResponse(request, f"{TEMPLATE_DIR}/unsubscribed.html"))
    repository = _repository()
    context = {"subscription": subscription, **_search_context(repository, subscription.query)}
    return private(TemplateResponse(request, f"{TEMPLATE_DIR}/unsubscribe.html", context))
