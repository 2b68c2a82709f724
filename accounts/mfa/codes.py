"""Recovery codes: random, shown once, stored as a keyed hash (see accounts.models_mfa)."""

import secrets

from django.utils.crypto import salted_hmac

_SALT = "accounts.mfa.recovery-code"
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i


def recovery_code_new() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())


def recovery_code_hash(code: str) -> str:
    return salted_hmac(_SALT, normalise(code), algorithm="sha256").hexdigest()
