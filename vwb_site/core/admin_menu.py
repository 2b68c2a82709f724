"""Admin menu entries shown only to the users who may open them (#21).

Wagtail shows a plain ``MenuItem`` to everyone who enters the admin, so a manager saw Quotes,
Orders and Login lockouts and got "Sorry, you do not have permission" behind each. Every custom
screen states who may open it once, as a predicate on the user; its view refuses the others and
its menu entry hides from them, with the same predicate.
"""

from collections.abc import Callable
from functools import cached_property

from wagtail.admin.menu import MenuItem

UserPredicate = Callable[[object], bool]


class PermittedMenuItem(MenuItem):
    """A menu entry shown when ``shown_to(user)`` is true."""

    def __init__(self, label, url, *, shown_to: UserPredicate, **kwargs):
        self.shown_to = shown_to
        super().__init__(label, url, **kwargs)

    def is_shown(self, request) -> bool:
        user = request.user
        return bool(user.is_authenticated and self.shown_to(user))


class PermittedMenuMixin:
    """For a Wagtail ``ViewSet``: its menu entry is shown when ``user_may_open(user)``."""

    def user_may_open(self, user) -> bool:
        raise NotImplementedError

    @cached_property
    def menu_item_class(self):
        shown_to = self.user_may_open

        def is_shown(item, request) -> bool:
            return bool(request.user.is_authenticated and shown_to(request.user))

        return type(f"{type(self).__name__}MenuItem", (MenuItem,), {"is_shown": is_shown})
