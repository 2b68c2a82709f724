"""Live parcel quotes: what a buyer was shown, kept (Redis cache) so checkout can honour it.

A quote id is derived from the carrier's rate id and the converted price, so the same cached
rates give the same ids; the first time a quote is stored fixes its expiry
(`EASYPOST_QUOTE_VALIDITY_SECONDS`). The record outlives its validity by a day, so checkout can
tell "expired, price unchanged" (accepted) from "expired, price changed" (409, confirm again).
"""

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.dateparse import parse_datetime

KEEP_AFTER_EXPIRY = 86400


def _key(quote_id: str) -> str:
    return f"carrier-quote:{quote_id}"


def quote_id_for(*, rate_id: str, price: str, currency: str) -> str:
    digest = hashlib.sha256(f"{rate_id}|{price}|{currency}".encode()).hexdigest()
    return f"q_{digest[:24]}"


def quote_store(record: dict) -> dict:
    """Store `record` (with its `quote_id`) unless already stored; returns the stored one."""
    now = timezone.now()
    validity = datetime.timedelta(seconds=settings.EASYPOST_QUOTE_VALIDITY_SECONDS)
    record = {
        **record,
        "quoted_at": now.isoformat(),
        "expires_at": (now + validity).isoformat(),
    }
    timeout = settings.EASYPOST_QUOTE_VALIDITY_SECONDS + KEEP_AFTER_EXPIRY
    if cache.add(_key(record["quote_id"]), record, timeout=timeout):
        return record
    return cache.get(_key(record["quote_id"])) or record


def quote_get(quote_id: str) -> dict | None:
    if not quote_id:
        return None
    return cache.get(_key(quote_id))


def quote_is_valid(record: dict, *, at: datetime.datetime | None = None) -> bool:
    expires_at = parse_datetime(record.get("expires_at", "") or "")
    return expires_at is not None and (at or timezone.now()) < expires_at
