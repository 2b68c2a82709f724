"""The fake PayPal API's HTTP server: a real server on 127.0.0.1 and a free port, in a thread,
routing PayPal's paths (and the tests' /_test/ actions) to `FakePayPal` (paypal_state.py)."""

import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from commerce.tests.fakes.paypal_state import (
    CAPTURE_ORDER_PATH,
    CAPTURE_PATH,
    ORDER_PATH,
    REFUND_PATH,
    TEST_PATH,
    FakePayPal,
    PayPalError,
)


def _handler(fake: FakePayPal):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out at once, as from PayPal

        def log_message(self, *args):  # quiet
            return

        def _send(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Paypal-Debug-Id", secrets.token_hex(6))
            self.end_headers()
            self.wfile.write(data)

        def _raw(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _json(self, raw: bytes, *, optional: bool = False) -> dict:
            if not raw and optional:
                return {}
            if not self.headers.get("Content-Type", "").startswith("application/json"):
                raise PayPalError(400, "INVALID_CONTENT_TYPE" if raw else "MISSING_REQUEST_BODY")
            try:
                body = json.loads(raw)
            except ValueError as exc:
                raise PayPalError(400, "MALFORMED_REQUEST_JSON") from exc
            if not isinstance(body, dict):
                raise PayPalError(400, "MALFORMED_REQUEST_JSON")
            return body

        def _authorised(self) -> bool:
            auth = self.headers.get("Authorization", "")
            return auth.startswith("Bearer ") and auth[7:] in fake.tokens

        def _idempotent(self, key: str, call):
            request_id = self.headers.get("PayPal-Request-Id", "")
            if request_id and (key, request_id) in fake.idempotent:
                status, body = fake.idempotent[(key, request_id)]
                return 200 if status == 201 else status, body
            status, body = call()
            if request_id:
                fake.idempotent[(key, request_id)] = (status, body)
            return status, body

        def do_GET(self):
            self._dispatch("GET")

        def do_POST(self):
            self._dispatch("POST")

        def _dispatch(self, method: str) -> None:
            path = self.path.split("?", 1)[0]
            raw = self._raw() if method == "POST" else b""
            fake.calls.append((method, path))
            try:
                if path == "/v1/oauth2/token" and method == "POST":
                    form = parse_qs(raw.decode())
                    try:
                        return self._send(
                            200, fake.token(self.headers.get("Authorization", ""), form)
                        )
                    except PermissionError:
                        return self._send(
                            401,
                            {
                                "error": "invalid_client",
                                "error_description": "Client Authentication failed",
                            },
                        )
                test = TEST_PATH.match(path)
                if test and method == "POST":
                    return self._send(
                        200, self._test(*test.groups(), self._json(raw, optional=True))
                    )
                if not self._authorised():
                    return self._send(
                        401,
                        {
                            "name": "AUTHENTICATION_FAILURE",
                            "message": "Authentication failed due to invalid authentication "
                            "credentials or a missing Authorization header.",
                            "links": [
                                {
                                    "href": "https://developer.paypal.com/docs/api/overview/#error",
                                    "rel": "information_link",
                                }
                            ],
                        },
                    )
                self._send(*self._api(method, path, raw))
            except PayPalError as exc:
                self._send(exc.status, exc.body())

        def _api(self, method: str, path: str, raw: bytes) -> tuple[int, dict]:
            if method == "POST" and path == "/v2/checkout/orders":
                body = self._json(raw)
                return self._idempotent("create", lambda: fake.create_order(body))
            if method == "POST" and path == "/v1/notifications/verify-webhook-signature":
                return fake.verify(self._json(raw))
            if method == "GET" and (match := ORDER_PATH.match(path)):
                return fake.get_order(match[1])
            if method == "POST" and (match := CAPTURE_ORDER_PATH.match(path)):
                self._json(raw, optional=True)
                return self._idempotent(f"capture:{match[1]}", lambda: fake.capture_order(match[1]))
            if method == "GET" and (match := CAPTURE_PATH.match(path)):
                return fake.get_capture(match[1])
            if method == "POST" and (match := REFUND_PATH.match(path)):
                body = self._json(raw, optional=True)
                return self._idempotent(
                    f"refund:{match[1]}", lambda: fake.refund_capture(match[1], body)
                )
            raise PayPalError(404, "INVALID_RESOURCE_ID", f"No such endpoint {method} {path}.")

        def _test(self, kind: str, key: str, action: str, body: dict) -> dict:
            if kind == "orders" and action == "approve":
                fake.approve(key)
                return fake.get_order(key)[1]
            if kind == "orders" and action == "capture-outcome":
                fake.capture_outcomes[key] = str(body.get("status", "COMPLETED"))
                return {"status": fake.capture_outcomes[key]}
            if kind == "captures" and action == "settle":
                fake.settle_capture(key, str(body.get("status", "")))
                return fake.get_capture(key)[1]
            if kind == "captures" and action == "dashboard-refund":
                amount = body.get("amount")
                payload = (
                    {
                        "amount": {
                            "currency_code": fake.captures[key]["currency"],
                            "value": str(amount),
                        }
                    }
                    if amount
                    else {}
                )
                return fake.refund_capture(key, payload)[1]
            if kind == "refunds" and action == "settle":
                fake.settle_refund(key, str(body.get("status", "")))
                return fake._refund_json(fake.refunds[key])
            raise PayPalError(404, "INVALID_RESOURCE_ID", f"No test action {kind}/{action}.")

    return Handler


class PayPalServer:
    """The fake on 127.0.0.1:<free port>; `url` is what PAYPAL_BASE_URL points at."""

    def __init__(self, *, client_id: str, secret: str, webhook_id: str):
        self.fake = FakePayPal(client_id=client_id, secret=secret, webhook_id=webhook_id)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.fake))
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.fake.url = self.url
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> "PayPalServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    # --- what a test does, over HTTP like the buyer's browser or PayPal's dashboard ----------
    def _post(self, path: str, body: dict | None = None) -> dict:
        import urllib.request

        request = urllib.request.Request(
            self.url + path,
            data=json.dumps(body or {}).encode(),
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())

    def approve(self, order_id: str) -> dict:
        """The buyer approves the PayPal order (logs in and clicks Pay)."""
        return self._post(f"/_test/orders/{order_id}/approve")

    def capture_outcome(self, order_id: str, status: str) -> None:
        """The capture of this order will be COMPLETED, PENDING or DECLINED."""
        self._post(f"/_test/orders/{order_id}/capture-outcome", {"status": status})

    def settle(self, capture_id: str, status: str) -> dict:
        """A PENDING capture becomes COMPLETED or DECLINED (PayPal's review ends)."""
        return self._post(f"/_test/captures/{capture_id}/settle", {"status": status})

    def dashboard_refund(self, capture_id: str, amount=None) -> dict:
        """The merchant refunds in PayPal's dashboard (no API call from the shop)."""
        return self._post(
            f"/_test/captures/{capture_id}/dashboard-refund",
            {"amount": str(amount)} if amount is not None else {},
        )

    def settle_refund(self, refund_id: str, status: str) -> dict:
        """A PENDING refund completes (or fails) at PayPal."""
        return self._post(f"/_test/refunds/{refund_id}/settle", {"status": status})

    def order_event(self, event_type: str, order_id: str, **kwargs) -> tuple[bytes, dict]:
        return self.fake.signed_event(event_type, self.fake.get_order(order_id)[1], **kwargs)

    def capture_event(self, event_type: str, capture_id: str, **kwargs) -> tuple[bytes, dict]:
        return self.fake.signed_event(event_type, self.fake.get_capture(capture_id)[1], **kwargs)

    def refund_event(self, event_type: str, refund: dict, **kwargs) -> tuple[bytes, dict]:
        return self.fake.signed_event(event_type, refund, **kwargs)

    def capture_calls(self, order_id: str) -> int:
        return self.fake.calls.count(("POST", f"/v2/checkout/orders/{order_id}/capture"))

    def captures_of(self, order_id: str) -> list[str]:
        return list(self.fake.orders[order_id]["captures"])
