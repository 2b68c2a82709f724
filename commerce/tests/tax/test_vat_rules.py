"""VAT regimes and amounts on worked examples (seller in France, rates from the VatRate table)."""

from decimal import Decimal

import pytest

from accounts.tests.factories import B2BUserFactory, CompanyFactory, UserFactory
from commerce.models import TaxRegime, VatRate
from commerce.tax.services import tax_compute, tax_decide, vat_of

pytestmark = pytest.mark.django_db


def test_a_french_consumer_pays_french_vat_on_goods_and_shipping():
    # 2 barriques at 290.00 + 180.00 freight, 20 %: 116.00 + 36.00 VAT.
    decision = tax_decide(destination_country="FR", user=UserFactory())
    assert (decision.regime, decision.rate, decision.country) == (
        TaxRegime.DOMESTIC,
        Decimal("20.00"),
        "FR",
    )
    tax = tax_compute(
        decision=decision, lines=[("BRL-1", Decimal("580.00")), ("shipping", Decimal("180.00"))]
    )
    assert [line.amount for line in tax.lines] == [Decimal("116.00"), Decimal("36.00")]
    assert tax.total == Decimal("152.00")


def test_a_german_consumer_pays_the_german_rate_under_oss():
    decision = tax_decide(destination_country="DE", user=UserFactory())
    assert decision.regime == TaxRegime.OSS_DESTINATION
    assert decision.rate == Decimal("19.00")
    assert decision.country == "DE"
    assert "One-Stop Shop" in decision.legal_text
    # 290.00 at 19 % = 55.10; 99.99 at 19 % = 18.9981 -> 19.00 (half up per line).
    tax = tax_compute(
        decision=decision, lines=[("BRL-1", Decimal("290.00")), ("shipping", Decimal("99.99"))]
    )
    assert [line.amount for line in tax.lines] == [Decimal("55.10"), Decimal("19.00")]


def test_a_verified_german_business_is_reverse_charged_with_the_legal_wording():
    buyer = B2BUserFactory(company=CompanyFactory(vat_number="DE123456789", country="DE"))
    decision = tax_decide(destination_country="DE", user=buyer)
    assert decision.regime == TaxRegime.REVERSE_CHARGE
    assert decision.rate == Decimal("0.00")
    assert "Art. 138" in decision.legal_text and "Art. 196" in decision.legal_text
    assert "DE123456789" in decision.legal_text
    tax = tax_compute(decision=decision, lines=[("BRL-1", Decimal("1000.00"))])
    assert tax.total == Decimal("0.00")


def test_a_greek_vat_number_with_the_el_prefix_qualifies_for_reverse_charge():
    buyer = B2BUserFactory(company=CompanyFactory(vat_number="EL123456789", country="GR"))
    assert tax_decide(destination_country="GR", user=buyer).regime == TaxRegime.REVERSE_CHARGE


def test_an_unverified_business_pays_destination_vat_like_a_consumer():
    buyer = B2BUserFactory(company=CompanyFactory(verification_status="pending"))
    decision = tax_decide(destination_country="DE", user=buyer)
    assert decision.regime == TaxRegime.OSS_DESTINATION
    assert decision.rate == Decimal("19.00")


def test_a_french_business_pays_french_vat_even_when_verified():
    buyer = B2BUserFactory(company=CompanyFactory(vat_number="FR12345678901", country="FR"))
    decision = tax_decide(destination_country="FR", user=buyer)
    assert (decision.regime, decision.rate) == (TaxRegime.DOMESTIC, Decimal("20.00"))


def test_exports_outside_the_eu_are_zero_rated_with_the_export_wording():
    for buyer in (UserFactory(), B2BUserFactory()):
        decision = tax_decide(destination_country="US", user=buyer)
        assert decision.regime == TaxRegime.EXPORT
        assert decision.rate == Decimal("0.00")
        assert "Art. 146" in decision.legal_text
    assert tax_decide(destination_country="CH", user=UserFactory()).regime == TaxRegime.EXPORT


def test_an_edited_rate_applies_to_new_computations(settings):
    VatRate.objects.filter(country="DE").update(standard_rate=Decimal("21.00"))
    assert tax_decide(destination_country="DE", user=UserFactory()).rate == Decimal("21.00")


def test_a_missing_rate_is_a_clear_422():
    from vwb_site.exceptions import UnprocessableError

    VatRate.objects.filter(country="IT").delete()
    with pytest.raises(UnprocessableError) as info:
        tax_decide(destination_country="IT", user=UserFactory())
    assert info.value.code == "vat_rate_missing"


def test_vat_rounds_half_up_to_the_cent():
    assert vat_of(Decimal("0.025"), Decimal("100")) == Decimal("0.03")
    assert vat_of(Decimal("12.345"), Decimal("20")) == Decimal("2.47")  # 2.469
    assert vat_of(Decimal("10.05"), Decimal("25.5")) == Decimal("2.56")  # 2.56275
