"""Changes an administrator makes to a user account: role, activation, contact details.

The role decides API access and is kept in step with Django's flags: role `admin` is staff and
superuser (Wagtail admin), any other role is neither, so a demotion takes everything away.
A deactivation ends every session.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts import error_codes
from accounts.audit.services import audit_record, diff, snapshot
from accounts.models import Company, Role, User
from accounts.services.tokens import user_tokens_revoke_all
from accounts.validators import normalize_phone
from vwb_site.exceptions import ConflictError, NotFoundError

ADMIN_EDITABLE = ("role", "is_active", "first_name", "last_name", "phone", "company_id")


def user_get_for_update(*, user_id: int) -> User:
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None:
        raise NotFoundError("User not found.", code=error_codes.USER_NOT_FOUND)
    return user


def _clean(user: User, data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[ValidationError]] = {
        name: [ValidationError("This field cannot be changed.", code=error_codes.FIELD_NOT_ALLOWED)]
        for name in sorted(set(data) - set(ADMIN_EDITABLE))
    }
    cleaned: dict[str, Any] = {}
    for name, value in data.items():
        if name in errors:
            continue
        if name == "role":
            if value not in Role.values:
                errors["role"] = [
                    ValidationError(
                        f"Unknown role '{value}'; choose one of {', '.join(Role.values)}.",
                        code="invalid_choice",
                    )
                ]
            cleaned["role"] = value
        elif name == "is_active":
            cleaned[name] = bool(value)
        elif name == "phone":
            try:
                cleaned[name] = normalize_phone(str(value or ""))
            except ValidationError as exc:
                errors[name] = exc.error_list
        elif name == "company_id":
            if value is not None and not Company.objects.filter(pk=value).exists():
                errors["company_id"] = [ValidationError("Unknown company.", code="does_not_exist")]
            cleaned[name] = value
        else:
            cleaned[name] = " ".join(str(value or "").split())[:150]
    if (
        not errors
        and cleaned.get("role", user.role) == Role.B2B
        and not cleaned.get("company_id", user.company_id)
    ):
        errors["company_id"] = [
            ValidationError(
                "A B2B account belongs to a company.", code=error_codes.COMPANY_REQUIRED
            )
        ]
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def user_update_by_admin(*, user_id: int, actor: User, data: dict[str, Any]) -> User:
    user = user_get_for_update(user_id=user_id)
    cleaned = _clean(user, data)
    if user.pk == actor.pk and (
        cleaned.get("is_active") is False or cleaned.get("role", Role.ADMIN) != Role.ADMIN
    ):
        raise ConflictError(
            "Administrators cannot demote or deactivate themselves; ask another administrator.",
            code=error_codes.CANNOT_CHANGE_OWN_ACCOUNT,
        )
    was_active = user.is_active
    before = snapshot(user)
    for name, value in cleaned.items():
        setattr(user, name, value)
    if "role" in cleaned:
        user.is_staff = user.is_superuser = user.role == Role.ADMIN
    user.save()
    audit_record(
        actor=actor, action="user.update", target=user, changes=diff(before, snapshot(user))
    )
    if was_active and not user.is_active:
        user_tokens_revoke_all(user=user)
    return user


def user_access_state(user: User) -> dict:
    """What decides a user's powers: role, flags and groups (audited on every change)."""
    return {
        "role": user.role,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "groups": sorted(user.groups.values_list("name", flat=True)) if user.pk else [],
    }


@transaction.atomic
def user_access_change_record(*, user: User, actor, before: dict | None) -> None:
    """Wagtail's own Users screen saves its form itself; this records the change of role,
    flags or groups it made (before and after) in the audit log, as `user_update_by_admin`
    does for the Customers screen."""
    changes = diff(before or {}, user_access_state(user))
    if changes:
        audit_record(
            actor=actor,
            action="user.access_change" if before else "user.create",
            target=user,
            changes=changes,
        )
