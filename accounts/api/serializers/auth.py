"""Inputs and outputs of /v1/auth/*."""

from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail, ValidationError

from accounts import error_codes
from accounts.api.serializers.common import (
    SELF_SERVICE_ROLE_CHOICES,
    AccountsUserOutput,
    CountryCodeField,
    StrictInputSerializer,
)
from accounts.models import Role


class SelfServiceRoleField(serializers.ChoiceField):
    """b2c or b2b; asking for another existing role (admin) is a refused escalation."""

    def __init__(self, **kwargs):
        super().__init__(choices=SELF_SERVICE_ROLE_CHOICES, **kwargs)

    def to_internal_value(self, data):
        if data in Role.values and data not in self.choices:
            raise ValidationError(
                [
                    ErrorDetail(
                        "Choose b2c or b2b; other roles are given by an administrator.",
                        code=error_codes.ROLE_NOT_ALLOWED,
                    )
                ]
            )
        return super().to_internal_value(data)


class AuthRegisterCompanyInput(StrictInputSerializer):
    legal_name = serializers.CharField(max_length=200)
    vat_number = serializers.CharField(
        max_length=40,
        help_text="EU: checked for the country's format and normalised "
        "(DE136695976). Elsewhere: the company's tax id.",
    )
    country = CountryCodeField()
    street = serializers.CharField(max_length=200)
    city = serializers.CharField(max_length=100)
    zip_code = serializers.CharField(max_length=20)


class AuthRegisterInput(StrictInputSerializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(
        max_length=128, trim_whitespace=False, style={"input_type": "password"}
    )
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    role = SelfServiceRoleField(
        required=False,
        default=Role.B2C,
        help_text="b2c (default) or b2b (then `company` is required).",
    )
    company = AuthRegisterCompanyInput(required=False, allow_null=True, default=None)


class AuthRegisterOutput(serializers.Serializer):
    user = AccountsUserOutput()
    access = serializers.CharField()
    refresh = serializers.CharField()


class AuthTokenInput(StrictInputSerializer):
    email = serializers.CharField(max_length=254)
    password = serializers.CharField(
        max_length=128, trim_whitespace=False, style={"input_type": "password"}
    )


class AuthTokenMfaInput(StrictInputSerializer):
    challenge = serializers.CharField(max_length=2000)
    code = serializers.RegexField(
        r"^\s*\d{6}\s*$", required=False, help_text="6 digits from the authenticator app."
    )
    recovery_code = serializers.CharField(
        max_length=20, required=False, help_text="One of the recovery codes shown at enrolment."
    )

    def validate(self, attrs):
        if bool(attrs.get("code")) == bool(attrs.get("recovery_code")):
            raise ValidationError(
                {
                    "code": [
                        ErrorDetail(
                            "Send either `code` or `recovery_code`.", code="mfa_code_required"
                        )
                    ]
                }
            )
        return attrs


class AuthRefreshInput(StrictInputSerializer):
    refresh = serializers.CharField(max_length=2000)


class AuthLogoutInput(StrictInputSerializer):
    refresh = serializers.CharField(max_length=2000)


class AuthPasswordChangeInput(StrictInputSerializer):
    current_password = serializers.CharField(max_length=128, trim_whitespace=False)
    new_password = serializers.CharField(max_length=128, trim_whitespace=False)


class AuthPasswordResetInput(StrictInputSerializer):
    email = serializers.EmailField(max_length=254)


class AuthPasswordResetConfirmInput(StrictInputSerializer):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)
    new_password = serializers.CharField(max_length=128, trim_whitespace=False)


class AuthEmailConfirmInput(StrictInputSerializer):
    token = serializers.CharField(max_length=1000)


class AuthEmailConfirmOutput(serializers.Serializer):
    email = serializers.EmailField()
    email_confirmed = serializers.BooleanField()
