"""The footer's links, as editors set them in Settings → Footer links.

wagtail-nhsuk-frontend's own footer settings store each address in a `URLField`, which refuses
the addresses a footer needs most: a page of this site (`/privacy/`) and an email address
(`mailto:`). Here a link goes to a page chosen in the page chooser (it follows the page when it
moves) or to an address that is a path on this site, an `https://` address or a `mailto:` one.
"""

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import models

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

MAX_LINKS = 9


def validate_footer_address(value):
    """A path on this site, an https:// address or a mailto: address, nothing else."""
    if value.startswith("/") and not value.startswith("//"):
        if any(char.isspace() for char in value):
            raise ValidationError("An address on this site cannot contain spaces.")
        return
    if value.startswith("mailto:"):
        EmailValidator(message="Enter an email address after mailto:, like mailto:team@nhs.net.")(
            value.removeprefix("mailto:").split("?", 1)[0]
        )
        return
    URLValidator(
        schemes=["https"],
        message="Enter an address that starts with /, https:// or mailto:.",
    )(value)


@register_setting(icon="list-ul")
class SiteFooter(ClusterableModel, BaseSiteSetting):
    """The links at the foot of every page: contact, privacy notice, accessibility statement."""

    panels = [
        InlinePanel(
            "links",
            label="Footer link",
            heading="Footer links",
            help_text=f"Shown in this order at the foot of every page; at most {MAX_LINKS}.",
            max_num=MAX_LINKS,
        )
    ]

    class Meta:
        verbose_name = "footer links"


class FooterLink(Orderable):
    footer = ParentalKey(SiteFooter, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=100, help_text="The words of the link, like “Contact us”.")
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A page of this site. Leave empty to give an address instead.",
    )
    address = models.CharField(
        max_length=500,
        blank=True,
        validators=[validate_footer_address],
        help_text="Or an address: /privacy/, https://www.example.org/ or mailto:team@nhs.net.",
    )

    panels = [
        FieldPanel("label"),
        MultiFieldPanel([FieldPanel("page"), FieldPanel("address")], heading="Where the link goes"),
    ]

    def clean(self):
        super().clean()
        if self.page_id and self.address:
            raise ValidationError({"address": "Choose a page or give an address, not both."})
        if not self.page_id and not self.address:
            raise ValidationError({"address": "Choose a page or give an address."})

    def url(self, site=None, request=None):
        """The link's address, or '' when its page has gone (deleted since it was chosen)."""
        if self.page_id:
            return self.page.get_url(request=request) if self.page else ""
        return self.address

    def __str__(self):
        return self.label
