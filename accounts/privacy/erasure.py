"""Right to erasure: anonymise a person, keep the accounting records.

Every entry of the registry is applied: rows of `delete_rows` entries are deleted (with the
files they store), personal fields of the others blanked or replaced, address snapshots keep
only their country (VAT records). Orders, invoices, payments and quotes stay, with their
amounts, under the placeholder identity `erased-<uuid>@invalid`. The apps' erasure steps then
run (commerce scrubs the payment providers' events), and login is disabled and every token
revoked. What blocks an erasure (an order in transit) is declared by the app that owns it.
"""

import uuid

from django.db import models, transaction
from django.utils import timezone

from accounts import error_codes
from accounts.audit.services import audit_record
from accounts.models import User
from accounts.privacy.registry import (
    BLANK,
    BLANK_IF_SOLE_MEMBER,
    ERASURE_BLOCKERS,
    ERASURE_STEPS,
    JSON_KEEP_COUNTRY,
    PLACEHOLDER_EMAIL,
    Entry,
    ErasureBlock,
    entry_for,
    installed_entries,
    rows_for,
)
from accounts.services.tokens import user_tokens_revoke_all
from vwb_site.exceptions import ConflictError


def placeholder_email() -> str:
    return f"erased-{uuid.uuid4().hex}@invalid"


def erasure_blocks(user: User) -> list[ErasureBlock]:
    """What the apps say must end before `user` can be erased (empty: nothing)."""
    return [block for blocker in ERASURE_BLOCKERS if (block := blocker.check(user)) is not None]


def users_without_erasure_blocks(users: models.QuerySet) -> models.QuerySet:
    for blocker in ERASURE_BLOCKERS:
        users = blocker.exclude_blocked(users)
    return users


def erasure_check(*, user: User) -> None:
    """Raise ConflictError 409 when the account cannot be erased now."""
    if user.erased_at is not None:
        raise ConflictError("This account was already erased.", code=error_codes.ALREADY_ERASED)
    if user.is_admin:
        raise ConflictError(
            "Administrator accounts are not erased this way; demote first.",
            code=error_codes.ERASURE_ADMIN_ACCOUNT,
        )
    for block in erasure_blocks(user):
        raise ConflictError(block.message, code=block.code, extra=block.extra)


def _blank_snapshot(value):
    if not isinstance(value, dict):
        return {}
    return {key: (val if key == "country" else "") for key, val in value.items()}


def _anonymise(entry: Entry, rows, *, email: str, user: User) -> int:
    count = 0
    for obj in rows.select_for_update() if entry.model_class is not User else rows:
        changed = []
        for name, strategy in entry.personal.items():
            if strategy == BLANK_IF_SOLE_MEMBER:
                if obj.members.exclude(pk=user.pk).filter(is_active=True).exists():
                    continue
                strategy = BLANK
            if strategy == BLANK:
                value = "" if obj._meta.get_field(name).empty_strings_allowed else None
            elif strategy == PLACEHOLDER_EMAIL:
                value = email
            elif strategy == JSON_KEEP_COUNTRY:
                value = _blank_snapshot(getattr(obj, name))
            else:
                continue
            setattr(obj, name, value)
            changed.append(name)
        if changed:
            obj.save(update_fields=changed)
            count += 1
    return count


def _delete(model: type[models.Model], rows) -> int:
    files = [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
    for obj in rows if files else ():
        for name in files:
            getattr(obj, name).delete(save=False)
    return rows.delete()[0] if rows.exists() else 0


@transaction.atomic
def user_erase(*, user: User, actor: User | None = None, reason: str = "", by: str = "") -> User:
    """Anonymise `user` (see the module docstring). 409 while an app blocks it."""
    user = User.objects.select_for_update().get(pk=user.pk)
    erasure_check(user=user)
    email = placeholder_email()
    # Rows matched by e-mail must be collected before the e-mail changes.
    plans = [
        (entry, model, rows_for(entry, model, user))
        for entry, model in installed_entries()
        if not entry.actor_only and model is not User
    ]
    counts: dict[str, int] = {}
    for entry, model, rows in plans:
        if entry.delete_rows:
            counts[entry.model] = _delete(model, rows)
        elif entry.personal:
            counts[entry.model] = _anonymise(entry, rows, email=email, user=user)
    for name, step in ERASURE_STEPS.items():
        counts[name] = step(user=user)
    _anonymise(entry_for(User), User.objects.filter(pk=user.pk), email=email, user=user)
    user.refresh_from_db()
    user.set_unusable_password()
    user.is_active = False
    user.erased_at = timezone.now()
    user.save(update_fields=["password", "is_active", "erased_at"])
    user_tokens_revoke_all(user=user)
    by = by or ("admin" if actor else "self")
    audit_record(
        actor=actor or (user if by == "self" else None),
        action="user.erase",
        target=("accounts.user", user.pk),
        changes={"rows": counts, "by": by, "why": reason},
    )
    return user
