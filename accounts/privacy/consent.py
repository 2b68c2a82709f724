"""Consent per purpose: record grants and withdrawals, and answer `has_consent`."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import error_codes
from accounts.models import User
from accounts.models_privacy import ConsentPurpose, ConsentRecord, ConsentSource


def current_policy_version() -> str:
    return settings.PRIVACY_POLICY_VERSION


def consent_latest(*, user: User) -> dict[str, ConsentRecord | None]:
    """The latest record of each purpose (None when the user never decided)."""
    latest: dict[str, ConsentRecord | None] = dict.fromkeys(ConsentPurpose.values)
    for record in ConsentRecord.objects.filter(user=user).order_by("purpose", "-created_at", "-id"):
        if latest.get(record.purpose) is None:
            latest[record.purpose] = record
    return latest


def has_consent(user: User | None, purpose: str) -> bool:
    """True when the user's latest decision for `purpose` grants it under the current policy.

    Every marketing or analytics action asks this first; no record, a withdrawal, an older
    policy version or an inactive (erased) account all mean no.
    """
    if user is None or not getattr(user, "is_active", False):
        return False
    record = (
        ConsentRecord.objects.filter(user=user, purpose=purpose)
        .order_by("-created_at", "-id")
        .first()
    )
    return bool(record and record.granted and record.policy_version == current_policy_version())


@transaction.atomic
def consent_set(
    *, user: User, purpose: str, granted: bool, source: str = ConsentSource.API
) -> ConsentRecord:
    if purpose not in ConsentPurpose.values:
        raise ValidationError(
            {
                "purpose": ValidationError(
                    f"Unknown purpose {purpose!r}; known: {', '.join(ConsentPurpose.values)}.",
                    code=error_codes.CONSENT_UNKNOWN_PURPOSE,
                )
            }
        )
    if source not in ConsentSource.values:
        raise ValidationError(
            {"source": ValidationError(f"Unknown source {source!r}.", code="invalid_choice")}
        )
    User.objects.select_for_update().filter(pk=user.pk).first()  # serialise a user's decisions
    if not granted:
        ConsentRecord.objects.filter(
            user=user, purpose=purpose, granted=True, withdrawn_at__isnull=True
        ).update(withdrawn_at=timezone.now())
    return ConsentRecord.objects.create(
        user=user,
        purpose=purpose,
        granted=granted,
        source=source,
        policy_version=current_policy_version(),
    )
