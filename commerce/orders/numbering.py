"""Human order numbers `VWB-YYYY-NNNNNN`: a locked per-year counter (unique, not gap-free)."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from commerce.models import OrderNumberCounter


def order_number_next() -> str:
    """Take the next number of the current year. Call it late in the placing transaction: the
    counter row stays locked until that transaction ends."""
    year = timezone.now().year
    with transaction.atomic():
        updated = OrderNumberCounter.objects.filter(year=year).update(
            last_value=F("last_value") + 1
        )
        if not updated:
            _counter, created = OrderNumberCounter.objects.select_for_update().get_or_create(
                year=year, defaults={"last_value": 1}
            )
            if not created:
                OrderNumberCounter.objects.filter(year=year).update(
                    last_value=F("last_value") + 1
                )
        value = OrderNumberCounter.objects.get(year=year).last_value
    return f"VWB-{year}-{value:06d}"
