"""A fake of EasyPost's HTTP API (v2) for the tests: a real HTTP server in a thread, strict and
stateful, that the real `easypost` SDK talks to through its `api_base`.

Strict as the API is: the API key (Bearer, or Basic with the key as user name), the wrapped
JSON bodies (`{"shipment": {...}}`), addresses with countries, a parcel in ounces and inches
(weight > 0; the carriers' 70 kg / 150 lb and size limits decide which rates come back), customs
(HS tariff number, value, origin) on shipments leaving the EU, a rate of that shipment on buy,
refused once expired or already bought. Errors come in EasyPost's shape,
`{"error": {"code", "message", "errors": [...]}}`, with its 4xx statuses.

Stateful: shipments, their rates (ids, prices), purchases with a tracking code, labels served
as PDF bytes, trackers. Helpers sign tracker webhooks as EasyPost does (X-Hmac-Signature) and a
switch makes the API slow, unavailable (503) or refusing (422).
"""

import base64
import hashlib
import hmac
import itertools
import json
import secrets
import threading
import time
from decimal import ROUND_HALF_UP, Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

API_KEY = "EZTKfakeeasypostkey0001"
WEBHOOK_SECRET = "fake-easypost-webhook-secret"
EU = frozenset(
    {
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    }
)
OZ_PER_LB = Decimal(16)
MAX_WEIGHT_OZ = Decimal("2469.2")  # 70 kg
MAX_LENGTH_IN = Decimal("108")
MAX_LENGTH_GIRTH_IN = Decimal("165")

# carrier, service, currency, base price, price per lb, delivery days
SERVICES = [
    ("UPS", "Express", "EUR", Decimal("38.00"), Decimal("1.90"), 2),
    ("DHLExpress", "ExpressWorldwide", "EUR", Decimal("42.00"), Decimal("1.75"), 2),
    ("FedEx", "InternationalEconomy", "USD", Decimal("35.00"), Decimal("1.60"), 4),
]

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 288 432]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def price_for(base: Decimal, per_lb: Decimal, weight_oz: Decimal, factor: Decimal) -> Decimal:
    pounds = weight_oz / OZ_PER_LB
    return ((base + per_lb * pounds) * factor).quantize(Decimal("0.01"), ROUND_HALF_UP)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, errors: list | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.errors = status, code, message, errors or []


