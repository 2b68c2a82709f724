"""Where a person's data lives, and what erasure does to each field: the registry.

Every app declares its own personal data in `<app>/privacy.py`, discovered like `admin.py`
(`autodiscover()`, called from `AccountsConfig.ready()`), so accounts names no model of the
apps above it. A declaration registers:

- `Entry` (with `register`): a model, how its rows reach a person and what each text field is;
- `ErasureBlocker` (with `register_erasure_blocker`): what must end before an account can be
  erased (an order in transit), for one user and over many (retention);
- an erasure step (with `register_erasure_step`): what the field strategies cannot express
  (scrubbing a provider's event payloads);
- a retention rule (with `register_retention_rule`): what the app purges after its period.

Strategies for personal fields:

- BLANK: replaced by "" (encrypted fields included).
- PLACEHOLDER_EMAIL: replaced by the erased account's `erased-<uuid>@invalid`.
- JSON_KEEP_COUNTRY: an address snapshot; every key blanked except `country`, which VAT
  records (place of supply, OSS/reverse charge evidence) must keep.
- KEEP: kept for a legal reason given in `keep_reasons` (still exported).
- SECRET: never exported (password hash); erasure makes it unusable.
Rows of an entry with `delete_rows` are deleted instead, with the files they store.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.module_loading import autodiscover_modules

BLANK = "blank"
PLACEHOLDER_EMAIL = "placeholder_email"
JSON_KEEP_COUNTRY = "json_keep_country"
KEEP = "keep"
SECRET = "secret"  # noqa: S105 - a strategy name
BLANK_IF_SOLE_MEMBER = "blank_if_sole_member"


@dataclass(frozen=True)
class Entry:
    model_class: type[models.Model]
    # How rows reach the person: a lookup to the user ("user", "order__user"), or
    # `email_lookup` matched case-insensitively against the user's e-mail.
    user_lookup: str | None = None
    email_lookup: str | None = None
    personal: dict[str, str] = field(default_factory=dict)
    # Text fields that hold no personal data (codes, amounts as text, staff notes).
    not_personal: tuple[str, ...] = ()
    keep_reasons: dict[str, str] = field(default_factory=dict)
    delete_rows: bool = False
    export: bool = True
    # Models whose foreign key to the user records who acted (staff), not whose data it is.
    actor_only: bool = False
    note: str = ""

    @property
    def model(self) -> str:
        """The model's label ("commerce.Order"): the key of its rows in an export."""
        return self.model_class._meta.label


@dataclass(frozen=True)
class ErasureBlock:
    """Why an account cannot be erased now: the 409's code, message and extra members."""

    code: str
    message: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ErasureBlocker:
    # The block for one user, or None when this rule lets the erasure go ahead.
    check: Callable[[Any], ErasureBlock | None]
    # The same rule over many users: the queryset of users without the block.
    exclude_blocked: Callable[[models.QuerySet], models.QuerySet]


PERSONAL_DATA: list[Entry] = []
ERASURE_BLOCKERS: list[ErasureBlocker] = []
# name (the key of its count in the erasure's audit entry) -> step(user=...) -> rows changed
ERASURE_STEPS: dict[str, Callable[..., int]] = {}
# name (the key of its count on a RetentionRun) -> rule(now) -> rows purged
RETENTION_RULES: dict[str, Callable[[datetime], int]] = {}


def register(*entries: Entry) -> None:
    for entry in entries:
        if entry_for(entry.model_class) is not None:
            raise ImproperlyConfigured(f"{entry.model} is declared twice in the privacy registry.")
        PERSONAL_DATA.append(entry)


def register_erasure_blocker(
    *,
    check: Callable[[Any], ErasureBlock | None],
    exclude_blocked: Callable[[models.QuerySet], models.QuerySet],
) -> None:
    ERASURE_BLOCKERS.append(ErasureBlocker(check=check, exclude_blocked=exclude_blocked))


def _register_named(table: dict, kind: str, name: str, function: Callable) -> None:
    if name in table:
        raise ImproperlyConfigured(f"The {kind} {name!r} is registered twice.")
    table[name] = function


def register_erasure_step(name: str, step: Callable[..., int]) -> None:
    """`step(user=...)` runs inside the erasure's transaction, before the account itself is
    anonymised; it returns how many rows it changed."""
    _register_named(ERASURE_STEPS, "erasure step", name, step)


def register_retention_rule(name: str, rule: Callable[[datetime], int]) -> None:
    """`rule(now)` purges what is past its period and returns how many rows it removed."""
    _register_named(RETENTION_RULES, "retention rule", name, rule)


_discovered = False


def autodiscover() -> None:
    """Import every installed app's `privacy` module (accounts' own declarations are imported
    by `AccountsConfig.ready()` before this: they import this registry, not the other way)."""
    global _discovered
    if _discovered:
        return
    _discovered = True
    autodiscover_modules("privacy")


# Apps whose models refer to users only as staff who edit content or use the admin; customers
# never have accounts there.
STAFF_ONLY_APPS = frozenset(
    {
        "admin",
        "auth",
        "contenttypes",
        "sessions",
        "wagtailcore",
        "wagtailadmin",
        "wagtaildocs",
        "wagtailimages",
        "wagtailusers",
        "wagtailforms",
        "wagtailredirects",
        "wagtailembeds",
        "wagtailsearch",
        "wagtailsnippets",
        "taggit",
        "wagtail_localize",
        "django_celery_results",
    }
)

TEXT_FIELDS = (
    models.CharField,
    models.TextField,
    models.JSONField,
    models.GenericIPAddressField,
    models.FileField,
)


def is_staff_only(model: type[models.Model]) -> bool:
    """Models of staff-only apps, and CMS pages (their `owner` / `locked_by` are editors)."""
    from wagtail.models import Page

    return model._meta.app_label in STAFF_ONLY_APPS or issubclass(model, Page)


def installed_entries() -> list[tuple[Entry, type[models.Model]]]:
    return [(e, e.model_class) for e in PERSONAL_DATA]


def entry_for(model: type[models.Model]) -> Entry | None:
    return next((e for e in PERSONAL_DATA if e.model_class is model), None)


def rows_for(entry: Entry, model: type[models.Model], user) -> models.QuerySet:
    if entry.user_lookup:
        return model._default_manager.filter(**{entry.user_lookup: user.pk})
    if entry.email_lookup and user.email:
        return model._default_manager.filter(**{f"{entry.email_lookup}__iexact": user.email})
    return model._default_manager.none()
