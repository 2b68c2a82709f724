"""Serializer fields shared by every app's API."""

from enum import Enum

from rest_framework import serializers
from rest_framework.fields import flatten_choices_dict, to_choices_dict

# id(choices) -> (choices, grouped, flat, string-to-value map); `choices` is kept so its id
# cannot be reused by another object.
_PROCESSED: dict[int, tuple] = {}


class SharedChoiceField(serializers.ChoiceField):
    """A ChoiceField for long, fixed choice lists (the 250 countries): copies share them.

    DRF deep-copies every declared field each time a serializer is instantiated, and a
    ChoiceField's copy deep-copies its choices and rebuilds its lookup tables: 0.5 ms per country
    field, per request. This field is copied from its constructor arguments without copying the
    choices, and the lookup tables of a given choices object are built once. Pass a module-level
    constant (a list or tuple that is never mutated), never a list built per call.
    """

    def __deepcopy__(self, memo):
        return self.__class__(*self._args, **self._kwargs)

    def _set_choices(self, choices):
        processed = _PROCESSED.get(id(choices))
        if processed is None or processed[0] is not choices:
            grouped = to_choices_dict(choices)
            flat = flatten_choices_dict(grouped)
            mapping = {  # as ChoiceField builds it
                str(key.value)
                if isinstance(key, Enum) and str(key) != str(key.value)
                else str(key): key
                for key in flat
            }
            processed = (choices, grouped, flat, mapping)
            _PROCESSED[id(choices)] = processed
        _, self.grouped_choices, self._choices, self.choice_strings_to_values = processed

    choices = property(serializers.ChoiceField._get_choices, _set_choices)


def country_field(**kwargs) -> SharedChoiceField:
    """An ISO 3166-1 alpha-2 country code (the CountryEnum of the OpenAPI schema)."""
    from vwb_site.core.countries import COUNTRY_CHOICES

    return SharedChoiceField(choices=COUNTRY_CHOICES, **kwargs)


class QuantityField(serializers.IntegerField):
    """A line quantity: a whole number from 1 to `max_value`.

    Out of range answers the services' own code, `invalid_quantity` (a 400, never a stock
    conflict), and the schema carries the bounds (`minimum`, `maximum`) the server enforces.
    """

    default_error_messages = {
        "invalid_quantity": "Quantities must be whole numbers from 1 to {max_value}.",
    }

    def __init__(self, *, max_value: int, **kwargs):
        super().__init__(**kwargs)
        # Read by the schema generator; the range is checked below with the services' code.
        self.min_value, self.max_value = 1, max_value

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not 1 <= value <= self.max_value:
            self.fail("invalid_quantity", max_value=self.max_value)
        return value
