"""Inputs and outputs of the privacy endpoints (export, erasure, consents, site config)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.serializers.common import StrictInputSerializer
from accounts.models_privacy import ConsentPurpose, ConsentSource


@extend_schema_field(serializers.ChoiceField(choices=ConsentPurpose.choices))
class ConsentPurposeField(serializers.CharField):
    """A consent purpose: one of ConsentPurpose in the schema, any string to the service (which
    answers an unknown one with `consent_unknown_purpose`)."""


class PrivacyPasswordInput(StrictInputSerializer):
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class PrivacyErasureInput(StrictInputSerializer):
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class PrivacyExportOutput(serializers.Serializer):
    id = serializers.UUIDField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    ready_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(allow_null=True)
    size_bytes = serializers.IntegerField()


class PrivacyConsentInput(StrictInputSerializer):
    # A plain string, so an unknown purpose reaches the service and gets its own error code;
    # the schema lists the purposes.
    purpose = ConsentPurposeField(max_length=64)
    granted = serializers.BooleanField()
    source = serializers.ChoiceField(
        choices=ConsentSource.choices, required=False, default=ConsentSource.API
    )


class PrivacyConsentRecordOutput(serializers.Serializer):
    purpose = serializers.ChoiceField(choices=ConsentPurpose.choices)
    granted = serializers.BooleanField()
    policy_version = serializers.CharField()
    source = serializers.CharField()
    created_at = serializers.DateTimeField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)


class PrivacyConsentStateOutput(serializers.Serializer):
    purpose = serializers.ChoiceField(choices=ConsentPurpose.choices)
    granted = serializers.BooleanField(help_text="True only under the current policy version.")
    policy_version = serializers.CharField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)


class PrivacyConsentListOutput(serializers.Serializer):
    policy_version = serializers.CharField()
    consents = PrivacyConsentStateOutput(many=True)
    history = PrivacyConsentRecordOutput(many=True)


class PrivacyConsentCategoryOutput(serializers.Serializer):
    purpose = serializers.CharField()
    label = serializers.CharField()
    description = serializers.CharField()
    required = serializers.BooleanField()


class SiteConfigPayPalOutput(serializers.Serializer):
    client_id = serializers.CharField(help_text="Public PayPal client id for the JS SDK.")
    currency = serializers.CharField()
    environment = serializers.ChoiceField(choices=["sandbox", "live"])


class PrivacySiteConfigOutput(serializers.Serializer):
    ga4_measurement_id = serializers.CharField(allow_blank=True)
    privacy_policy_version = serializers.CharField()
    consent_categories = PrivacyConsentCategoryOutput(many=True)
    paypal = SiteConfigPayPalOutput(
        allow_null=True, help_text="PayPal buttons' settings; null when PayPal is off."
    )
