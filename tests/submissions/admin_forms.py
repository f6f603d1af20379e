"""Form data for posting good-practice pages through the real Wagtail admin views."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def item_form_data(title, theme, region, **overrides):
    data = {
        "title": title,
        "slug": "",
        "summary": "What the initiative is, in a sentence.",
        "body": streamfield(
            [
                ("heading", {"text": "The problem", "level": "h2"}),
                ("paragraph", rich_text("<p>Why the team started.</p>")),
            ]
        ),
        "tags": "induction, mentoring",
        "status": "pilot",
        "evaluation": "informal",
        "learners_reached": "",
        "date_started": "",
        "last_reviewed": "",
        "review_due": "",
        "documents": inline_formset([]),
        "contact_name": "",
        "contact_role": "",
        "contact_organisation": "",
        "contact_email": "",
        "comments": inline_formset([]),
    }
    multiple = {"themes": [theme.pk], "regions": [region.pk]}
    for name in ("themes", "regions", "audiences", "protected_characteristics"):
        if name in overrides:
            multiple[name] = overrides.pop(name)
    data.update(overrides)
    # nested_form_data would flatten lists into "name-0" keys; checkboxes post repeated keys.
    return {**nested_form_data(data), **multiple}
