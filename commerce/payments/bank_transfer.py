"""Bank transfer (verified B2B buyers): the order waits with a payment reference and the bank
details; an administrator records each amount received (commerce.payments.services)."""

from decimal import Decimal

from django.conf import settings

from commerce.models import PaymentProvider, PaymentStatus, RefundStatus
from commerce.payments.base import PaymentProviderBase, PaymentStart, PaymentState, RefundResult


def bank_details(order) -> dict:
    return {
        "account_holder": settings.BANK_TRANSFER_ACCOUNT_HOLDER,
        "iban": settings.BANK_TRANSFER_IBAN,
        "bic": settings.BANK_TRANSFER_BIC,
        "bank_name": settings.BANK_TRANSFER_BANK_NAME,
        "reference": order.payment_reference or order.number,
        "amount": str(order.amount_due),
        "currency": order.currency,
    }


class BankTransferProvider(PaymentProviderBase):
    code = PaymentProvider.BANK_TRANSFER
    confirms_automatically = False

    def start(self, *, order, payment_method_id: str = "") -> PaymentStart:
        return PaymentStart(
            reference=order.payment_reference or order.number,
            status=PaymentStatus.PENDING,
            instructions=bank_details(order),
        )

    def instructions(self, *, order, payment) -> dict:
        return bank_details(order)

    def fetch(self, *, payment) -> PaymentState:
        return PaymentState(payment.status, payment.amount_captured)

    def refund(
        self, *, payment, amount: Decimal, idempotency_key: str, reason: str = ""
    ) -> RefundResult:
        # Paid out by staff from the bank account: recorded as pending until they do.
        return RefundResult(
            reference=f"manual-{idempotency_key[-12:]}", status=RefundStatus.PENDING
        )
