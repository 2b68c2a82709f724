"""No production module names another app's model by string.

A string such as `apps.get_model("commerce.Order")` or `ForeignKey("catalog.Barrel")` hides a
dependency from the import graph (and from the layer checks): an app must import the model
class of an app below it, and never name one above it. Third-party labels (Wagtail's
`wagtailimages.Image`, `axes.AccessLog`) and `settings.AUTH_USER_MODEL` are not ours and are
allowed; tests and migrations are not production code.
"""

import ast
import re
from pathlib import Path

from django.apps import apps

from conftest import ROOT

LABEL = re.compile(r"([a-z_][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)")
REGISTRY_CALLS = {"get_model", "get_app_config"}
SKIPPED_DIRS = {"tests", "migrations", "settings"}


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _constants(nodes) -> list[str]:
    return [n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def foreign_model_references(
    source: str, *, app: str, models: dict[str, set[str]]
) -> list[tuple[int, str]]:
    """(line, text) of each place in `source` (a module of `app`) that names, by string, a
    model or the app registry entry of another of our apps. `models` maps each of our app
    labels to the lower-cased names of its models."""
    found: list[tuple[int, str]] = []
    reported: set[int] = set()  # the arguments of a registry call already reported
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _call_name(node) in REGISTRY_CALLS:
            values = [*node.args, *(k.value for k in node.keywords)]
            args = _constants(values)
            label = args[0].split(".")[0] if args else ""
            if label in models and label != app:
                found.append((node.lineno, f"{_call_name(node)}({', '.join(map(repr, args))})"))
                reported.update(id(v) for v in values)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in reported
        ):
            match = LABEL.fullmatch(node.value)
            if not match:
                continue
            label, name = match.groups()
            if label != app and name.lower() in models.get(label, set()):
                found.append((node.lineno, repr(node.value)))
    return sorted(set(found))


def our_apps() -> dict[str, Path]:
    return {
        config.label: Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(ROOT) and ".venv" not in Path(config.path).parts
    }


def production_modules(path: Path):
    for module in sorted(path.rglob("*.py")):
        if not SKIPPED_DIRS.intersection(module.relative_to(path).parts[:-1]):
            yield module


def test_no_production_module_names_another_apps_model_by_string():
    ours = our_apps()
    models = {
        label: {m._meta.model_name for m in apps.get_app_config(label).get_models()}
        for label in ours
    }
    offences = [
        f"{module.relative_to(ROOT)}:{line}: {text}"
        for label, path in ours.items()
        for module in production_modules(path)
        for line, text in foreign_model_references(module.read_text(), app=label, models=models)
    ]
    assert offences == [], "import the model class instead:\n" + "\n".join(offences)


MODELS = {"shop": {"order", "payment"}, "people": {"user"}}


def test_the_scan_finds_registry_lookups_and_lazy_relations_to_another_app():
    source = """
from django.apps import apps
from django.db import models

def open_orders(user):
    return apps.get_model("shop", "Order").objects.filter(user=user)

def payments():
    return get_model("shop.Payment")

class Note(models.Model):
    order = models.ForeignKey("shop.Order", on_delete=models.CASCADE)
    user = models.OneToOneField(to="people.User", on_delete=models.CASCADE)

PERSONAL = [("shop.order", "user")]
"""
    assert foreign_model_references(source, app="notes", models=MODELS) == [
        (6, "get_model('shop', 'Order')"),
        (9, "get_model('shop.Payment')"),
        (12, "'shop.Order'"),
        (13, "'people.User'"),
        (15, "'shop.order'"),
    ]


def test_the_scan_allows_own_models_third_party_labels_and_the_user_setting():
    source = """
from django.conf import settings
from django.db import models

class Payment(models.Model):
    order = models.ForeignKey("shop.Order", on_delete=models.CASCADE)
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    path = "shop.services.order_place"
    permission = "people.change_user"
"""
    assert foreign_model_references(source, app="shop", models=MODELS) == []
