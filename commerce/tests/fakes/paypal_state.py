"""A fake PayPal REST API for the tests: its state and rules (the HTTP side: paypal_http.py).

It speaks the documented JSON of the endpoints the shop uses (OAuth2 client-credentials tokens,
Orders v2 create/get/capture, Payments v2 capture get/refund, webhook signature verification)
and is strict like PayPal: a bearer token from /v1/oauth2/token (Basic client credentials) on
every call, JSON bodies with their required fields, `PayPal-Request-Id` idempotency (the same id
returns the same resource), PayPal's error shapes (400 INVALID_REQUEST, 401
AUTHENTICATION_FAILURE, 404 RESOURCE_NOT_FOUND, 422 UNPROCESSABLE_ENTITY with the issue). It is
stateful: orders, approvals, captures (COMPLETED, PENDING or DECLINED as a test sets), refunds.

Test-only endpoints under /_test/ do what the buyer or PayPal's staff would: approve an order,
settle a pending capture, refund in the dashboard. `signed_event` builds a webhook event and the
headers PayPal would sign it with; only such events verify (SUCCESS).
"""

import base64
import hashlib
import hmac
import itertools
import json
import re
import secrets
import threading
import time
import zlib
from decimal import Decimal

AMOUNT = re.compile(r"^\d{1,10}(\.\d{1,2})?$")
ORDER_PATH = re.compile(r"^/v2/checkout/orders/([A-Z0-9]+)$")
CAPTURE_ORDER_PATH = re.compile(r"^/v2/checkout/orders/([A-Z0-9]+)/capture$")
CAPTURE_PATH = re.compile(r"^/v2/payments/captures/([A-Z0-9]+)$")
REFUND_PATH = re.compile(r"^/v2/payments/captures/([A-Z0-9]+)/refund$")
TEST_PATH = re.compile(r"^/_test/(orders|captures|refunds)/([A-Z0-9]+)/([a-z-]+)$")
MESSAGES = {
    400: (
        "INVALID_REQUEST",
        "Request is not well-formed, syntactically incorrect, or violates schema.",
    ),
    404: ("RESOURCE_NOT_FOUND", "The specified resource does not exist."),
    422: (
        "UNPROCESSABLE_ENTITY",
        "The requested action could not be performed, semantically "
        "incorrect, or failed business validation.",
    ),
}


class PayPalError(Exception):
    def __init__(self, status: int, issue: str, description: str = "", field: str = ""):
        super().__init__(issue)
        self.status, self.issue, self.description, self.field = status, issue, description, field

    def body(self) -> dict:
        name, message = MESSAGES[self.status]
        detail = {"issue": self.issue, "description": self.description or self.issue}
        if self.field:
            detail.update(field=self.field, location="body")
        return {
            "name": name,
            "message": message,
            "debug_id": secrets.token_hex(6),
            "details": [detail],
            "links": [
                {
                    "href": f"https://developer.paypal.com/docs/api/v2/errors/#{self.issue}",
                    "rel": "information_link",
                    "method": "GET",
                }
            ],
        }


def _money(value: str) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


