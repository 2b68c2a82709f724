"""The payment provider interface. Stripe, PayPal and bank transfer implement it, registered in
`commerce.payments.registry`.

Providers talk to the outside world only; the ledger (Payment, Refund rows), locking and order
transitions live in `commerce.payments.services`, the same for every provider.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from decimal import Decimal

from commerce import error_codes
from vwb_site.exceptions import ApplicationError


class PaymentProviderError(ApplicationError):
    """The provider refused or could not be reached (502 to API clients)."""

    status_code = 502
    default_code = error_codes.PAYMENT_PROVIDER_ERROR


class PaymentProviderUnavailable(PaymentProviderError):
    """The provider could not be reached (or failed on its side): retry, or pay another way."""

    default_code = error_codes.PAYMENT_PROVIDER_UNAVAILABLE


@dataclass(frozen=True)
class PaymentStart:
    """What a new payment is at the provider, and what the buyer needs to pay it."""

    reference: str  # provider's id (PaymentIntent id, transfer reference)
    status: str  # PaymentStatus
    instructions: dict = field(default_factory=dict)  # client_secret, or bank details


@dataclass(frozen=True)
class ProviderRefund:
    """A refund (or reversal) the provider reports on a payment, whoever made it."""

    reference: str
    amount: Decimal
    status: str  # RefundStatus


@dataclass(frozen=True)
class PaymentState:
    """The provider's current truth about a payment (re-read, never taken from a webhook)."""

    status: str  # PaymentStatus
    amount_captured: Decimal
    failure_code: str = ""
    failure_message: str = ""
    capture_reference: str = ""  # PayPal: the capture's id
    provider_status: str = ""  # the provider's own word (PayPal: APPROVED, COMPLETED...)
    ready_to_capture: bool = False  # PayPal: the buyer approved, the server must capture
    refunds: tuple[ProviderRefund, ...] = ()  # refunds the provider knows of (any origin)


@dataclass(frozen=True)
class RefundResult:
    reference: str
    status: str  # RefundStatus


class PaymentProviderBase(ABC):
    code: str  # PaymentProvider value
    #: True when the provider tells us itself that a payment succeeded (webhooks, polling);
    #: False when staff record received money (bank transfer).
    confirms_automatically: bool = True
    #: True when the server itself completes the payment after the buyer approved it (PayPal's
    #: capture): `sync` then runs under the payment's row lock, so it captures once.
    captures_on_server: bool = False
    #: False when a failed payment cannot be retried as is (a new attempt opens a new one).
    reopens_failed: bool = True

    @abstractmethod
    def start(self, *, order, payment_method_id: str = "") -> PaymentStart:
        """Open a payment for the order's amount due."""

    @abstractmethod
    def instructions(self, *, order, payment) -> dict:
        """What the buyer needs to pay an open payment (client secret, bank details)."""

    @abstractmethod
    def fetch(self, *, payment) -> PaymentState:
        """Re-read the payment at the provider."""

    def sync(self, *, payment, capture: bool = False) -> PaymentState:
        """Re-read the payment, completing it first where the server must (PayPal: capture an
        approved order; `capture=True` tries even when not known to be approved)."""
        return self.fetch(payment=payment)

    @abstractmethod
    def refund(
        self, *, payment, amount: Decimal, idempotency_key: str, reason: str = ""
    ) -> RefundResult:
        """Give back `amount` of a captured payment."""

    def cancel(self, *, payment) -> None:  # noqa: B027 - optional
        """Stop an open payment so it can no longer be paid (best effort)."""
