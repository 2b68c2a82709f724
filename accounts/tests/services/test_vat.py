"""VAT number normalisation per EU country (python-stdnum), tax ids elsewhere."""

import pytest
from django.core.exceptions import ValidationError

from accounts.validators import normalize_phone, normalize_vat_number
from vwb_site.core.countries import normalize_country


@pytest.mark.parametrize(
    ("country", "raw", "expected"),
    [
        ("DE", "DE136695976", "DE136695976"),
        ("DE", "de 136-695-976", "DE136695976"),
        ("DE", "136695976", "DE136695976"),
        ("FR", "FR 40 303 265 045", "FR40303265045"),
        ("GR", "GR094259216", "EL094259216"),
        ("GR", "EL 094259216", "EL094259216"),
        ("NL", "NL004495445B01", "NL004495445B01"),
        ("US", "  12-3456789 ", "12-3456789"),
        ("GB", "GB 980 7806 84", "GB 980 7806 84"),
        ("CH", "CHE-123.456.788 MWST", "CHE-123.456.788 MWST"),
    ],
)
def test_valid_numbers_are_normalised(country, raw, expected):
    assert normalize_vat_number(country=country, value=raw) == expected


@pytest.mark.parametrize(
    ("country", "raw", "code"),
    [
        ("DE", "DE136695977", "invalid_vat_number"),
        ("DE", "DE1366959", "invalid_vat_number"),
        ("DE", "DEABCDEFGHI", "invalid_vat_number"),
        ("DE", "FR40303265045", "vat_country_mismatch"),
        ("GR", "DE136695976", "vat_country_mismatch"),
        ("FR", "", "required"),
        ("US", "   ", "required"),
        ("US", "X" * 21, "invalid_vat_number"),
    ],
)
def test_invalid_numbers_are_refused(country, raw, code):
    with pytest.raises(ValidationError) as info:
        normalize_vat_number(country=country, value=raw)
    assert info.value.code == code


def test_country_codes_are_iso_3166():
    assert normalize_country(" de ") == "DE"
    for bad in ["XX", "DEU", "", "Germany"]:
        with pytest.raises(ValidationError):
            normalize_country(bad)


def test_phone_numbers_are_trimmed_and_checked():
    assert normalize_phone(" +49  6131 000000 ") == "+49 6131 000000"
    assert normalize_phone("") == ""
    with pytest.raises(ValidationError):
        normalize_phone("<script>")
