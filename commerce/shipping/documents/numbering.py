"""Gap-free document numbers: one counter row per series and year, locked while taken.

The number is taken inside the caller's transaction (which creates the document row), so a
rollback returns it: INV-2026-000001, INV-2026-000002, ... with no holes.
"""

from django.db import transaction

from commerce.models import DocumentCounter


def document_number_take(*, series: str, year: int) -> str:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Document numbers are taken inside a transaction.")
    DocumentCounter.objects.bulk_create(
        [DocumentCounter(series=series, year=year)], ignore_conflicts=True
    )
    counter = DocumentCounter.objects.select_for_update().get(series=series, year=year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return f"{series}-{year}-{counter.last_value:06d}"
