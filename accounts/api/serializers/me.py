"""Inputs and outputs of /v1/me and /v1/me/addresses."""

from rest_framework import serializers

from accounts.api.serializers.common import CountryCodeField, StrictInputSerializer
from accounts.models import Address


class MeUpdateInput(StrictInputSerializer):
    field_hints = {
        "email": "The e-mail address changes through POST /v1/me/email (password and a "
        "confirmation link to the new address).",
        "password": "The password changes through POST /v1/auth/password/change.",
    }

    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)


class MeEmailChangeInput(StrictInputSerializer):
    new_email = serializers.EmailField(max_length=254)
    current_password = serializers.CharField(max_length=128, trim_whitespace=False)


class AddressOutput(serializers.ModelSerializer):
    class Meta:
        model = Address
        fields = [
            "id",
            "recipient_name",
            "company_name",
            "street",
            "city",
            "zip_code",
            "country",
            "phone",
            "is_default_shipping",
            "is_default_billing",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class AddressCreateInput(StrictInputSerializer):
    recipient_name = serializers.CharField(max_length=200)
    company_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    street = serializers.CharField(max_length=200)
    city = serializers.CharField(max_length=100)
    zip_code = serializers.CharField(max_length=20)
    country = CountryCodeField()
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    is_default_shipping = serializers.BooleanField(required=False)
    is_default_billing = serializers.BooleanField(required=False)


class AddressUpdateInput(StrictInputSerializer):
    recipient_name = serializers.CharField(max_length=200, required=False)
    company_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    street = serializers.CharField(max_length=200, required=False)
    city = serializers.CharField(max_length=100, required=False)
    zip_code = serializers.CharField(max_length=20, required=False)
    country = CountryCodeField(required=False)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    is_default_shipping = serializers.BooleanField(required=False)
    is_default_billing = serializers.BooleanField(required=False)
