"""The address book. At most one default shipping and one default billing address per user:
setting a new default clears the old one in the same transaction, under a lock on the user row
(the partial unique constraints on Address back this up)."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts import error_codes
from accounts.models import Address, User
from accounts.validators import normalize_phone
from vwb_site.core.countries import normalize_country
from vwb_site.exceptions import ConflictError, NotFoundError

TEXT_FIELDS = {
    "recipient_name": 200,
    "company_name": 200,
    "street": 200,
    "city": 100,
    "zip_code": 20,
}
REQUIRED = ("recipient_name", "street", "city", "zip_code", "country")
FLAGS = ("is_default_shipping", "is_default_billing")
ADDRESS_FIELDS = (*TEXT_FIELDS, "country", "phone", *FLAGS)


def _clean(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    unknown = sorted(set(data) - set(ADDRESS_FIELDS))
    errors: dict[str, list[ValidationError]] = {
        name: [ValidationError("Unknown field.", code=error_codes.UNKNOWN_FIELD)]
        for name in unknown
    }
    cleaned: dict[str, Any] = {}
    for name, value in data.items():
        if name in unknown:
            continue
        try:
            if name in FLAGS:
                cleaned[name] = bool(value)
            elif name == "country":
                cleaned[name] = normalize_country(str(value or ""))
            elif name == "phone":
                cleaned[name] = normalize_phone(str(value or ""))
            else:
                text = " ".join(str(value or "").split())
                if len(text) > TEXT_FIELDS[name]:
                    raise ValidationError(
                        f"At most {TEXT_FIELDS[name]} characters.", code="max_length"
                    )
                cleaned[name] = text
        except ValidationError as exc:
            errors[name] = exc.error_list
    for name in REQUIRED:
        if name in errors:
            continue
        if (not partial and name not in cleaned) or (name in cleaned and not cleaned[name]):
            errors[name] = [ValidationError("This field is required.", code="required")]
    if errors:
        raise ValidationError(errors)
    return cleaned


def _lock_user(user: User) -> None:
    User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True).first()


def _clear_other_defaults(address: Address, cleaned: dict[str, Any]) -> None:
    for flag in FLAGS:
        if cleaned.get(flag):
            Address.objects.filter(user_id=address.user_id, **{flag: True}).exclude(
                pk=address.pk
            ).update(**{flag: False})


def address_get_for_update(*, user: User, address_id: int) -> Address:
    address = Address.objects.select_for_update().filter(pk=address_id, user=user).first()
    if address is None:
        raise NotFoundError("Address not found.", code=error_codes.ADDRESS_NOT_FOUND)
    return address


@transaction.atomic
def address_create(*, user: User, data: dict[str, Any]) -> Address:
    """Add an address. The first one becomes the default for shipping and billing."""
    cleaned = _clean(data, partial=False)
    _lock_user(user)
    count = Address.objects.filter(user=user).count()
    if count >= settings.ACCOUNTS_MAX_ADDRESSES:
        raise ConflictError(
            f"An address book holds at most {settings.ACCOUNTS_MAX_ADDRESSES} addresses.",
            code=error_codes.ADDRESS_LIMIT_REACHED,
        )
    if count == 0:
        for flag in FLAGS:
            cleaned.setdefault(flag, True)
    address = Address(user=user, **cleaned)
    _clear_other_defaults(address, cleaned)
    address.save()
    return address


@transaction.atomic
def address_update(*, user: User, address_id: int, data: dict[str, Any]) -> Address:
    cleaned = _clean(data, partial=True)
    _lock_user(user)
    address = address_get_for_update(user=user, address_id=address_id)
    _clear_other_defaults(address, cleaned)
    for name, value in cleaned.items():
        setattr(address, name, value)
    address.save()
    return address


@transaction.atomic
def address_delete(*, user: User, address_id: int) -> None:
    """Delete an address (orders keep their own copy). A default it was (shipping, billing or
    both) passes to the most recently added of the addresses left, if any: a buyer with an
    address book always has a default to check out with."""
    _lock_user(user)
    address = address_get_for_update(user=user, address_id=address_id)
    held = [flag for flag in FLAGS if getattr(address, flag)]
    address.delete()
    successor = (
        Address.objects.filter(user=user)
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)
        .first()
    )
    if held and successor is not None:
        Address.objects.filter(pk=successor).update(**dict.fromkeys(held, True))
