"""Right to erasure: anonymise a person, keep the accounting records.

Every entry of the registry is applied: rows of `delete_rows` entries are deleted, personal
fields of the others blanked or replaced, address snapshots keep only their country (VAT
records). Orders, invoices, payments and quotes stay, with their amounts, under the
placeholder identity `erased-<uuid>@invalid`. Login is disabled and every token revoked.
Payment providers' events about the person's payments (Stripe webhooks, kept to recognise
replays) keep only what identifies the event and the payment: their payloads copied the buyer's
name, e-mail and addresses.
"""

import uuid

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts import error_codes
from accounts.audit.services import audit_record
from accounts.models import User
from accounts.privacy.registry import (
    BLANK,
    BLANK_IF_SOLE_MEMBER,
    JSON_KEEP_COUNTRY,
    PLACEHOLDER_EMAIL,
    Entry,
    installed_entries,
    rows_for,
)
from accounts.services.tokens import user_tokens_revoke_all
from vwb_site.exceptions import ConflictError

# Order statuses during which an account cannot be erased: unpaid or in transit.
OPEN_ORDER_STATUSES = ("pending", "processing", "shipped")


def placeholder_email() -> str:
    return f"erased-{uuid.uuid4().hex}@invalid"


def open_orders(user: User) -> list[str]:
    try:
        order_model = apps.get_model("commerce", "Order")
    except LookupError:
        return []
    return list(
        order_model.objects.filter(user=user, status__in=OPEN_ORDER_STATUSES)
        .order_by("number")
        .values_list("number", flat=True)
    )


def erasure_check(*, user: User) -> None:
    """Raise ConflictError 409 when the account cannot be erased now."""
    if user.erased_at is not None:
        raise ConflictError("This account was already erased.", code=error_codes.ALREADY_ERASED)
    if user.is_admin:
        raise ConflictError(
            "Administrator accounts are not erased this way; demote first.",
            code=error_codes.ERASURE_ADMIN_ACCOUNT,
        )
    numbers = open_orders(user)
    if numbers:
        raise ConflictError(
            "The account cannot be erased while an order is unpaid or in transit: "
            f"{', '.join(numbers)}. Try again once it is delivered or cancelled.",
            code=error_codes.ERASURE_OPEN_ORDERS,
            extra={"open_orders": numbers},
        )


def _blank_snapshot(value):
    if not isinstance(value, dict):
        return {}
    return {key: (val if key == "country" else "") for key, val in value.items()}


def _anonymise(entry: Entry, rows, *, email: str, user: User) -> int:
    count = 0
    for obj in rows.select_for_update() if entry.model != "accounts.User" else rows:
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


# What a provider event keeps after erasure: the event and the payment, no person.
EVENT_KEPT = ("id", "object", "type", "created", "livemode", "api_version")
EVENT_OBJECT_KEPT = (
    "id",
    "object",
    "amount",
    "amount_received",
    "amount_refunded",
    "currency",
    "status",
    "payment_intent",
)


def _scrubbed_event(payload) -> dict:
    if not isinstance(payload, dict):
        return {}
    kept = {key: payload[key] for key in EVENT_KEPT if key in payload}
    obj = (payload.get("data") or {}).get("object")
    if isinstance(obj, dict):
        kept["data"] = {"object": {key: obj[key] for key in EVENT_OBJECT_KEPT if key in obj}}
    kept["scrubbed"] = True
    return kept


def _scrub_payment_events(user: User) -> int:
    try:
        payment_model = apps.get_model("commerce", "Payment")
        event_model = apps.get_model("commerce", "WebhookEvent")
    except LookupError:
        return 0
    references = list(
        payment_model.objects.filter(order__user=user)
        .exclude(provider_reference="")
        .values_list("provider_reference", flat=True)
    )
    if not references:
        return 0
    events = event_model.objects.filter(
        Q(payload__data__object__id__in=references)
        | Q(payload__data__object__payment_intent__in=references)
    )
    count = 0
    for event in events.select_for_update():
        event.payload = _scrubbed_event(event.payload)
        event.save(update_fields=["payload"])
        count += 1
    return count


@transaction.atomic
def user_erase(*, user: User, actor: User | None = None, reason: str = "", by: str = "") -> User:
    """Anonymise `user` (see the module docstring). 409 while orders are open."""
    user = User.objects.select_for_update().get(pk=user.pk)
    erasure_check(user=user)
    email = placeholder_email()
    # Rows matched by e-mail must be collected before the e-mail changes.
    plans = [
        (entry, rows_for(entry, model, user))
        for entry, model in installed_entries()
        if not entry.actor_only
    ]
    counts: dict[str, int] = {}
    for entry, rows in plans:
        if entry.model == "accounts.User":
            continue
        if entry.delete_rows:
            if entry.model == "accounts.DataExport":
                for export in rows:
                    export.file.delete(save=False)
            counts[entry.model] = rows.delete()[0] if rows.exists() else 0
        elif entry.personal:
            counts[entry.model] = _anonymise(entry, rows, email=email, user=user)
    counts["commerce.WebhookEvent"] = _scrub_payment_events(user)
    user_entry = next(e for e, _ in installed_entries() if e.model == "accounts.User")
    _anonymise(user_entry, User.objects.filter(pk=user.pk), email=email, user=user)
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
