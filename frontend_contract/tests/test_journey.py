"""The reference journey (frontend_contract/examples/journey.ts), type-checked in strict mode and
run with Node against a real server: gunicorn on the test database (PostgreSQL) and Redis."""

import json
import os
import subprocess
from decimal import Decimal

import pytest

from accounts.tests.factories import TEST_PASSWORD, AdminUserFactory
from accounts.tests.mfa import enrolled_device, totp_now
from catalog.tests.factories import BarrelFactory
from cms_pages.tests.factories import build_barrel_index, build_barrel_page, build_home
from commerce.tests.e2e.server import start_gunicorn, stop
from frontend_contract.typescript import KIT_DIR, NODE_MODULES, ensure_node_modules, node_available

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not node_available(), reason="Node and npm are not installed, so the journey cannot run."
    ),
]

STEPS = ["browse", "barrel_page", "auth", "order", "read_order", "quote", "done"]


@pytest.fixture
def journey_js(tmp_path):
    """The kit and the journey compiled by the pinned tsc (strict), ready for Node."""
    ensure_node_modules()
    build = tmp_path / "build"
    result = subprocess.run(
        [
            str(NODE_MODULES / ".bin" / "tsc"),
            "-p",
            "tsconfig.json",
            "--noEmit",
            "false",
            "--outDir",
            str(build),
            "--rewriteRelativeImportExtensions",
        ],
        cwd=KIT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (build / "package.json").write_text('{"type": "module"}\n')
    (build / "node_modules").symlink_to(NODE_MODULES)
    return build / "examples" / "journey.js"


@pytest.fixture
def server(mailbox):
    from conftest import process_env

    proc, base = start_gunicorn(
        process_env(CELERY_TASK_ALWAYS_EAGER="true"), log_name=".pytest-kit-gunicorn.log"
    )
    try:
        yield base
    finally:
        stop(proc)


def test_the_reference_journey_runs_in_node_against_the_real_server(server, journey_js):
    from commerce.models import Order
    from quotes.models import Quote

    barrel = BarrelFactory(stock_quantity=10, price=Decimal("300.00"))
    BarrelFactory(stock_quantity=4)
    home = build_home()
    build_barrel_page(build_barrel_index(home), barrel=barrel)
    staff = AdminUserFactory(email="ops@vintagewithoutborders.example")
    # Staff sign in in two steps; the code is what the staff member's authenticator shows now
    # (valid for the code's window and the one either side: the journey takes seconds).
    device = enrolled_device(staff)

    result = subprocess.run(
        ["node", str(journey_js)],
        env={
            **os.environ,
            "VWB_BASE_URL": server,
            "VWB_STAFF_EMAIL": staff.email,
            "VWB_STAFF_PASSWORD": TEST_PASSWORD,
            "VWB_STAFF_TOTP": totp_now(device),
            "VWB_BARREL_SLUG": barrel.slug,
        },
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    steps = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [s["step"] for s in steps] == STEPS

    # What the journey did is in the database.
    orders = Order.objects.filter(user__email__startswith="kit-")
    assert orders.count() == 2  # the checkout (its retry replayed) and the accepted quote
    assert orders.filter(number=steps[3]["number"]).exists()
    quote = Quote.objects.get(number=steps[5]["number"])
    assert quote.status == "accepted"
    assert str(orders.get(number=steps[5]["order"]).total_amount) == steps[5]["total"]
