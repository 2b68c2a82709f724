"""Input and output serializers of the CMS endpoints under /v1/."""

from django.conf import settings
from rest_framework import serializers

from cms_pages.models import ContactTopic


def _single_line(value: str) -> str:
    if any(ch in value for ch in "\r\n\x00"):
        raise serializers.ValidationError("Must be a single line.", code="invalid")
    return value.strip()


class ContactMessageCreateInput(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    email = serializers.EmailField(max_length=254)
    topic = serializers.ChoiceField(choices=ContactTopic.choices)
    message = serializers.CharField(
        help_text="Up to CMS_CONTACT_MESSAGE_MAX_LENGTH characters (5000 by default)."
    )
    company = serializers.CharField(max_length=160, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    website = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="Honeypot: hidden from people and left empty. Anything in it drops the message.",
    )

    def validate_name(self, value: str) -> str:
        return _single_line(value)

    def validate_company(self, value: str) -> str:
        return _single_line(value)

    def validate_phone(self, value: str) -> str:
        return _single_line(value)

    def validate_message(self, value: str) -> str:
        limit = settings.CMS_CONTACT_MESSAGE_MAX_LENGTH
        if len(value) > limit:
            raise serializers.ValidationError(
                f"Ensure this field has no more than {limit} characters.", code="max_length"
            )
        return value


class ContactMessageCreateOutput(serializers.Serializer):
    status = serializers.ChoiceField(choices=["received"])


class RedirectOutput(serializers.Serializer):
    old_path = serializers.CharField()
    location = serializers.CharField(help_text="A storefront path or an absolute URL.")
    is_permanent = serializers.BooleanField()
