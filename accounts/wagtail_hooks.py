"""Wagtail admin registration: Accounts > Customers, Companies (with Verify / Reject), Audit log,
Login lockouts (with Clear)."""

from wagtail import hooks

from accounts.admin.users import AccountsViewSetGroup


@hooks.register("register_admin_viewset")
def register_accounts_viewsets():
    return AccountsViewSetGroup()
