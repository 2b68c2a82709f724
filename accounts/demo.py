"""Demo users for `make run` (local mode only). Idempotent."""

from accounts.models import Role, User

DEMO_PASSWORD = "vintage-demo-2026"  # noqa: S105 - local demo only, printed by make run
ADMIN_EMAIL = "admin@vintagewithoutborders.example"


def load(*, stdout) -> list[str]:
    admin = User.objects.filter(email=ADMIN_EMAIL).first()
    if admin is None:
        User.objects.create_superuser(
            email=ADMIN_EMAIL, password=DEMO_PASSWORD, first_name="Ada", last_name="Admin"
        )
    return [f"Administrator: {ADMIN_EMAIL} / {DEMO_PASSWORD} (role admin, Wagtail superuser)"]


__all__ = ["Role", "load"]
