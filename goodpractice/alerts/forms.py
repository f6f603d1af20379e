from django import forms

from goodpractice.alerts.models import Subscription

FREQUENCY_CHOICES = [
    (Subscription.Frequency.IMMEDIATE, "As soon as a new item is published"),
    (Subscription.Frequency.WEEKLY, "Once a week, listing the week's new items"),
]


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label="How often do you want emails?",
        choices=FREQUENCY_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how often you want emails"},
    )


class SubscribeForm(FrequencyForm):
    field_order = ["email", "frequency"]

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Enter an email address of 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    # The finder's query string; normalised again by the view, whatever it says.
    query = forms.CharField(required=False, widget=forms.HiddenInput)
