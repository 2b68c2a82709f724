"""Field-level validation and normalisation shared by services, serializers and admin forms."""

import re

from django.core.exceptions import ValidationError
from stdnum import exceptions as stdnum_exceptions
from stdnum.eu import vat as eu_vat
from stdnum.util import clean

from accounts import error_codes
from vwb_site.core.countries import COUNTRY_NAMES, EU_COUNTRIES

VAT_MAX_LENGTH = 20
PHONE_RE = re.compile(r"^\+?[0-9 ()./-]{4,31}$")


def vat_prefix(country: str) -> str:
    """The VAT prefix of an EU member state (Greece uses EL, not its ISO code GR)."""
    return "EL" if country == "GR" else country


def normalize_vat_number(*, country: str, value: str) -> str:
    """Validate a VAT number for the company's country and return its normalised form.

    EU member states: the format and check digits of that state (python-stdnum), returned in
    compact upper-case form with the country prefix ("de 136 695 976" -> "DE136695976"); a number
    without prefix gets the country's. Elsewhere: a non-empty tax id, trimmed, taken as given.
    """
    raw = (value or "").strip()
    if not raw:
        raise ValidationError("A VAT number or tax id is required.", code="required")
    if country not in EU_COUNTRIES:
        tax_id = " ".join(raw.split())
        if len(tax_id) > VAT_MAX_LENGTH:
            raise ValidationError(
                f"A tax id has at most {VAT_MAX_LENGTH} characters.",
                code=error_codes.INVALID_VAT_NUMBER,
            )
        return tax_id
    prefix = vat_prefix(country)
    number = clean(raw, " -./,").upper()
    if number[:2].isalpha():
        given = "EL" if (number[:2] == "GR" and country == "GR") else number[:2]
        if given != prefix:
            raise ValidationError(
                f"The VAT number starts with {number[:2]} but the company is in {country}; "
                f"VAT numbers from {COUNTRY_NAMES[country]} start with {prefix}.",
                code=error_codes.VAT_COUNTRY_MISMATCH,
            )
        number = prefix + number[2:]
    else:
        number = prefix + number
    try:
        compact = eu_vat.validate(number)
    except stdnum_exceptions.ValidationError:
        raise ValidationError(
            f"'{raw}' is not a valid VAT number for {COUNTRY_NAMES[country]}.",
            code=error_codes.INVALID_VAT_NUMBER,
        ) from None
    if country == "GR" and compact.startswith("GR"):
        compact = "EL" + compact[2:]
    return compact


def normalize_phone(value: str) -> str:
    phone = " ".join((value or "").split())
    if phone and not PHONE_RE.match(phone):
        raise ValidationError(
            "A phone number has 4 to 32 digits, spaces and + ( ) . / - only.",
            code=error_codes.INVALID_PHONE,
        )
    return phone
