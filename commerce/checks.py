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
