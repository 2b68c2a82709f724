"""The personal data of B2B quotes: the offers' prices stay (accounting); free text a buyer or
staff wrote goes on erasure."""

from accounts.privacy.registry import BLANK, JSON_KEEP_COUNTRY, Entry, register
from quotes.models import (
    Quote,
    QuoteMessage,
    QuoteNotification,
    QuoteStatusHistory,
    QuoteVersion,
    QuoteVersionLine,
)

register(
    Entry(
        Quote,
        user_lookup="user",
        personal={
            "requested_items": JSON_KEEP_COUNTRY,
            "destination_postcode": BLANK,
            "notes": BLANK,
        },
        not_personal=("number", "status", "destination_country", "currency", "order_number"),
    ),
    Entry(
        QuoteVersion,
        user_lookup="quote__user",
        personal={"message": BLANK},
        not_personal=(
            "currency",
            "freight_method_code",
            "freight_name",
            "freight_details",
            "vat_treatment",
            "vat_country",
            "vat_wording",
            "vat_breakdown",
            "payment_terms",
        ),
        note="`created_by` is the staff member who sent the offer.",
    ),
    Entry(
        QuoteVersionLine,
        user_lookup="version__quote__user",
        not_personal=("sku", "description"),
    ),
    Entry(QuoteMessage, user_lookup="quote__user", personal={"body": BLANK}),
    Entry(
        QuoteStatusHistory,
        user_lookup="quote__user",
        personal={"note": BLANK},
        not_personal=("from_status", "to_status"),
    ),
    Entry(QuoteNotification, user_lookup="quote__user", export=False, not_personal=("key",)),
)
