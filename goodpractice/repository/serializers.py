"""How the API (goodpractice.repository.api) shows an item's related terms and documents."""

from rest_framework import serializers


class TermSerializer(serializers.Serializer):
    """A theme, region, audience or protected characteristic, by name and slug."""

    name = serializers.CharField()
    slug = serializers.CharField()


class AttachedDocumentSerializer(serializers.Serializer):
    title = serializers.CharField(source="document.title")
    url = serializers.CharField(source="document.url")
    format = serializers.CharField(source="document.detected_format")


class TagNamesField(serializers.Field):
    """An item's tags as a list of names, A to Z, from the tags already fetched for the whole
    listing (Wagtail's own tags field orders them in SQL: one query per item)."""

    def to_representation(self, tags):
        return sorted((tag.name for tag in tags.all()), key=str.casefold)


def consented(attribute):
    """A contact field as the item shows it: empty unless the contact agreed to publication
    (the item's `public_contact_*` properties)."""
    return serializers.CharField(source=attribute, read_only=True)
