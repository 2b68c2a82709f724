"""Inputs and outputs of /v1/admin/users and /v1/admin/companies."""

from rest_framework import serializers

from accounts.api.serializers.common import StrictInputSerializer
from accounts.models import Company, Role, User


class AdminUserCompanySummary(serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = ["id", "legal_name", "country", "verification_status"]
        read_only_fields = fields


class AdminUserOutput(serializers.ModelSerializer):
    role = serializers.ChoiceField(choices=Role.choices, read_only=True)
    email_confirmed = serializers.BooleanField(read_only=True)
    company = AdminUserCompanySummary(read_only=True, allow_null=True)

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
            "is_active",
            "is_staff",
            "is_superuser",
            "company",
            "date_joined",
            "last_login",
        ]
        read_only_fields = fields


class AdminUserFilterInput(serializers.Serializer):
    search = serializers.CharField(
        required=False,
        max_length=100,
        help_text="Part of e-mail, name, company name or VAT number.",
    )
    role = serializers.ChoiceField(choices=Role.choices, required=False)
    is_active = serializers.BooleanField(required=False, allow_null=True, default=None)
    company_status = serializers.ChoiceField(choices=Company.Verification.choices, required=False)


class AdminUserUpdateInput(StrictInputSerializer):
    role = serializers.ChoiceField(choices=Role.choices, required=False)
    is_active = serializers.BooleanField(required=False)
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    company_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class AdminCompanyOutput(serializers.ModelSerializer):
    verified_by = serializers.EmailField(
        source="verified_by.email", read_only=True, allow_null=True, default=None
    )
    member_count = serializers.IntegerField(read_only=True)
    allowed_transitions = serializers.ListField(
        child=serializers.ChoiceField(choices=Company.Verification.choices),
        read_only=True,
        help_text="Statuses this company can move to now (verify: verified, reject: rejected).",
    )

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
            "allowed_transitions",
            "verified_at",
            "verified_by",
            "rejection_reason",
            "member_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class AdminCompanyFilterInput(serializers.Serializer):
    search = serializers.CharField(
        required=False, max_length=100, help_text="Part of legal name, VAT number or member e-mail."
    )
    verification_status = serializers.ChoiceField(
        choices=Company.Verification.choices, required=False
    )
    country = serializers.CharField(required=False, max_length=2)


class AdminCompanyVerifyInput(StrictInputSerializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class AdminCompanyRejectInput(StrictInputSerializer):
    reason = serializers.CharField(max_length=500)
