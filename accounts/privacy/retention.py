"""Retention: purge or anonymise what is kept longer than the configured periods.

Run daily by Celery beat; each run writes a RetentionRun with what every rule did. Rules:
contact messages, expired JWT refresh-token records and old login history are deleted; report
files (any `reporting` model with `created_at` and a file) are deleted with their rows;
accounts inactive for too long, and never-confirmed accounts, are anonymised through the
erasure service (skipped while they have open orders).
"""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.models import Role, User
from accounts.models_privacy import RetentionRun
from accounts.privacy.erasure import OPEN_ORDER_STATUSES, user_erase
from vwb_site.logging_config import get_logger

log = get_logger("accounts.privacy.retention")


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def purge_contact_messages(now) -> int:
    model = _model("cms_pages.ContactMessage")
    if model is None:
        return 0
    cutoff = now - timedelta(days=settings.RETENTION_CONTACT_MESSAGES_DAYS)
    return model.objects.filter(created_at__lt=cutoff).delete()[0]


def purge_expired_tokens(now) -> int:
    """Refresh-token records past their expiry (password-reset and e-mail confirmation links
    are signed and stateless: nothing is stored, they expire by themselves)."""
    model = _model("token_blacklist.OutstandingToken")
    return model.objects.filter(expires_at__lt=now).delete()[0] if model else 0


def purge_login_history(now) -> int:
    cutoff = now - timedelta(days=settings.RETENTION_LOGIN_HISTORY_DAYS)
    count = 0
    for label in ("axes.AccessLog", "axes.AccessFailureLog", "axes.AccessAttempt"):
        model = _model(label)
        if model is not None:
            count += model.objects.filter(attempt_time__lt=cutoff).delete()[0]
    return count


def purge_report_files(now) -> int:
    try:
        config = apps.get_app_config("reporting")
    except LookupError:
        return 0
    cutoff = now - timedelta(days=settings.RETENTION_REPORT_FILES_DAYS)
    count = 0
    for model in config.get_models():
        names = {f.name for f in model._meta.concrete_fields}
        files = [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        if "created_at" not in names or not files:
            continue
        for obj in model.objects.filter(created_at__lt=cutoff):
            for name in files:
                getattr(obj, name).delete(save=False)
            obj.delete()
            count += 1
    return count


def _erasable(queryset):
    queryset = queryset.filter(is_active=True, erased_at__isnull=True, is_superuser=False).exclude(
        role=Role.ADMIN
    )
    if _model("commerce.Order") is not None:
        queryset = queryset.exclude(orders__status__in=OPEN_ORDER_STATUSES)
    return queryset.distinct()


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


RULES = {
    "contact_messages": purge_contact_messages,
    "expired_tokens": purge_expired_tokens,
    "login_history": purge_login_history,
    "report_files": purge_report_files,
    "inactive_accounts": anonymise_inactive_accounts,
}


def retention_run(*, now=None) -> RetentionRun:
    """Apply every rule; one failing rule is logged and does not stop the others."""
    now = now or timezone.now()
    run = RetentionRun.objects.create()
    for name, rule in RULES.items():
        try:
            run.counts[name] = rule(now)
        except Exception as exc:  # recorded on the run and logged with its traceback
            log.exception("retention_rule_failed", rule=name)
            run.errors.append({"rule": name, "error": repr(exc)[:500]})
    run.finished_at = timezone.now()
    run.save()
    log.info("retention_run", counts=run.counts, errors=len(run.errors))
    return run
