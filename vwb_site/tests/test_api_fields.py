"""SharedChoiceField: long choice lists (countries) are neither deep-copied nor re-processed
each time a serializer is instantiated, and validate exactly as DRF's ChoiceField does."""

import copy

import pytest
from rest_framework import serializers

from catalog.models import WoodType
from commerce.api.serializers.inputs import OrderCreateInput
from vwb_site.api.fields import SharedChoiceField, country_field
from vwb_site.core.countries import COUNTRY_CHOICES


def test_a_copy_shares_the_lookup_tables_instead_of_rebuilding_them():
    field = country_field()
    clone = copy.deepcopy(field)
    assert clone is not field
    assert clone.choice_strings_to_values is field.choice_strings_to_values
    assert clone.grouped_choices is field.grouped_choices


def test_serializer_instances_share_the_country_tables():
    first = OrderCreateInput().fields["shipping_address"].fields["country"]
    second = OrderCreateInput().fields["billing_address"].fields["country"]
    assert first is not second
    assert first.choice_strings_to_values is second.choice_strings_to_values


@pytest.mark.parametrize("choices", [COUNTRY_CHOICES, WoodType.choices])
def test_it_validates_and_describes_like_a_choice_field(choices):
    ours, drf = SharedChoiceField(choices=choices), serializers.ChoiceField(choices=choices)
    assert ours.choices == drf.choices
    assert ours.choice_strings_to_values == drf.choice_strings_to_values
    first = next(iter(drf.choices))
    assert ours.run_validation(first) == drf.run_validation(first)
    with pytest.raises(serializers.ValidationError) as ours_error:
        ours.run_validation("nowhere")
    with pytest.raises(serializers.ValidationError) as drf_error:
        drf.run_validation("nowhere")
    assert ours_error.value.detail == drf_error.value.detail


def test_distinct_choice_lists_keep_distinct_tables():
    assert set(SharedChoiceField(choices=[("a", "A")]).choices) == {"a"}
    assert set(SharedChoiceField(choices=[("b", "B")]).choices) == {"b"}
