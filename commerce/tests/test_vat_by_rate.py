"""An order's VAT per rate (#21): the invoice and the order page state one row per rate."""

from decimal import Decimal

from commerce.models import Order, TaxRegime


def _order(rows, regime=TaxRegime.DOMESTIC) -> Order:
    return Order(tax_breakdown=rows, tax_regime=regime)


def test_rows_of_one_rate_add_up_and_rates_stay_apart():
    order = _order(
        [
            {"label": "DEMO-0000008", "base": "1000.00", "rate": "20.00", "amount": "200.00"},
            {"label": "DEMO-0000009", "base": "100.00", "rate": "5.5", "amount": "5.50"},
            {"label": "DEMO-0000010", "base": "250.00", "rate": "20", "amount": "50.00"},
            {"label": "shipping", "base": "80.10", "rate": "20.00", "amount": "16.02"},
        ]
    )
    rows = [(v.label, v.rate, v.base, v.amount) for v in order.vat_by_rate()]
    assert rows == [
        ("VAT 20 %", Decimal("20"), Decimal("1330.10"), Decimal("266.02")),
        ("VAT 5.5 %", Decimal("5.5"), Decimal("100.00"), Decimal("5.50")),
    ]


def test_zero_rate_says_why():
    rows = [{"label": "DEMO-1", "base": "10.00", "rate": "0.00", "amount": "0.00"}]
    assert _order(rows, TaxRegime.REVERSE_CHARGE).vat_by_rate()[0].label == (
        "VAT 0 % (reverse charge)"
    )
    assert _order(rows, TaxRegime.EXPORT).vat_by_rate()[0].label == "VAT 0 % (export)"
    assert _order([]).vat_by_rate() == []
