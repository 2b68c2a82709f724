"""`audit_record`: write one audit entry. Values of secret and personal fields are redacted.

The log says which fields changed; it does not keep copies of passwords, bank details or a
person's name and contact data (data minimisation: an erased person must not live on here,
and the table cannot be edited afterwards).
"""

from typing import Any

from django.db import models

from accounts.audit.context import current_origin
from accounts.audit.models import AuditEntry
from vwb_site.api.request_context import current_request_id

REDACTED = "[redacted]"
# Keys whose values never reach the log (substring match, lower case).
SECRET_MARKERS = (
    "password",
    "token",
    "secret",
    "iban",
    "bic",
    "bank_",
    "card",
    "csrf",
    "authorization",
    "api_key",
)
PERSONAL_KEYS = frozenset(
    {
        "email",
        "new_email",
        "customer_email",
        "first_name",
        "last_name",
        "name",
        "phone",
        "recipient_name",
        "street",
        "city",
        "zip_code",
        "message",
        "shipping_address",
        "billing_address",
        "company_name",
        "note",
        "reason",
        "rejection_reason",
    }
)


def redact_key(key: str) -> bool:
    lowered = str(key).lower()
    return lowered in PERSONAL_KEYS or any(m in lowered for m in SECRET_MARKERS)


def _clean_text(value: str) -> str:
    """PostgreSQL text and jsonb refuse NUL and lone surrogates (a client can send both)."""
    return value.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def redact(value: Any) -> Any:
    """A copy of `value` (dicts, lists) with secret and personal values replaced."""
    if isinstance(value, dict):
        return {
            _clean_text(str(k)): (REDACTED if redact_key(k) else redact(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact(v) for v in value]
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, int | float | bool) or value is None:
        return value
    return str(value)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list]:
    """{field: [before, after]} for the fields whose value differs."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    names = fields or [f.attname for f in instance._meta.concrete_fields]
    return {name: redact(getattr(instance, name, None)) for name in names}


def _target(target) -> tuple[str, str, str]:
    if target is None:
        return "", "", ""
    if isinstance(target, models.Model):
        label = target._meta.label_lower
        text = "" if redact_key(label.split(".")[-1]) else str(target)
        return label, str(target.pk), text[:200]
    if isinstance(target, tuple):
        kind, pk = target
        return str(kind), str(pk), ""
    return str(target), "", ""


def audit_record(
    *,
    actor,
    action: str,
    target=None,
    changes: dict[str, Any] | None = None,
    source: str = AuditEntry.Source.SERVICE,
    method: str = "",
    path: str = "",
    status_code: int | None = None,
) -> AuditEntry:
    """Record `actor` doing `action` to `target` (a model instance or (type, id)).

    `changes` is usually `diff(before, after)`; it is redacted here whatever the caller passes.
    """
    origin = current_origin()
    target_type, target_id, target_repr = _target(target)
    if target_type in {"accounts.user"}:
        target_repr = ""  # a user's __str__ is the e-mail address
    actor_id = getattr(actor, "pk", None) if actor is not None else None
    path = _clean_text(path)
    return AuditEntry.objects.create(
        actor_id=actor_id,
        action=action[:80],
        source=source,
        target_type=target_type[:80],
        target_id=target_id[:64],
        target_repr=target_repr,
        changes=redact(changes or {}),
        method=method[:8],
        path=path[:300],
        status_code=status_code,
        ip=origin.ip,
        user_agent=origin.user_agent,
        request_id=current_request_id() or "",
    )
