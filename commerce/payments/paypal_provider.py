"""PayPal through its official server SDK, Orders v2 with intent CAPTURE.

One PayPal order per payment attempt, created with a `PayPal-Request-Id` (the same attempt
returns the same PayPal order) and the shop's order number as invoice id. The storefront sends
the buyer to PayPal (approval link, or the JS buttons with the order id); once approved, the
server captures (`sync`), with the payment's id as the capture's `PayPal-Request-Id`, so a
retried capture never captures twice. Only ids, statuses and amounts are kept.
"""

from decimal import Decimal

from django.conf import settings
from paypalserversdk.exceptions.error_exception import ErrorException
from paypalserversdk.models.amount_with_breakdown import AmountWithBreakdown
from paypalserversdk.models.checkout_payment_intent import CheckoutPaymentIntent
from paypalserversdk.models.money import Money
from paypalserversdk.models.order_application_context import OrderApplicationContext
from paypalserversdk.models.order_request import OrderRequest
from paypalserversdk.models.purchase_unit_request import PurchaseUnitRequest
from paypalserversdk.models.refund_request import RefundRequest

from commerce import error_codes
from commerce.models import PaymentProvider, PaymentStatus, RefundStatus
from commerce.payments.base import (
    PaymentProviderBase,
    PaymentProviderError,
    PaymentProviderUnavailable,
    PaymentStart,
    PaymentState,
    ProviderRefund,
    RefundResult,
)
from commerce.payments.paypal_client import (
    SDK_ERRORS,
    PayPalUnavailable,
    paypal_client,
    paypal_forget_token,
)
from vwb_site.exceptions import ConflictError

CENT = Decimal("0.01")
CAPTURED = ("COMPLETED", "PARTIALLY_REFUNDED", "REFUNDED")
REFUND_STATUS = {
    "COMPLETED": RefundStatus.SUCCEEDED,
    "PENDING": RefundStatus.PENDING,
    "FAILED": RefundStatus.FAILED,
    "CANCELLED": RefundStatus.FAILED,
}


def _value(amount: Decimal) -> str:
    return str(Decimal(amount).quantize(CENT))


def _decimal(money) -> Decimal:
    return Decimal(str(getattr(money, "value", None) or "0")).quantize(CENT)


def _issue(exc: ErrorException) -> str:
    """PayPal's most precise word for a refusal: the first detail's issue, else its name."""
    details = getattr(exc, "details", None) or []
    issue = getattr(details[0], "issue", None) if details else None
    return str(issue or getattr(exc, "name", None) or "PAYPAL_ERROR")


def _error(exc: Exception) -> PaymentProviderError:
    if isinstance(exc, ErrorException) and getattr(exc, "response_code", 0) < 500:
        return PaymentProviderError(
            f"PayPal refused the request: {getattr(exc, 'message', None) or exc}",
            extra={"provider_code": _issue(exc)},
        )
    return PaymentProviderUnavailable(
        "PayPal cannot be reached at the moment; try again or choose another payment method.",
        extra={"provider": PaymentProvider.PAYPAL.value},
    )


def _call(controller: str, method: str, options: dict):
    """One SDK call (`paypal_client().<controller>.<method>(options)`); its parsed body. A 401
    (token revoked early) is retried once with a new token; refusals and outages become
    PaymentProviderError."""
    for attempt in (1, 2):
        try:
            return getattr(getattr(paypal_client(), controller), method)(options).body
        except (*SDK_ERRORS, PayPalUnavailable) as exc:
            if getattr(exc, "response_code", None) == 401 and attempt == 1:
                paypal_forget_token()
                continue
            raise _error(exc) from exc
    raise AssertionError("unreachable")


def approve_url(order) -> str:
    for link in getattr(order, "links", None) or []:
        if link.rel in ("approve", "payer-action"):
            return link.href
    return ""


def order_state(order) -> PaymentState:
    """Map a PayPal order (SDK model) to our status, capture id and the refunds it lists."""
    status = str(getattr(order, "status", "") or "")
    units = getattr(order, "purchase_units", None) or []
    payments = getattr(units[0], "payments", None) if units else None
    captures = list(getattr(payments, "captures", None) or [])
    refunds = tuple(
        ProviderRefund(
            reference=refund.id,
            amount=_decimal(refund.amount),
            status=REFUND_STATUS.get(str(refund.status), RefundStatus.PENDING),
        )
        for refund in (getattr(payments, "refunds", None) or [])
    )
    if not captures:
        if status == "VOIDED":
            return PaymentState(PaymentStatus.CANCELLED, Decimal("0.00"), provider_status=status)
        return PaymentState(
            PaymentStatus.PENDING,
            Decimal("0.00"),
            provider_status=status,
            ready_to_capture=status == "APPROVED",
        )
    capture = captures[-1]
    capture_status = str(capture.status or "")
    common = {"capture_reference": capture.id, "provider_status": capture_status}
    if capture_status in CAPTURED:
        return PaymentState(
            PaymentStatus.SUCCEEDED, _decimal(capture.amount), refunds=refunds, **common
        )
    if capture_status == "PENDING":
        return PaymentState(PaymentStatus.PROCESSING, Decimal("0.00"), **common)
    details = getattr(capture, "status_details", None)
    reason = str(getattr(details, "reason", None) or "")
    return PaymentState(
        PaymentStatus.FAILED,
        Decimal("0.00"),
        failure_code=f"paypal_{capture_status.lower() or 'failed'}"[:60],
        failure_message=(reason or f"PayPal capture {capture_status}")[:500],
        **common,
    )


