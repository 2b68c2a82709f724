"""Admin forms: one download form per report, and the per-user dashboard settings formset."""

from django import forms
from wagtail.admin.widgets import AdminDateInput

from catalog.models import PreviousContent, WoodType
from reporting.dashboard import panel_kinds
from reporting.models import ReportFormat
from reporting.params import CUSTOMER_TYPES
from reporting.reports.base import ReportDefinition
from vwb_site.core.countries import COUNTRY_CHOICES

ANY = [("", "Any")]
FILTER_CHOICES = {
    "country": ANY + list(COUNTRY_CHOICES),
    "customer_type": ANY + [(c, c.upper()) for c in CUSTOMER_TYPES],
    "wood_type": ANY + list(WoodType.choices),
    "previous_content": ANY + list(PreviousContent.choices),
}


def report_form_class(definition: ReportDefinition) -> type[forms.Form]:
    """A GET form whose field names are the API's query parameters."""
    tables = [("", "First table")] + [(n, t) for n, t in definition.tables]
    if definition.detail_name:
        tables.append((definition.detail_name, f"{definition.detail_name} (every row)"))
    fields: dict[str, forms.Field] = {
        "from": forms.DateField(required=False, widget=AdminDateInput, label="From"),
        "to": forms.DateField(required=False, widget=AdminDateInput, label="To"),
        "format": forms.ChoiceField(choices=ReportFormat.choices, initial=ReportFormat.XLSX),
        "table": forms.ChoiceField(choices=tables, required=False, label="Table (CSV only)"),
        "bom": forms.BooleanField(required=False, label="Byte order mark for Excel (CSV only)"),
    }
    for name in definition.filters:
        fields[name] = forms.ChoiceField(
            choices=FILTER_CHOICES[name], required=False, label=name.replace("_", " ").capitalize()
        )
    return type(f"{definition.name.title()}ReportForm", (forms.Form,), fields)


class DashboardPanelForm(forms.Form):
    panel = forms.ChoiceField(choices=())
    position = forms.IntegerField(min_value=0, max_value=99, initial=0)
    period_days = forms.IntegerField(min_value=1, max_value=366, initial=30, label="Period (days)")
    country = forms.ChoiceField(choices=FILTER_CHOICES["country"], required=False)
    customer_type = forms.ChoiceField(choices=FILTER_CHOICES["customer_type"], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].choices = [("", "---------")] + [
            (k, p.title) for k, p in panel_kinds().items()
        ]

    def clean(self):
        data = super().clean()
        kind = panel_kinds().get(data.get("panel", ""))
        if kind is not None:
            for name in ("country", "customer_type"):
                if data.get(name) and name not in kind.filters:
                    self.add_error(name, f"The {kind.title} panel has no {name} filter.")
        return data

    def to_settings(self) -> dict:
        data = self.cleaned_data
        return {
            "panel": data["panel"],
            "position": data["position"],
            "period_days": data["period_days"],
            "filters": {k: data[k] for k in ("country", "customer_type") if data.get(k)},
        }


DashboardPanelFormSet = forms.formset_factory(
    DashboardPanelForm, extra=2, can_delete=True, max_num=20, validate_max=True
)
