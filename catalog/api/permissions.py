"""Who may write to the catalog API: administrators, through accounts.permissions.IsAdmin
(role admin or a superuser, read from the database-loaded `request.user` on every request).

`is_admin` is the same test as a function, for views that change what they return (drafts
visible, no response cache) rather than refuse."""

from accounts.permissions import IsAdmin

__all__ = ["IsAdmin", "is_admin"]


def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and getattr(user, "is_admin", False))