class PayPalProvider(PaymentProviderBase):
    code = PaymentProvider.PAYPAL
    captures_on_server = True
    reopens_failed = False  # a declined PayPal order is done with: a new attempt, a new order

    def start(self, *, order, payment_method_id: str = "") -> PaymentStart:
        attempt = order.payments.filter(provider=self.code).count()
        frontend = settings.FRONTEND_BASE_URL.rstrip("/")
        body = OrderRequest(
            intent=CheckoutPaymentIntent.CAPTURE,
            purchase_units=[
                PurchaseUnitRequest(
                    amount=AmountWithBreakdown(
                        currency_code=order.currency, value=_value(order.amount_due)
                    ),
                    reference_id=str(order.id),
                    invoice_id=order.number,
                    custom_id=str(order.id),
                    description=f"Order {order.number}",
                )
            ],
            application_context=OrderApplicationContext(
                brand_name="Vintage Without Borders",
                user_action="PAY_NOW",
                shipping_preference="NO_SHIPPING",
                return_url=f"{frontend}/checkout/paypal/return?order={order.id}",
                cancel_url=f"{frontend}/checkout/paypal/cancel?order={order.id}",
            ),
        )
        created = _call(
            "orders",
            "create_order",
            {
                "body": body,
                "paypal_request_id": f"vwb-order-{order.id}-paypal-{attempt}",
                "prefer": "return=representation",
            },
        )
        return PaymentStart(
            reference=created.id,
            status=PaymentStatus.PENDING,
            instructions={"paypal_order_id": created.id, "approve_url": approve_url(created)},
        )

    def _order(self, payment):
        return _call("orders", "get_order", {"id": payment.provider_reference})

    def instructions(self, *, order, payment) -> dict:
        return {
            "paypal_order_id": payment.provider_reference,
            "approve_url": approve_url(self._order(payment)),
        }

    def fetch(self, *, payment) -> PaymentState:
        return order_state(self._order(payment))

    def sync(self, *, payment, capture: bool = False) -> PaymentState:
        state = self.fetch(payment=payment)
        if state.capture_reference or state.status == PaymentStatus.CANCELLED:
            return state
        if not (state.ready_to_capture or capture):
            return state
        try:
            captured = (
                paypal_client()
                .orders.capture_order(
                    {
                        "id": payment.provider_reference,
                        "paypal_request_id": f"vwb-capture-{payment.pk}",
                        "prefer": "return=representation",
                    }
                )
                .body
            )
        except ErrorException as exc:
            if getattr(exc, "response_code", None) == 401:
                paypal_forget_token()  # revoked: the next call authenticates afresh
            issue = _issue(exc)
            if issue == "ORDER_NOT_APPROVED":
                raise ConflictError(
                    "The buyer has not approved this PayPal payment yet.",
                    code=error_codes.PAYPAL_ORDER_NOT_APPROVED,
                ) from exc
            if issue == "ORDER_ALREADY_CAPTURED":
                return self.fetch(payment=payment)
            if issue == "INSTRUMENT_DECLINED":
                return PaymentState(
                    PaymentStatus.FAILED,
                    Decimal("0.00"),
                    failure_code="paypal_instrument_declined",
                    failure_message="PayPal declined the buyer's funding source.",
                    provider_status=state.provider_status,
                )
            raise _error(exc) from exc
        except (*SDK_ERRORS, PayPalUnavailable) as exc:
            raise _error(exc) from exc
        return order_state(captured)

    def capture_order_id(self, *, capture_id: str) -> str:
        """The PayPal order a capture belongs to, as PayPal tells it (webhooks name captures)."""
        capture = _call("payments", "get_captured_payment", {"capture_id": capture_id})
        related = getattr(getattr(capture, "supplementary_data", None), "related_ids", None)
        return str(getattr(related, "order_id", None) or "")

    def refund(
        self, *, payment, amount: Decimal, idempotency_key: str, reason: str = ""
    ) -> RefundResult:
        if not payment.capture_reference:
            raise PaymentProviderError("This PayPal payment has no capture to refund.")
        refund = _call(
            "payments",
            "refund_captured_payment",
            {
                "capture_id": payment.capture_reference,
                "body": RefundRequest(
                    amount=Money(currency_code=payment.currency, value=_value(amount)),
                    note_to_payer=(reason or None) and reason[:255],
                ),
                "paypal_request_id": idempotency_key,
                "prefer": "return=representation",
            },
        )
        return RefundResult(
            reference=refund.id,
            status=REFUND_STATUS.get(str(refund.status), RefundStatus.PENDING),
        )

    # cancel(): a PayPal order with intent CAPTURE cannot be voided through the API; it expires
    # at PayPal, and a cancelled payment is never captured by `sync`'s callers.
