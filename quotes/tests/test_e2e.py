"""End to end over HTTP against a running gunicorn (tasks run eagerly inside the server; e-mails
go to the test SMTP server): a company registers, is verified, negotiates a quote over two
versions, accepts it, pays by bank transfer and its order ships."""

import subprocess
import sys
from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
import requests
from django.utils import timezone
from pypdf import PdfReader

from accounts.tests.factories import TEST_PASSWORD, AdminUserFactory
from accounts.tests.mfa import enrolled_device, totp_now
from catalog.tests.factories import BarrelFactory
from conftest import ROOT, free_port, process_env, wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def server(mailbox, settings):
    port = free_port()
    env = process_env(
        CELERY_TASK_ALWAYS_EAGER="true",
        EMAIL_HOST=str(settings.EMAIL_HOST),
        EMAIL_PORT=str(settings.EMAIL_PORT),
        GUNICORN_WORKERS="2",
    )
    log = open(ROOT / ".pytest-quotes-gunicorn.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "vwb_site.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"

    def up():
        try:
            return requests.get(f"{base}/healthz", timeout=5).status_code == 200
        except requests.RequestException:
            return proc.poll() is not None and pytest.fail("gunicorn exited")

    try:
        wait_until(up, timeout=60, message="gunicorn to answer /healthz")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


class Api:
    def __init__(self, base: str, token: str = ""):
        self.base, self.token = base, token

    def call(self, method: str, path: str, expect: int, **kwargs):
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        response = requests.request(
            method, f"{self.base}{path}", headers=headers, timeout=30, **kwargs
        )
        assert response.status_code == expect, (method, path, response.text[:2000])
        return response

    def post(self, path, body=None, expect=200):
        return self.call("POST", path, expect, json=body or {}).json()

    def get(self, path, expect=200):
        return self.call("GET", path, expect).json()


def test_a_company_negotiates_a_quote_accepts_pays_by_transfer_and_gets_it_shipped(server, mailbox):
    barrel = BarrelFactory(stock_quantity=10, price=Decimal("300.00"))
    device = enrolled_device(AdminUserFactory(email="ops@vintagewithoutborders.example"))
    anonymous = Api(server)
    # Staff sign in in two steps: the password gives a challenge, the authenticator's code the
    # tokens.
    challenge = anonymous.post(
        "/v1/auth/token",
        {"email": "ops@vintagewithoutborders.example", "password": TEST_PASSWORD},
    )
    assert challenge["mfa_required"] is True
    tokens = anonymous.post(
        "/v1/auth/token/2fa", {"challenge": challenge["challenge"], "code": totp_now(device)}
    )
    admin = Api(server, tokens["access"])

    # 1. A B2B company registers: quotes are not open to it yet.
    registered = anonymous.post(
        "/v1/auth/register",
        {
            "email": "buyer@distillerie-mainz.example",
            "password": "Fass-und-Holz-2026!",
            "first_name": "Greta",
            "last_name": "Keller",
            "role": "b2b",
            "company": {
                "legal_name": "Destillerie Mainz GmbH",
                "vat_number": "DE136695976",
                "country": "DE",
                "street": "Rheinallee 5",
                "city": "Mainz",
                "zip_code": "55116",
            },
        },
        expect=201,
    )
    buyer = Api(server, registered["access"])
    request = {
        "items": [{"barrel": barrel.slug, "quantity": 4}],
        "text": "Ideally with medium toast.",
        "destination": {"country": "DE", "postcode": "55116"},
        "desired_delivery_date": str(timezone.localdate() + timedelta(days=45)),
    }
    refused = buyer.call("POST", "/v1/quotes", 403, json=request).json()
    assert refused["code"] == "quote_company_not_verified"

    # 2. An administrator verifies the company.
    company_id = registered["user"]["company"]["id"]
    admin.post(f"/v1/admin/companies/{company_id}/verify", {"note": "VAT number checked."})

    # 3. It asks for a quote.
    address = buyer.post(
        "/v1/me/addresses",
        {
            "recipient_name": "Greta Keller",
            "company_name": "Destillerie Mainz GmbH",
            "street": "Rheinallee 5",
            "city": "Mainz",
            "zip_code": "55116",
            "country": "DE",
            "is_default_shipping": True,
        },
        expect=201,
    )
    quote = buyer.post("/v1/quotes", request, expect=201)
    qid = quote["id"]
    assert quote["status"] == "pending"

    # 4. The administrator prices and sends version 1, holding the barrels.
    valid_until = str(timezone.localdate() + timedelta(days=10))
    version_body = {
        "lines": [
            {"barrel": barrel.slug, "quantity": 4, "unit_price": "280.00", "discount_percent": "5"}
        ],
        "valid_until": valid_until,
        "payment_terms": "bank_transfer",
        "message": "Four barriques, held for you for ten days.",
        "holds_stock": True,
    }
    v1 = admin.post(f"/v1/quotes/{qid}/versions", version_body, expect=201)
    assert v1["status"] == "approved"
    first_total = Decimal(v1["quoted_price"])

    # 5. The buyer asks for a change.
    changed = buyer.post(
        f"/v1/quotes/{qid}/request-changes",
        {"message": "Could you do 10 % and include the freight?"},
    )
    assert changed["status"] == "pending"

    # 6. A second version comes.
    version_body["lines"][0]["discount_percent"] = "10"
    version_body["freight"] = {"amount": "0.00"}
    v2 = admin.post(f"/v1/quotes/{qid}/versions", version_body, expect=201)
    assert [v["number"] for v in v2["versions"]] == [1, 2]
    second = v2["versions"][1]
    assert Decimal(second["total"]) < first_total
    # Reverse charge: an EU company with a VAT number, delivered outside France.
    assert second["vat"]["treatment"] == "reverse_charge" and second["vat"]["amount"] == "0.00"
    assert second["total"] == "1008.00"  # 4 x 252.00, no freight, no VAT
    pdf = buyer.call("GET", f"/v1/quotes/{qid}/versions/2/pdf", 200)
    text = PdfReader(BytesIO(pdf.content)).pages[0].extract_text()
    assert "Destillerie Mainz GmbH" in text and "DE136695976" in text and "1,008.00" in text

    # 7. The buyer accepts: one order at the quoted price.
    accepted = buyer.post(
        f"/v1/quotes/{qid}/accept", {"shipping_address": address["id"]}, expect=201
    )
    assert accepted["quote"]["status"] == "accepted"
    assert accepted["total_amount"] == "1008.00"
    order_id = accepted["order_id"]
    order = buyer.get(f"/v1/orders/{order_id}")
    assert order["status"] == "pending"

    # 8. The transfer arrives; the administrator records it; the order is paid.
    admin.post(
        f"/v1/admin/orders/{order_id}/bank-transfers",
        {"amount": "1008.00", "reference": accepted["payment_reference"]},
        expect=201,
    )
    assert buyer.get(f"/v1/orders/{order_id}")["status"] == "processing"

    # 9. It ships: the barrels leave the warehouse.
    admin.post(
        f"/v1/admin/orders/{order_id}/ship",
        {"carrier_code": "dhl-freight", "tracking_number": "JJD0001234"},
    )
    assert buyer.get(f"/v1/orders/{order_id}")["status"] == "shipped"
    barrel.refresh_from_db()
    assert (barrel.stock_quantity, barrel.reserved_quantity) == (6, 0)

    subjects = {m["Subject"] for m in mailbox.messages}
    number = quote["number"]
    for expected in (
        f"Quote request {number} received",
        f"Your quote {number}: offer version 1",
        f"Your quote {number}: offer version 2",
        f"Quote {number}: the buyer asks for changes",
    ):
        assert expected in subjects, subjects
    wait_until(
        lambda: any(
            s.startswith(f"Quote {number} accepted")
            for s in (m["Subject"] for m in mailbox.messages)
        ),
        message="accepted e-mail",
    )