class FakePayPal:
    def __init__(self, *, client_id: str, secret: str, webhook_id: str):
        self.client_id, self.secret, self.webhook_id = client_id, secret, webhook_id
        self.signing_key = secrets.token_bytes(32)
        self.lock = threading.RLock()
        self.ids = itertools.count(1)
        self.tokens: set[str] = set()
        self.capture_delay = 0.0  # seconds a capture takes (widens races in tests)
        self.reset()

    # --- state ---------------------------------------------------------------------------
    def reset(self) -> None:
        with self.lock:
            self.orders: dict[str, dict] = {}
            self.captures: dict[str, dict] = {}
            self.refunds: dict[str, dict] = {}
            self.idempotent: dict[tuple[str, str], tuple[int, dict]] = {}
            self.capture_outcomes: dict[str, str] = {}
            self.calls: list[tuple[str, str]] = []
            self.capture_delay = 0.0
            self.refund_status = "COMPLETED"  # what an API refund starts as (PENDING: eChecks)

    def _id(self, prefix: str) -> str:
        return f"{prefix}{next(self.ids):06d}{secrets.token_hex(4).upper()}"

    def _order_json(self, order: dict) -> dict:
        unit = dict(order["unit"])
        payments = {}
        captures = [self._capture_json(self.captures[c]) for c in order["captures"]]
        if captures:
            payments["captures"] = captures
            refunds = [
                self._refund_json(r)
                for r in self.refunds.values()
                if r["capture_id"] in order["captures"]
            ]
            if refunds:
                payments["refunds"] = refunds
            unit["payments"] = payments
        links = [
            {"href": f"{self.url}/v2/checkout/orders/{order['id']}", "rel": "self", "method": "GET"}
        ]
        if order["status"] in ("CREATED", "PAYER_ACTION_REQUIRED"):
            links.append(
                {
                    "href": f"https://www.sandbox.paypal.com/checkoutnow?token={order['id']}",
                    "rel": "approve",
                    "method": "GET",
                }
            )
        if order["status"] == "APPROVED":
            links.append(
                {
                    "href": f"{self.url}/v2/checkout/orders/{order['id']}/capture",
                    "rel": "capture",
                    "method": "POST",
                }
            )
        return {
            "id": order["id"],
            "intent": order["intent"],
            "status": order["status"],
            "purchase_units": [unit],
            "create_time": order["create_time"],
            "links": links,
        }

    def _capture_json(self, capture: dict) -> dict:
        data = {
            "id": capture["id"],
            "status": capture["status"],
            "amount": {"currency_code": capture["currency"], "value": str(capture["amount"])},
            "final_capture": True,
            "invoice_id": capture["invoice_id"],
            "supplementary_data": {"related_ids": {"order_id": capture["order_id"]}},
            "links": [
                {
                    "href": f"{self.url}/v2/payments/captures/{capture['id']}",
                    "rel": "self",
                    "method": "GET",
                },
                {
                    "href": f"{self.url}/v2/checkout/orders/{capture['order_id']}",
                    "rel": "up",
                    "method": "GET",
                },
            ],
        }
        if capture["status"] == "PENDING":
            data["status_details"] = {"reason": "PENDING_REVIEW"}
        return data

    def _refund_json(self, refund: dict) -> dict:
        return {
            "id": refund["id"],
            "status": refund["status"],
            "amount": {"currency_code": refund["currency"], "value": str(refund["amount"])},
            "links": [
                {
                    "href": f"{self.url}/v2/payments/refunds/{refund['id']}",
                    "rel": "self",
                    "method": "GET",
                },
                {
                    "href": f"{self.url}/v2/payments/captures/{refund['capture_id']}",
                    "rel": "up",
                    "method": "GET",
                },
            ],
        }

    def _refunded(self, capture_id: str) -> Decimal:
        return sum(
            (
                r["amount"]
                for r in self.refunds.values()
                if r["capture_id"] == capture_id and r["status"] != "FAILED"
            ),
            Decimal(0),
        )

    # --- the API ---------------------------------------------------------------------------
    def token(self, authorization: str, form: dict) -> dict:
        expected = base64.b64encode(f"{self.client_id}:{self.secret}".encode()).decode()
        if authorization != f"Basic {expected}":
            raise PermissionError("invalid_client")
        if form.get("grant_type") != ["client_credentials"]:
            raise PayPalError(400, "UNSUPPORTED_GRANT_TYPE", field="grant_type")
        access = "A21AA" + secrets.token_urlsafe(24)
        with self.lock:
            self.tokens.add(access)
        return {
            "scope": "https://uri.paypal.com/services/payments/payment",
            "nonce": "x",
            "access_token": access,
            "token_type": "Bearer",
            "app_id": "APP-FAKE",
            "expires_in": 32400,
        }

    def create_order(self, body: dict) -> tuple[int, dict]:
        if body.get("intent") not in ("CAPTURE", "AUTHORIZE"):
            raise PayPalError(
                400,
                "MISSING_REQUIRED_PARAMETER" if "intent" not in body else "INVALID_PARAMETER_VALUE",
                field="/intent",
            )
        units = body.get("purchase_units")
        if not isinstance(units, list) or not units:
            raise PayPalError(400, "MISSING_REQUIRED_PARAMETER", field="/purchase_units")
        amount = units[0].get("amount") or {}
        if not re.fullmatch(r"[A-Z]{3}", str(amount.get("currency_code", ""))):
            raise PayPalError(
                400,
                "MISSING_REQUIRED_PARAMETER",
                field="/purchase_units/@reference_id=='default'/amount/currency_code",
            )
        if not AMOUNT.match(str(amount.get("value", ""))) or _money(amount["value"]) <= 0:
            raise PayPalError(
                400,
                "INVALID_PARAMETER_VALUE",
                field="/purchase_units/@reference_id=='default'/amount/value",
            )
        invoice = units[0].get("invoice_id")
        with self.lock:
            if invoice and any(
                c["invoice_id"] == invoice and c["status"] != "DECLINED"
                for c in self.captures.values()
            ):
                raise PayPalError(422, "DUPLICATE_INVOICE_ID", "Invoice ID was previously used.")
            order = {
                "id": self._id("5O"),
                "intent": body["intent"],
                "status": "CREATED",
                "unit": {k: v for k, v in units[0].items() if k != "payments"},
                "captures": [],
                "create_time": time.strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
            self.orders[order["id"]] = order
            return 201, self._order_json(order)

    def get_order(self, order_id: str) -> tuple[int, dict]:
        with self.lock:
            return 200, self._order_json(self._find(self.orders, order_id))

    def capture_order(self, order_id: str) -> tuple[int, dict]:
        if self.capture_delay:
            time.sleep(self.capture_delay)
        with self.lock:
            order = self._find(self.orders, order_id)
            if order["status"] == "COMPLETED":
                raise PayPalError(
                    422,
                    "ORDER_ALREADY_CAPTURED",
                    "Order already captured. If 'intent=CAPTURE' only one capture "
                    "per order is allowed.",
                )
            if order["status"] != "APPROVED":
                raise PayPalError(
                    422, "ORDER_NOT_APPROVED", "Payer has not yet approved the Order for payment."
                )
            outcome = self.capture_outcomes.get(order_id, "COMPLETED")
            amount = order["unit"]["amount"]
            capture = {
                "id": self._id("3C"),
                "order_id": order_id,
                "status": outcome,
                "amount": _money(amount["value"]),
                "currency": amount["currency_code"],
                "invoice_id": order["unit"].get("invoice_id"),
            }
            self.captures[capture["id"]] = capture
            order["captures"].append(capture["id"])
            order["status"] = "COMPLETED"
            return 201, self._order_json(order)

    def get_capture(self, capture_id: str) -> tuple[int, dict]:
        with self.lock:
            return 200, self._capture_json(self._find(self.captures, capture_id))

    def refund_capture(self, capture_id: str, body: dict, *, status: str | None = None):
        with self.lock:
            capture = self._find(self.captures, capture_id)
            if capture["status"] not in ("COMPLETED", "PARTIALLY_REFUNDED"):
                raise PayPalError(
                    422,
                    "CAPTURE_FULLY_REFUNDED"
                    if capture["status"] == "REFUNDED"
                    else "REFUND_NOT_ALLOWED",
                    "The capture cannot be refunded.",
                )
            remaining = capture["amount"] - self._refunded(capture_id)
            amount = body.get("amount")
            if amount is None:
                value = remaining
            else:
                if not isinstance(amount, dict) or not AMOUNT.match(str(amount.get("value"))):
                    raise PayPalError(400, "INVALID_PARAMETER_VALUE", field="/amount/value")
                if amount.get("currency_code") != capture["currency"]:
                    raise PayPalError(
                        422,
                        "REFUND_CURRENCY_MISMATCH",
                        "Refund must be in the same currency as the capture.",
                    )
                value = _money(amount["value"])
            if value <= 0:
                raise PayPalError(400, "INVALID_PARAMETER_VALUE", field="/amount/value")
            if value > remaining:
                raise PayPalError(
                    422,
                    "REFUND_AMOUNT_EXCEEDED",
                    "The refund amount must be less than or equal to the "
                    "capture amount that has not yet been refunded.",
                )
            refund = {
                "id": self._id("1R"),
                "capture_id": capture_id,
                "amount": value,
                "currency": capture["currency"],
                "status": status or self.refund_status,
            }
            self.refunds[refund["id"]] = refund
            capture["status"] = (
                "REFUNDED"
                if self._refunded(capture_id) >= capture["amount"]
                else "PARTIALLY_REFUNDED"
            )
            return 201, self._refund_json(refund)

    def verify(self, body: dict) -> tuple[int, dict]:
        required = (
            "auth_algo",
            "cert_url",
            "transmission_id",
            "transmission_sig",
            "transmission_time",
            "webhook_id",
            "webhook_event",
        )
        for name in required:
            if not body.get(name):
                raise PayPalError(400, "MISSING_REQUIRED_PARAMETER", field=f"/{name}")
        expected = self._signature(
            body["transmission_id"],
            body["transmission_time"],
            body["webhook_id"],
            body["webhook_event"],
        )
        ok = body["webhook_id"] == self.webhook_id and hmac.compare_digest(
            expected, str(body["transmission_sig"])
        )
        return 200, {"verification_status": "SUCCESS" if ok else "FAILURE"}

    @staticmethod
    def _find(table: dict, key: str) -> dict:
        if key not in table:
            raise PayPalError(
                404,
                "INVALID_RESOURCE_ID",
                "Specified resource ID does not exist. Please check the resource ID and try again.",
            )
        return table[key]

    # --- what tests do (the buyer, PayPal's staff, PayPal's webhook signer) -------------------
    def approve(self, order_id: str) -> None:
        with self.lock:
            order = self._find(self.orders, order_id)
            if order["status"] != "CREATED":
                raise PayPalError(422, "ORDER_CANNOT_BE_APPROVED", order["status"])
            order["status"] = "APPROVED"

    def settle_capture(self, capture_id: str, status: str) -> None:
        with self.lock:
            capture = self._find(self.captures, capture_id)
            if capture["status"] != "PENDING" or status not in ("COMPLETED", "DECLINED"):
                raise PayPalError(422, "CAPTURE_NOT_PENDING", capture["status"])
            capture["status"] = status

    def settle_refund(self, refund_id: str, status: str) -> None:
        with self.lock:
            refund = self._find(self.refunds, refund_id)
            if refund["status"] != "PENDING" or status not in ("COMPLETED", "FAILED"):
                raise PayPalError(422, "REFUND_NOT_PENDING", refund["status"])
            refund["status"] = status

    def _signature(self, transmission_id, transmission_time, webhook_id, event) -> str:
        crc = zlib.crc32(json.dumps(event, sort_keys=True, separators=(",", ":")).encode())
        message = f"{transmission_id}|{transmission_time}|{webhook_id}|{crc}".encode()
        return base64.b64encode(
            hmac.new(self.signing_key, message, hashlib.sha256).digest()
        ).decode()

    def signed_event(
        self,
        event_type: str,
        resource: dict,
        *,
        event_id: str | None = None,
        webhook_id: str | None = None,
    ) -> tuple[bytes, dict]:
        """(body, headers) of a webhook delivery PayPal would make, signed for our webhook."""
        resource_type = (
            "checkout-order"
            if event_type.startswith("CHECKOUT.ORDER")
            else "refund"
            if event_type.endswith(("REFUNDED", "REVERSED"))
            else "capture"
        )
        event = {
            "id": event_id or f"WH-{self._id('EV')}",
            "event_version": "1.0",
            "create_time": time.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "resource_type": resource_type,
            "event_type": event_type,
            "summary": event_type,
            "resource": resource,
        }
        transmission_id = secrets.token_hex(8)
        transmission_time = time.strftime("%Y-%m-%dT%H:%M:%SZ")
        headers = {
            "PAYPAL-AUTH-ALGO": "SHA256withRSA",
            "PAYPAL-CERT-URL": "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-fake",
            "PAYPAL-TRANSMISSION-ID": transmission_id,
            "PAYPAL-TRANSMISSION-TIME": transmission_time,
            "PAYPAL-TRANSMISSION-SIG": self._signature(
                transmission_id, transmission_time, webhook_id or self.webhook_id, event
            ),
        }
        return json.dumps(event).encode(), headers
