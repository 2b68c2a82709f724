"""The provider interface: a new payment provider (PayPal, say) is one class in the registry;
the ledger, locking and order transitions are the same services for every provider."""

from decimal import Decimal

import pytest

from catalog.tests.factories import BarrelFactory
from commerce.models import Payment, PaymentMethod
from commerce.orders.services import order_payment_refresh
from commerce.payments import registry
from commerce.payments.base import PaymentProviderBase, PaymentStart, PaymentState, RefundResult
from commerce.payments.services import payment_start, refund_create
from commerce.tests.factories import order_create

pytestmark = pytest.mark.django_db


class WalletProvider(PaymentProviderBase):
    """A provider written only against the interface (what a PayPal class would be)."""

    code = "wallet"
    calls: list[str] = []

    def start(self, *, order, payment_method_id=""):
        self.calls.append("start")
        return PaymentStart(
            reference=f"W-{order.number}",
            status="pending",
            instructions={"approve_url": "https://wallet.example/approve"},
        )

    def instructions(self, *, order, payment):
        return {"approve_url": "https://wallet.example/approve"}

    def fetch(self, *, payment):
        self.calls.append("fetch")
        return PaymentState(status="succeeded", amount_captured=payment.amount)

    def refund(self, *, payment, amount, idempotency_key, reason=""):
        self.calls.append(f"refund {amount}")
        return RefundResult(reference=f"WR-{idempotency_key}"[:60], status="succeeded")


def test_a_new_provider_is_one_class_registered_and_the_services_do_the_rest(monkeypatch, admin):
    monkeypatch.setitem(registry.PROVIDERS, "wallet", WalletProvider)
    monkeypatch.setitem(registry.METHOD_PROVIDER, PaymentMethod.CARD, "wallet")
    monkeypatch.setattr(WalletProvider, "calls", [])
    order = order_create(
        barrel=BarrelFactory(stock_quantity=3), quantity=1, payment_method=PaymentMethod.CARD
    )

    payment, instructions = payment_start(order=order)
    assert (payment.provider, payment.provider_reference) == ("wallet", f"W-{order.number}")
    assert instructions == {"approve_url": "https://wallet.example/approve"}
    assert payment_start(order=order)[0].pk == payment.pk  # reused, not opened twice

    order_payment_refresh(payment=payment)
    order.refresh_from_db()
    assert order.status == "processing" and order.amount_captured == order.total_amount

    refund_create(order=order, amount=Decimal("10.00"), actor=admin, reason="scratch")
    order.refresh_from_db()
    assert order.amount_refunded == Decimal("10.00")
    assert WalletProvider.calls == ["start", "fetch", "refund 10.00"]
    assert Payment.objects.filter(order=order).count() == 1
