"""Shared pieces: strict input serializers, and the user/company/token outputs."""

from collections.abc import Mapping

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from accounts import error_codes
from accounts.models import Company, Role, User
from vwb_site.core.countries import COUNTRY_CHOICES

# The roles a visitor may choose at registration (admin is given by an administrator).
SELF_SERVICE_ROLE_CHOICES = [(Role.B2C, Role.B2C.label), (Role.B2B, Role.B2B.label)]

# Fields that would raise a user's privileges or skip a check if a client could set them.
PRIVILEGED_FIELDS = frozenset(
    {
        "role",
        "is_staff",
        "is_superuser",
        "is_active",
        "is_admin",
        "is_verified_b2b",
        "groups",
        "user_permissions",
        "company",
        "company_id",
        "verification_status",
        "verified_at",
        "verified_by",
        "email",
        "email_confirmed",
        "email_confirmed_at",
        "password",
        "last_login",
        "date_joined",
        "id",
        "user",
        "user_id",
    }
)


class StrictInputSerializer(serializers.Serializer):
    """An input serializer that refuses fields it does not declare, rather than dropping them.

    A field that would change privileges (role, is_staff, company verification...) answers
    `field_not_allowed`, anything else `unknown_field`; nothing is saved.
    """

    field_hints: dict[str, str] = {}

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            writable = {name for name, f in self.fields.items() if not f.read_only}
            errors = {}
            for name in sorted(set(data) - writable):
                if name in PRIVILEGED_FIELDS:
                    message = self.field_hints.get(name, "This field cannot be set here.")
                    errors[name] = [ErrorDetail(message, code=error_codes.FIELD_NOT_ALLOWED)]
                else:
                    errors[name] = [ErrorDetail("Unknown field.", code=error_codes.UNKNOWN_FIELD)]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


class StrictInputSchema(OpenApiSerializerExtension):
    """The schema of a strict input says what it does: `additionalProperties: false`, so that a
    client (or a fuzzer) knows an undeclared field is refused rather than ignored."""

    target_class = StrictInputSerializer
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        schema["additionalProperties"] = False
        serializer_class = self.target if isinstance(self.target, type) else type(self.target)
        if not serializer_class.__dict__.get("__doc__"):
            schema.pop("description", None)  # StrictInputSerializer's own docstring, inherited
        return schema


# The schema names the codes the service accepts (CountryEnum); the field itself stays a plain
# string so that an unknown code reaches the service and gets its own code, unknown_country.
@extend_schema_field(serializers.ChoiceField(choices=COUNTRY_CHOICES))
class CountryCodeField(serializers.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 64)  # checked against ISO 3166 by the service
        super().__init__(**kwargs)


class AccountsCompanyOutput(serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = [
            "id",
            "legal_name",
            "vat_number",
            "country",
            "street",
            "city",
            "zip_code",
            "verification_status",
            "verified_at",
            "rejection_reason",
        ]
        read_only_fields = fields


class AccountsUserOutput(serializers.ModelSerializer):
    """The signed-in user's own profile."""

    email_confirmed = serializers.BooleanField(read_only=True)
    customer_type = serializers.CharField(
        read_only=True, help_text="`b2b` or `b2c`: which prices and checkout rules apply."
    )
    is_verified_b2b = serializers.BooleanField(read_only=True)
    role = serializers.ChoiceField(choices=Role.choices, read_only=True)
    company = AccountsCompanyOutput(read_only=True, allow_null=True)

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "email_confirmed",
            "first_name",
            "last_name",
            "phone",
            "role",
            "customer_type",
            "is_verified_b2b",
            "company",
            "date_joined",
        ]
        read_only_fields = fields


class AuthTokenPairOutput(serializers.Serializer):
    access = serializers.CharField(help_text="JWT access token (Bearer), short-lived.")
    refresh = serializers.CharField(help_text="JWT refresh token; single use, rotates.")


class AuthTokenObtainOutput(serializers.Serializer):
    """Either a token pair (buyers) or, for staff, the second-factor step."""

    access = serializers.CharField(required=False, help_text="JWT access token (not for staff).")
    refresh = serializers.CharField(required=False, help_text="JWT refresh token (not for staff).")
    mfa_required = serializers.BooleanField(
        required=False, help_text="True for staff: send `challenge` and a code to auth/token/2fa."
    )
    challenge = serializers.CharField(
        required=False, help_text="Short-lived pre-2FA token; opens no endpoint."
    )
    expires_in = serializers.IntegerField(required=False, help_text="Seconds the challenge lives.")
    methods = serializers.ListField(
        child=serializers.ChoiceField(choices=["totp", "recovery_code"]), required=False
    )


class AccountsDetailOutput(serializers.Serializer):
    detail = serializers.CharField()
