from decimal import Decimal

from django.db import migrations

# Standard VAT rates of the 27 EU member states (percent), as applicable in 2025/2026.
# Staff keep them current in the Wagtail admin (Settings > VAT rates).
STANDARD_RATES = {
    "AT": "20", "BE": "21", "BG": "20", "HR": "25", "CY": "19", "CZ": "21", "DK": "25",
    "EE": "24", "FI": "25.5", "FR": "20", "DE": "19", "GR": "24", "HU": "27", "IE": "23",
    "IT": "22", "LV": "21", "LT": "21", "LU": "17", "MT": "18", "NL": "21", "PL": "23",
    "PT": "23", "RO": "21", "SK": "23", "SI": "22", "ES": "21", "SE": "25",
}


def seed(apps, schema_editor):
    VatRate = apps.get_model("commerce", "VatRate")
    for country, rate in STANDARD_RATES.items():
        VatRate.objects.get_or_create(
            country=country, defaults={"standard_rate": Decimal(rate), "note": "Standard rate"}
        )


def unseed(apps, schema_editor):
    apps.get_model("commerce", "VatRate").objects.filter(country__in=STANDARD_RATES).delete()


class Migration(migrations.Migration):
    dependencies = [("commerce", "0002_orders_initial")]
    operations = [migrations.RunPython(seed, unseed)]
