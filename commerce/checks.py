"""System checks of the commerce app (run by `manage.py check`; `--deploy` adds these)."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from vwb_site.core.private_media import is_private_media


@register("commerce", deploy=True)
def seller_details_check(app_configs, **kwargs) -> list[Warning]:
    """Invoices, customs documents and quote PDFs carry the seller's legal details: a deployment
    still on the sample values would issue documents naming a VAT number that is not ours."""
    samples = getattr(settings, "SELLER_SAMPLE_VALUES", {})
    left = sorted(
        name for name, sample in samples.items() if getattr(settings, name, None) == sample
    )
    if not left:
        return []
    return [
        Warning(
            "Sample seller details are still in use: " + ", ".join(left) + ".",
            hint="Set them in the environment (see .env.example): invoices, customs documents "
            "and quote PDFs print them.",
            id="commerce.W001",
        )
    ]


@register("commerce")
def documents_dir_is_private_check(app_configs, **kwargs) -> list[Error]:
    """Order documents (invoices: names, addresses, amounts) must never be public media."""
    if is_private_media(f"{settings.SHIPPING_DOCUMENTS_DIR}/document.pdf"):
        return []
    return [
        Error(
            f"SHIPPING_DOCUMENTS_DIR ({settings.SHIPPING_DOCUMENTS_DIR!r}) is not under a "
            "MEDIA_PRIVATE_PREFIXES folder.",
            hint="Keep order documents under private/ (the default), served only by the API.",
            id="commerce.E001",
        )
    ]


@register("commerce", deploy=True)
def paypal_settings_check(app_configs, **kwargs) -> list[Warning]:
    """PayPal half configured: offered at checkout, but webhooks refused (no webhook id) or
    payments going to an unknown environment."""
    if not (settings.PAYPAL_CLIENT_ID and settings.PAYPAL_CLIENT_SECRET):
        if settings.PAYPAL_CLIENT_ID or settings.PAYPAL_CLIENT_SECRET:
            return [
                Warning(
                    "Only one of PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET is set: PayPal is off.",
                    id="commerce.W002",
                )
            ]
        return []
    problems = []
    if not settings.PAYPAL_WEBHOOK_ID:
        problems.append(
            Warning(
                "PAYPAL_WEBHOOK_ID is empty: PayPal webhooks are refused; approved orders are "
                "captured only by the storefront and reconcile_payments.",
                hint="Register https://<host>/v1/payments/paypal/webhook in the PayPal app and "
                "set its id.",
                id="commerce.W003",
            )
        )
    if settings.PAYPAL_ENVIRONMENT not in ("sandbox", "live"):
        problems.append(
            Warning(
                f"PAYPAL_ENVIRONMENT is {settings.PAYPAL_ENVIRONMENT!r}: sandbox is used.",
                hint="Set it to sandbox or live.",
                id="commerce.W004",
            )
        )
    return problems
