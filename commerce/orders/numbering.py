"""Human order numbers `VWB-YYYY-NNNNNN`: a per-year counter (unique, not gap-free)."""

from django.db import connection
from django.utils import timezone

from commerce.models import OrderNumberCounter


def order_number_next() -> str:
    """Take the next number of the current year, in one statement (an upsert: the year's row is
    created with 1 or incremented). Call it late in the placing transaction: the counter row
    stays locked until that transaction ends, so concurrent checkouts never share a number."""
    year = timezone.now().year
    table = connection.ops.quote_name(OrderNumberCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (year, last_value) VALUES (%s, 1) "  # noqa: S608
            f"ON CONFLICT (year) DO UPDATE SET last_value = {table}.last_value + 1 "
            "RETURNING last_value",
            [year],
        )
        (value,) = cursor.fetchone()
    return f"VWB-{year}-{value:06d}"
