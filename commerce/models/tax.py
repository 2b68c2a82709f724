"""Commerce models: VAT rates per country, editable by staff in the Wagtail admin.

Orders copy the rate they used, so editing a rate changes only orders placed afterwards.
"""

from django.db import models
from django.db.models import Q

from vwb_site.core.countries import CountryField

__all__ = ["VatRate"]


class VatRate(models.Model):
    country = CountryField(unique=True)
    standard_rate = models.DecimalField(
        max_digits=5, decimal_places=2, help_text="Standard VAT rate in percent, e.g. 20.00."
    )
    note = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country"]
        verbose_name = "VAT rate"
        constraints = [
            models.CheckConstraint(
                condition=Q(standard_rate__gte=0, standard_rate__lt=100),
                name="commerce_vatrate_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country}: {self.standard_rate}%"
