"""Postcode formats of the countries we know, and their normal form.

A postcode is upper-cased and its runs of spaces collapsed before it is matched. Countries not
listed here accept any postcode (up to 12 characters of letters, digits, spaces and hyphens).
"""

import re

_PATTERNS: dict[str, str] = {
    "AT": r"\d{4}",
    "AU": r"\d{4}",
    "BE": r"\d{4}",
    "CA": r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d",
    "CH": r"\d{4}",
    "CZ": r"\d{3} ?\d{2}",
    "DE": r"\d{5}",
    "DK": r"\d{4}",
    "ES": r"(0[1-9]|[1-4]\d|5[0-2])\d{3}",
    "FI": r"\d{5}",
    "FR": r"\d{5}",
    "GB": r"(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKS-UW]"
    r"|[A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})",
    "IT": r"\d{5}",
    "JP": r"\d{3}-?\d{4}",
    "LU": r"(L-)?\d{4}",
    "NL": r"[1-9]\d{3} ?[A-Z]{2}",
    "NO": r"\d{4}",
    "NZ": r"\d{4}",
    "PL": r"\d{2}-\d{3}",
    "PT": r"\d{4}-\d{3}",
    "SE": r"\d{3} ?\d{2}",
    "US": r"\d{5}(-\d{4})?",
}
_COMPILED = {country: re.compile(rf"^(?:{pattern})$") for country, pattern in _PATTERNS.items()}
_GENERIC = re.compile(r"^[A-Z0-9][A-Z0-9 \-]{0,11}$")

EXAMPLES: dict[str, str] = {
    "AT": "1010",
    "AU": "2000",
    "BE": "1000",
    "CA": "K1A 0B1",
    "CH": "8001",
    "CZ": "110 00",
    "DE": "10115",
    "DK": "1050",
    "ES": "28001",
    "FI": "00100",
    "FR": "33000",
    "GB": "SW1A 1AA",
    "IT": "00184",
    "JP": "100-0001",
    "LU": "L-1009",
    "NL": "1012 AB",
    "NO": "0150",
    "NZ": "6011",
    "PL": "00-950",
    "PT": "1100-148",
    "SE": "111 22",
    "US": "94105",
}


def normalize_postcode(postcode: str) -> str:
    return " ".join((postcode or "").upper().split())


def has_known_format(country: str) -> bool:
    return country in _COMPILED


def is_valid_postcode(country: str, postcode: str) -> bool:
    """Whether `postcode` (any case and spacing) is well formed for `country`."""
    value = normalize_postcode(postcode)
    pattern = _COMPILED.get(country)
    if pattern is None:
        return bool(_GENERIC.match(value))
    return bool(pattern.match(value))
