"""The personal data accounts itself stores: users, addresses, companies, consents, exports,
the audit log, and what its third-party apps keep about a login (JWT refresh tokens,
django-axes login history). Every other app declares its own in `<app>/privacy.py`."""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from accounts.audit.models import AuditEntry
from accounts.models import Address, Company, CompanyVerificationEvent, RecoveryCode, User
from accounts.models_privacy import ConsentRecord, DataExport
from accounts.privacy.registry import (
    BLANK,
    BLANK_IF_SOLE_MEMBER,
    KEEP,
    PLACEHOLDER_EMAIL,
    SECRET,
    Entry,
    register,
    register_retention_rule,
)

register(
    Entry(
        User,
        user_lookup="pk",
        personal={
            "email": PLACEHOLDER_EMAIL,
            "first_name": BLANK,
            "last_name": BLANK,
            "phone": BLANK,
            "password": SECRET,
        },
        not_personal=("role",),
    ),
    Entry(
        Address,
        user_lookup="user",
        delete_rows=True,
        personal=dict.fromkeys(
            ("recipient_name", "company_name", "street", "city", "zip_code", "country", "phone"),
            BLANK,
        ),
    ),
    Entry(
        Company,
        user_lookup="members",
        personal={
            "bank_account_holder": BLANK,
            "bank_iban": BLANK,
            "bank_bic": BLANK,
            "street": BLANK_IF_SOLE_MEMBER,
            "city": BLANK_IF_SOLE_MEMBER,
            "zip_code": BLANK_IF_SOLE_MEMBER,
            "legal_name": KEEP,
            "vat_number": KEEP,
            "country": KEEP,
        },
        not_personal=("verification_status", "rejection_reason"),
        keep_reasons=dict.fromkeys(
            ("legal_name", "vat_number", "country"),
            "The buyer on issued invoices (a company, needed for VAT records).",
        ),
    ),
    Entry(
        CompanyVerificationEvent,
        actor_only=True,
        not_personal=("from_status", "to_status", "note"),
    ),
    Entry(
        ConsentRecord,
        user_lookup="user",
        not_personal=("purpose", "policy_version", "source"),
        note="Kept after erasure as proof of what was agreed; holds no personal value.",
    ),
    Entry(DataExport, user_lookup="user", delete_rows=True, not_personal=("status", "file")),
    Entry(
        AuditEntry,
        actor_only=True,
        not_personal=(
            "action",
            "source",
            "target_type",
            "target_id",
            "target_repr",
            "changes",
            "method",
            "path",
            "ip",
            "user_agent",
            "request_id",
        ),
        note="Values of personal fields are redacted when written (accounts.audit).",
    ),
    Entry(
        OutstandingToken,
        user_lookup="user",
        export=False,
        not_personal=("jti", "token"),
        note="Revoked (blacklisted) on erasure.",
    ),
    Entry(
        AccessLog,
        email_lookup="username",
        delete_rows=True,
        personal={"username": BLANK, "ip_address": BLANK, "user_agent": BLANK},
        not_personal=("http_accept", "path_info", "session_hash"),
    ),
    Entry(
        AccessAttempt,
        email_lookup="username",
        delete_rows=True,
        personal={
            "username": BLANK,
            "ip_address": BLANK,
            "user_agent": BLANK,
            "get_data": BLANK,
            "post_data": BLANK,
        },
        not_personal=("http_accept", "path_info"),
    ),
    Entry(
        AccessFailureLog,
        email_lookup="username",
        delete_rows=True,
        personal={"username": BLANK, "ip_address": BLANK, "user_agent": BLANK},
        not_personal=("http_accept", "path_info"),
    ),
    Entry(
        TOTPDevice,
        user_lookup="user",
        delete_rows=True,
        export=False,
        not_personal=("name", "key"),
        note="The staff second factor (a secret key): deleted on erasure, never exported.",
    ),
    Entry(
        RecoveryCode,
        user_lookup="user",
        delete_rows=True,
        export=False,
        not_personal=("code_hash",),
        note="Keyed hashes of the recovery codes: deleted on erasure, never exported.",
    ),
)


def purge_expired_tokens(now) -> int:
    """Refresh-token records past their expiry (password-reset and e-mail confirmation links
    are signed and stateless: nothing is stored, they expire by themselves)."""
    return OutstandingToken.objects.filter(expires_at__lt=now).delete()[0]


def purge_login_history(now) -> int:
    cutoff = now - timedelta(days=settings.RETENTION_LOGIN_HISTORY_DAYS)
    return sum(
        model.objects.filter(attempt_time__lt=cutoff).delete()[0]
        for model in (AccessLog, AccessFailureLog, AccessAttempt)
    )


def purge_expired_login_attempts(now) -> int:
    """Failed-login counters past the lockout cool-off count for nothing any more: deleted
    (axes also drops them at the next login attempt; this covers a quiet site)."""
    cutoff = now - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0]


register_retention_rule("expired_tokens", purge_expired_tokens)
register_retention_rule("expired_login_attempts", purge_expired_login_attempts)
register_retention_rule("login_history", purge_login_history)
