"""Retention: purge or anonymise what is kept longer than the configured periods.

Run daily by Celery beat; each run writes a RetentionRun with what every rule did. Each app
declares its rules in its `privacy` module (contact messages, expired JWT refresh-token
records, old login history, report files); accounts inactive for too long, and never-confirmed
accounts, are then anonymised through the erasure service (skipped while an app blocks their
erasure, e.g. with an open order).
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from accounts.models import Role, User
from accounts.models_privacy import RetentionRun
from accounts.privacy.erasure import user_erase, users_without_erasure_blocks
from accounts.privacy.registry import RETENTION_RULES
from vwb_site.logging_config import get_logger

log = get_logger("accounts.privacy.retention")


def _erasable(queryset):
    queryset = queryset.filter(is_active=True, erased_at__isnull=True, is_superuser=False).exclude(
        role=Role.ADMIN
    )
    return users_without_erasure_blocks(queryset).distinct()


def anonymise_inactive_accounts(now) -> int:
    cutoff = now - timedelta(days=settings.RETENTION_INACTIVE_ACCOUNT_DAYS)
    stale = Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
    unconfirmed_cutoff = now - timedelta(days=settings.RETENTION_UNCONFIRMED_ACCOUNT_DAYS)
    unconfirmed = Q(
        email_confirmed_at__isnull=True, last_login__isnull=True, date_joined__lt=unconfirmed_cutoff
    )
    count = 0
    for user in _erasable(User.objects.filter(stale | unconfirmed)):
        user_erase(user=user, by="retention", reason="inactive account")
        count += 1
    return count


def rules() -> dict:
    """The apps' rules, then the accounts to anonymise (after what they purged)."""
    return {**RETENTION_RULES, "inactive_accounts": anonymise_inactive_accounts}


def retention_run(*, now=None) -> RetentionRun:
    """Apply every rule; one failing rule is logged and does not stop the others."""
    now = now or timezone.now()
    run = RetentionRun.objects.create()
    for name, rule in rules().items():
        try:
            run.counts[name] = rule(now)
        except Exception as exc:  # recorded on the run and logged with its traceback
            log.exception("retention_rule_failed", rule=name)
            run.errors.append({"rule": name, "error": repr(exc)[:500]})
    run.finished_at = timezone.now()
    run.save()
    log.info("retention_run", counts=run.counts, errors=len(run.errors))
    return run
