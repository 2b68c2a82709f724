"""System checks of the commerce app (run by `manage.py check`; `--deploy` adds these)."""

from django.conf import settings
from django.core.checks import Warning, register


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