class FakeEasyPost:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ids = itertools.count(1)
        self.mode = "up"  # up | slow | unavailable | refusing
        self.delay = 5.0
        self.price_factor = Decimal(1)
        self.rate_ttl = 3600.0
        self.webhook_secret = WEBHOOK_SECRET
        self.reset()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.api_base = f"{self.url}/v2"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def reset(self) -> None:
        with self.lock:
            self.shipments: dict[str, dict] = {}
            self.rate_created: dict[str, float] = {}
            self.requests: list[tuple[str, str, dict]] = []
            self.mode, self.price_factor, self.rate_ttl = "up", Decimal(1), 3600.0

    def start(self) -> "FakeEasyPost":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _id(self, prefix: str) -> str:
        return f"{prefix}_{next(self.ids):08x}{secrets.token_hex(8)}"

    # --- helpers for tests --------------------------------------------------------------------

    def expire_rates(self) -> None:
        with self.lock:
            for rate_id in self.rate_created:
                self.rate_created[rate_id] = 0.0

    def sign(self, body: bytes, secret: str | None = None) -> str:
        key = (secret or self.webhook_secret).encode()
        return "hmac-sha256-hex=" + hmac.new(key, body, hashlib.sha256).hexdigest()

    def tracker_event(
        self, tracking_code: str, status: str, *, event_id: str = "", at: str = ""
    ) -> tuple[bytes, str]:
        """A signed `tracker.updated` event, as EasyPost posts it: (raw body, signature)."""
        at = at or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        shipment = next(
            (s for s in self.shipments.values() if s.get("tracking_code") == tracking_code), {}
        )
        details = list((shipment.get("tracker") or {}).get("tracking_details", []))
        details.append(
            {
                "object": "TrackingDetail",
                "message": status.replace("_", " ").capitalize(),
                "status": status,
                "datetime": at,
                "source": "UPS",
                "tracking_location": {
                    "object": "TrackingLocation",
                    "city": "Mainz",
                    "country": "DE",
                },
            }
        )
        if shipment.get("tracker"):
            shipment["tracker"]["tracking_details"] = details
            shipment["tracker"]["status"] = status
        event = {
            "id": event_id or self._id("evt"),
            "object": "Event",
            "mode": "test",
            "description": "tracker.updated",
            "created_at": at,
            "updated_at": at,
            "result": {
                "id": (shipment.get("tracker") or {}).get("id", self._id("trk")),
                "object": "Tracker",
                "mode": "test",
                "tracking_code": tracking_code,
                "status": status,
                "carrier": "UPS",
                "public_url": f"https://track.easypost.com/{tracking_code}",
                "tracking_details": details,
            },
        }
        body = json.dumps(event).encode()
        return body, self.sign(body)

    # --- the API ------------------------------------------------------------------------------

    def _check_auth(self, header: str) -> None:
        if not header:
            raise ApiError(401, "APIKEY.REQUIRED", "No API key provided.")
        scheme, _, value = header.partition(" ")
        key = value
        if scheme == "Basic":
            key = base64.b64decode(value).decode().split(":")[0]
        elif scheme != "Bearer":
            raise ApiError(401, "APIKEY.REQUIRED", "Unknown authorization scheme.")
        if key != API_KEY:
            raise ApiError(401, "APIKEY.INVALID", "The API key provided is invalid.")

    @staticmethod
    def _address(data, field: str, *, full: bool) -> list:
        errors = []
        if not isinstance(data, dict):
            return [{"field": field, "message": "cannot be blank"}]
        country = data.get("country", "")
        if not (isinstance(country, str) and len(country) == 2 and country.isupper()):
            errors.append({"field": f"{field}.country", "message": "must be an ISO 3166 code"})
        needed = ("street1", "city", "zip") if full else ("zip",) if country in EU else ()
        for key in needed:
            if not data.get(key):
                errors.append({"field": f"{field}.{key}", "message": "cannot be blank"})
        return errors

    def _check_customs(self, customs) -> list:
        if not isinstance(customs, dict):
            return [{"field": "customs_info", "message": "required for international shipments"}]
        errors = []
        if customs.get("customs_certify") is not True or not customs.get("customs_signer"):
            errors.append({"field": "customs_info.customs_signer", "message": "must certify"})
        items = customs.get("customs_items") or []
        if not items:
            errors.append({"field": "customs_info.customs_items", "message": "cannot be blank"})
        for n, item in enumerate(items):
            for key in ("description", "quantity", "value", "weight", "hs_tariff_number"):
                if not item.get(key):
                    errors.append({"field": f"customs_items[{n}].{key}", "message": "required"})
            origin = item.get("origin_country", "")
            if not (isinstance(origin, str) and len(origin) == 2):
                errors.append({"field": f"customs_items[{n}].origin_country", "message": "ISO"})
            if not str(item.get("hs_tariff_number", "")).isdigit():
                errors.append(
                    {"field": f"customs_items[{n}].hs_tariff_number", "message": "digits"}
                )
        return errors

    def create_shipment(self, body: dict) -> dict:
        data = body.get("shipment")
        if not isinstance(data, dict):
            raise ApiError(422, "PARAMETER.REQUIRED", "Missing required parameter: shipment.")
        errors = self._address(data.get("from_address"), "from_address", full=True)
        errors += self._address(data.get("to_address"), "to_address", full=False)
        parcel = data.get("parcel")
        try:
            weight = Decimal(str(parcel["weight"]))
            dims = sorted(Decimal(str(parcel[k])) for k in ("length", "width", "height"))
        except (KeyError, TypeError, ArithmeticError):
            errors.append({"field": "parcel", "message": "weight (oz), length, width, height (in)"})
            weight, dims = Decimal(0), [Decimal(0)] * 3
        if weight <= 0 or any(d <= 0 for d in dims):
            errors.append({"field": "parcel", "message": "must be positive"})
        origin = (data.get("from_address") or {}).get("country", "")
        dest = (data.get("to_address") or {}).get("country", "")
        if origin != dest and not (origin in EU and dest in EU):
            errors += self._check_customs(data.get("customs_info"))
        if errors:
            raise ApiError(422, "SHIPMENT.INVALID_PARAMS", "Unable to create shipment.", errors)
        shipment_id = self._id("shp")
        fits = weight <= MAX_WEIGHT_OZ and dims[-1] <= MAX_LENGTH_IN
        fits = fits and dims[-1] + 2 * (dims[0] + dims[1]) <= MAX_LENGTH_GIRTH_IN
        rates = []
        now = time.time()
        for carrier, service, currency, base, per_lb, days in SERVICES if fits else []:
            rate_id = self._id("rate")
            self.rate_created[rate_id] = now
            rates.append(
                {
                    "id": rate_id,
                    "object": "Rate",
                    "mode": "test",
                    "carrier": carrier,
                    "service": service,
                    "rate": str(price_for(base, per_lb, weight, self.price_factor)),
                    "currency": currency,
                    "delivery_days": days,
                    "est_delivery_days": days,
                    "shipment_id": shipment_id,
                    "carrier_account_id": f"ca_{carrier.lower()}",
                }
            )
        label_format = (data.get("options") or {}).get("label_format", "PNG")
        shipment = {
            "id": shipment_id,
            "object": "Shipment",
            "mode": "test",
            "reference": data.get("reference"),
            "from_address": data["from_address"],
            "to_address": data["to_address"],
            "parcel": {"object": "Parcel", **parcel},
            "customs_info": data.get("customs_info"),
            "options": {"label_format": label_format},
            "rates": rates,
            "messages": [] if fits else [{"carrier": "all", "message": "Parcel exceeds limits"}],
            "selected_rate": None,
            "postage_label": None,
            "tracking_code": None,
            "tracker": None,
        }
        self.shipments[shipment_id] = shipment
        return shipment

    def buy(self, shipment_id: str, body: dict) -> dict:
        shipment = self.shipments.get(shipment_id)
        if shipment is None:
            raise ApiError(404, "NOT_FOUND", "The requested resource could not be found.")
        if shipment["selected_rate"] is not None:
            raise ApiError(422, "SHIPMENT.POSTAGE.EXISTS", "Postage already exists.")
        rate_id = ((body.get("rate") or {}) if isinstance(body.get("rate"), dict) else {}).get("id")
        rate = next((r for r in shipment["rates"] if r["id"] == rate_id), None)
        if rate is None:
            raise ApiError(422, "SHIPMENT.RATE.INVALID", "The rate is not one of this shipment.")
        if time.time() - self.rate_created.get(rate_id, 0.0) > self.rate_ttl:
            raise ApiError(422, "SHIPMENT.POSTAGE.FAILURE", "The rate has expired; re-rate it.")
        code = f"1Z{next(self.ids):06d}{shipment_id[-8:].upper()}"
        fmt = shipment["options"]["label_format"]
        shipment.update(
            selected_rate=rate,
            tracking_code=code,
            postage_label={
                "object": "PostageLabel",
                "label_format": fmt,
                "label_file_type": "application/pdf" if fmt == "PDF" else "image/png",
                "label_url": f"{self.url}/labels/{shipment_id}.{fmt.lower()}",
            },
            tracker={
                "id": self._id("trk"),
                "object": "Tracker",
                "tracking_code": code,
                "status": "pre_transit",
                "public_url": f"https://track.easypost.com/{code}",
                "tracking_details": [],
            },
        )
        return shipment

    def route(self, method: str, path: str, headers, body: dict) -> tuple[int, object]:
        if method == "GET" and path.startswith("/labels/"):
            name = path.rsplit("/", 1)[-1]
            shipment = self.shipments.get(name.split(".")[0])
            if shipment is None or shipment["postage_label"] is None:
                raise ApiError(404, "NOT_FOUND", "No such label.")
            return 200, PDF if name.endswith(".pdf") else b"\x89PNG\r\n"
        self._check_auth(headers.get("Authorization", ""))
        if self.mode == "slow":
            time.sleep(self.delay)
        elif self.mode == "unavailable":
            raise ApiError(503, "SERVICE.UNAVAILABLE", "The service is temporarily unavailable.")
        elif self.mode == "refusing":
            raise ApiError(422, "RATE.UNAVAILABLE", "Rates are unavailable for this request.")
        parts = path.split("/")
        with self.lock:
            if method == "POST" and path == "/v2/shipments":
                return 201, self.create_shipment(body)
            if (
                method == "POST"
                and len(parts) == 5
                and parts[2] == "shipments"
                and parts[4] == "buy"
            ):
                return 200, self.buy(parts[3], body)
            if method == "GET" and len(parts) == 4 and parts[3] in self.shipments:
                return 200, self.shipments[parts[3]]
        raise ApiError(404, "NOT_FOUND", "The requested resource could not be found.")

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _serve(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    try:
                        body = json.loads(raw) if raw else {}
                    except ValueError as exc:
                        raise ApiError(400, "BAD_REQUEST", "The body is not JSON.") from exc
                    fake.requests.append((method, self.path, body))
                    status, payload = fake.route(
                        method, self.path.split("?")[0], self.headers, body
                    )
                except ApiError as exc:
                    status = exc.status
                    payload = {
                        "error": {"code": exc.code, "message": exc.message, "errors": exc.errors}
                    }
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                kind = "application/json"
                if isinstance(payload, bytes):
                    kind = "application/pdf" if payload.startswith(b"%PDF") else "image/png"
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (slow)
                    pass

            def do_GET(self):
                self._serve("GET")

            def do_POST(self):
                self._serve("POST")

        return Handler


if __name__ == "__main__":  # a developer's offline stand-in, e.g. for `make demo` (docs)
    server = FakeEasyPost().start()
    print(f"EASYPOST_BASE_URL={server.api_base} EASYPOST_API_KEY={API_KEY}")
    print(f"EASYPOST_WEBHOOK_SECRET={WEBHOOK_SECRET}  (Ctrl-C stops it)")
    try:
        server.thread.join()
    except KeyboardInterrupt:
        server.stop()
