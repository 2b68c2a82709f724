"""Demo manager for `make run`: a member of the Managers group who reads reports in the admin.

Idempotent: looked up by e-mail first.
"""

from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from reporting.permissions import managers_group

MANAGER_EMAIL = "margaux.manager@vintagewithoutborders.example"


def load(*, stdout) -> list[str]:
    user = User.objects.filter(email__iexact=MANAGER_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            email=MANAGER_EMAIL,
            password=DEMO_PASSWORD,
            first_name="Margaux",
            last_name="Manager",
            email_confirmed_at=timezone.now(),
        )
    user.groups.add(managers_group())
    return [
        f"Manager (reports and dashboard in /admin/): {MANAGER_EMAIL} / {DEMO_PASSWORD}",
    ]
