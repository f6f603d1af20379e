"""The public side of submissions: the form, the check step, the reference, the status page.

Served by SubmitGoodPracticePage's routes (goodpractice.submissions.pages). Nothing
here is cached: every response carries the person's own answers or their private status link.
"""

import logging

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from goodpractice.home.rate_limits import over_limit
from goodpractice.repository.classifications import TERMS
from goodpractice.repository.items import GoodPracticeItemPage
from goodpractice.submissions import moderation, publication
from goodpractice.submissions.forms import (
    HONEYPOT_FIELD,
    SubmissionForm,
    answer_rows,
    hold_uploads,
    new_form_token,
    read_form_token,
)
from goodpractice.submissions.submission import Submission, SubmissionAttachment

logger = logging.getLogger(__name__)

SESSION_KEY = "goodpractice_submissions"
TEMPLATE_DIR = "submissions"


def rate_limited(request):
    """Count this post; True once the address has posted too often in the window."""
    return over_limit(
        request,
        "submission",
        settings.SUBMISSION_RATE_LIMIT,
        settings.SUBMISSION_RATE_LIMIT_WINDOW,
    )


def looks_like_a_bot(form_data, elapsed):
    if form_data.get(HONEYPOT_FIELD):
        return "honeypot"
    if elapsed is not None and elapsed < settings.SUBMISSION_MIN_FILL_SECONDS:
        return "too fast"
    return None


def private(response):
    add_never_cache_headers(response)
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    # The status link is in the URL: never send it to another site. ("no-referrer" would make
    # browsers post "Origin: null", which Django's CSRF check rightly refuses.)
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def render(request, page, template, context, status=200):
    context = {"page": page, "self": page, **context}
    return private(TemplateResponse(request, f"{TEMPLATE_DIR}/{template}", context, status=status))


def submission_form(request, page):
    if request.method != "POST":
        form = SubmissionForm(initial={"form_token": new_form_token()})
        return render(request, page, "form.html", {"form": form})
    return handle_post(request, page)


def handle_post(request, page, submission=None):
    """The form and status pages post here: check, hold files, then confirm or save."""
    signed = request.POST.get("form_token", "")
    token, elapsed = read_form_token(signed)
    expired = token is None
    if expired:
        signed = new_form_token()
        token, elapsed = read_form_token(signed)
        elapsed = None
    data = request.POST.copy()
    data["form_token"] = signed

    limited = rate_limited(request)
    # A resubmission comes through the private status link, which no bot has.
    bot = None if submission else looks_like_a_bot(request.POST, elapsed)

    held = SubmissionAttachment.objects.held_for(token)
    existing = list(submission.attachments.all()) if submission else []
    form = SubmissionForm(
        data,
        request.FILES,
        instance=submission,
        held_attachments=[*existing, *held],
    )
    template = "status.html" if submission else "form.html"
    context = {"form": form, "submission": submission}
    if submission:
        context["messages_for_submitter"] = submission.messages.exclude(kind="resubmitted")

    if limited:
        logger.warning("Rate limit reached on the submission form")
        return render(request, page, template, {**context, "rate_limited": True}, status=429)

    valid = form.is_valid()
    if bot and valid:
        # A complete form that fails the bot checks gets the page a person would, and is kept
        # in quarantine for the quality team to release or delete: a person whose browser
        # filled the honeypot loses nothing. An incomplete one (a person who pressed Continue
        # at once) gets the errors.
        hold_uploads(form, token)
        quarantined, _ = moderation.create_submission(form, token, page, quarantine_reason=bot)
        logger.info("Quarantined %s: it failed the bot checks (%s)", quarantined, bot)
        return render(request, page, "sent.html", {"submission": None})
    removing = {int(pk) for pk in data.getlist("remove_attachments") if pk.isdigit()}
    for attachment in [*existing, *held]:
        if attachment.pk in removing:
            attachment.delete()
    if not bot and not expired:
        # Only a form this site handed out holds files, within its quota (forms.py).
        hold_uploads(form, token)
    form.held_attachments = [
        *(a for a in existing if a.pk not in removing),
        *SubmissionAttachment.objects.held_for(token),
    ]
    data.setlist("remove_attachments", [])

    if expired:
        context["expired"] = True
        return render(request, page, template, context)
    if not valid or request.POST.get("action") == "change":
        return render(request, page, template, context)
    if request.POST.get("action") != "send":
        cleaned = form.cleaned_data
        return render(
            request,
            page,
            "check.html",
            {
                **context,
                "answers": answer_rows(cleaned),
                "similar_items": GoodPracticeItemPage.objects.similar_to(
                    cleaned["title"], cleaned["summary"]
                ),
            },
        )

    if submission is None:
        submission, _ = moderation.create_submission(form, token, page)
        remember(request, submission)
        return private(redirect(page.url + page.reverse_subpage("sent")))
    moderation.resubmit(submission, form, token)
    return private(redirect(page.status_path(submission)))


def remember(request, submission):
    """The success page shows the reference and status link of what this browser sent."""
    sent = request.session.get(SESSION_KEY, {})
    sent["latest"] = submission.pk
    request.session[SESSION_KEY] = sent


def submission_sent(request, page):
    latest = request.session.get(SESSION_KEY, {}).get("latest")
    submission = Submission.objects.filter(pk=latest).first() if latest else None
    if submission is None:
        return private(redirect(page.url))
    return render(
        request,
        page,
        "sent.html",
        {
            "submission": submission,
            "status_url": request.build_absolute_uri(page.status_path(submission)),
        },
    )


def submission_status(request, page, token):
    key = Submission.key_from_status_token(token)
    submission = (
        Submission.objects.select_related("item")
        .prefetch_related("messages", "attachments", *(c.submission_field for c in TERMS))
        .filter(status_key=key)
        .first()
        if key
        else None
    )
    if submission is None:
        raise Http404("No submission has this status link")
    if request.method == "POST" and submission.can_be_changed_by_submitter:
        return handle_post(request, page, submission)
    form = None
    if submission.can_be_changed_by_submitter:
        form = SubmissionForm(
            instance=submission,
            initial={"form_token": new_form_token(), "data_protection_consent": True},
            held_attachments=submission.attachments.all(),
        )
    return render(
        request,
        page,
        "status.html",
        {
            "submission": submission,
            "form": form,
            "answers": answer_rows(
                vars(submission)
                | {c.submission_field: getattr(submission, c.submission_field) for c in TERMS}
            ),
            "messages_for_submitter": [
                message for message in submission.messages.all() if message.kind != "resubmitted"
            ],
            "publication": publication.state(submission),
            "published_on": publication.published_on(submission),
            "item_url": publication.item_url(submission, request),
        },
    )
