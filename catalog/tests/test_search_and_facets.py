"""Full-text search (ranking, typo tolerance) and facet counts, against PostgreSQL."""

import pytest
from django.db import connection

from catalog.models import BarrelStatus, SearchWord
from catalog.search import search_plan
from catalog.selectors import BarrelFilters, barrel_facets, barrel_list
from catalog.tests.factories import BarrelFactory

pytestmark = pytest.mark.django_db


ACTIVE = (BarrelStatus.ACTIVE,)


def names(qs):
    return [b.name for b in qs]


@pytest.fixture
def shelf():
    return {
        "bourbon": BarrelFactory(
            name="Ex-bourbon barrel 200 L, Kentucky",
            previous_content="bourbon",
            wood_type="american_oak",
            origin_country="US",
            cooperage="Kelvin Cooperage",
            description="Charred American white oak.",
        ),
        "sherry": BarrelFactory(
            name="Oloroso sherry butt 500 L, Jerez",
            previous_content="sherry",
            wood_type="european_oak",
            origin_country="ES",
            cooperage="Tevasa",
            description="Held oloroso for eight years; great for whisky.",
        ),
        "bordeaux": BarrelFactory(
            name="Bordeaux barrique 225 L, Pauillac",
            previous_content="bordeaux",
            wood_type="french_oak",
            origin_country="FR",
            cooperage="Seguin Moreau",
            description="Fine grain French oak, medium toast.",
        ),
        "rum": BarrelFactory(
            name="Caribbean rum barrel 200 L, Jamaica",
            previous_content="rum",
            wood_type="american_oak",
            origin_country="JM",
            cooperage="Kelvin Cooperage",
            description="Formerly a bourbon barrel, then Jamaican rum.",
        ),
    }


def test_search_vector_is_maintained_by_the_database_trigger(shelf):
    barrel = shelf["sherry"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM catalog_barrel WHERE id = %s", [barrel.id])
        vector = cursor.fetchone()[0]
    assert "'oloroso'" in vector and "'tevasa'" in vector


def test_search_matches_name_description_previous_content_label_and_cooperage(shelf):
    assert names(barrel_list(filters=BarrelFilters(search="Seguin"))) == [shelf["bordeaux"].name]
    assert names(barrel_list(filters=BarrelFilters(search="Pauillac"))) == [shelf["bordeaux"].name]
    # "Scotch whisky" is only the label of previous_content=whisky
    scotch = BarrelFactory(name="Hogshead 250 L", previous_content="whisky", description="")
    assert names(barrel_list(filters=BarrelFilters(search="scotch"))) == [scotch.name]
    assert names(barrel_list(filters=BarrelFilters(search="eight years"))) == [shelf["sherry"].name]


def test_search_ranks_a_name_match_above_a_description_match(shelf):
    result = names(barrel_list(filters=BarrelFilters(search="bourbon")))
    assert result == [shelf["bourbon"].name, shelf["rum"].name]


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("burbon", "bourbon"),
        ("sherri", "sherry"),
        ("bordaux", "bordeaux"),
    ],
)
def test_search_tolerates_small_typos(shelf, typo, expected):
    result = names(barrel_list(filters=BarrelFilters(search=typo)))
    assert result and result[0] == shelf[expected].name


def test_the_search_vocabulary_is_filled_by_a_trigger_from_names_cooperages_and_labels(shelf):
    words = set(SearchWord.objects.values_list("word", flat=True))
    assert {
        "bourbon",
        "kentucky",
        "kelvin",
        "cooperage",
        "oloroso",
        "sherry",
        "pauillac",
        "tevasa",
        "wine",
    } <= words  # "wine": the label "Bordeaux wine"
    BarrelFactory(name="Mizunara cask", previous_content="whisky")
    assert SearchWord.objects.filter(word__in=["mizunara", "scotch"]).count() == 2


def test_a_typo_is_corrected_against_the_vocabulary_before_searching(shelf, api_client):
    plan = search_plan("burbon", status=ACTIVE)
    assert (plan.mode, plan.corrected) == ("corrected", "bourbon")
    assert search_plan("bourbon", status=ACTIVE).mode == "fts"
    response = api_client.get("/v1/barrels", {"search": "olorosso shery"})
    assert response.status_code == 200
    body = response.json()
    assert body["search_corrected_to"] == "oloroso sherry"
    assert [r["slug"] for r in body["results"]] == [shelf["sherry"].slug]
    assert api_client.get("/v1/barrels", {"search": "sherry"}).json()["search_corrected_to"] is None


def test_a_term_unknown_to_the_vocabulary_falls_back_to_trigram_similarity_on_names(shelf):
    SearchWord.objects.all().delete()
    plan = search_plan("bordaux", status=ACTIVE)
    assert plan.mode == "fuzzy"
    assert names(barrel_list(filters=BarrelFilters(search="bordaux"), plan=plan)) == [
        shelf["bordeaux"].name
    ]


def test_search_combines_with_filters_and_explicit_ordering(shelf):
    qs = barrel_list(
        filters=BarrelFilters(search="Kelvin", wood_type=("american_oak",), ordering="-price")
    )
    assert set(names(qs)) == {shelf["bourbon"].name, shelf["rum"].name}
    assert not barrel_list(filters=BarrelFilters(search="Kelvin", wood_type=("french_oak",)))


def test_facets_count_the_current_query_and_ignore_only_their_own_filter(shelf):
    filters = BarrelFilters(wood_type=("american_oak",), origin_country=("US",))
    facets = barrel_facets(filters=filters)
    wood = {i["value"]: i["count"] for i in facets["wood_type"]}
    country = {i["value"]: i["count"] for i in facets["origin_country"]}
    content = {i["value"]: i["count"] for i in facets["previous_content"]}
    # wood facet: country filter only (US) -> only the bourbon barrel (american oak)
    assert wood == {"american_oak": 1}
    # country facet: wood filter only (american oak) -> US and JM
    assert country == {"US": 1, "JM": 1}
    # other facets: both filters -> the bourbon barrel
    assert content == {"bourbon": 1}
    assert [i for i in facets["wood_type"] if i["selected"]] == [
        {"value": "american_oak", "label": "American white oak", "count": 1, "selected": True}
    ]


def test_facets_follow_search_and_ranges_and_show_selected_values_with_zero(shelf):
    facets = barrel_facets(filters=BarrelFilters(search="Kelvin", condition=("excellent",)))
    assert {i["value"]: i["count"] for i in facets["condition"]} == {"very_good": 2, "excellent": 0}
    assert {i["value"]: i["count"] for i in facets["previous_content"]} == {}


def test_facets_without_filters_count_every_active_barrel(shelf):
    facets = barrel_facets(filters=BarrelFilters())
    assert sum(i["count"] for i in facets["wood_type"]) == 4
    assert {i["value"]: i["count"] for i in facets["wood_type"]} == {
        "american_oak": 2,
        "european_oak": 1,
        "french_oak": 1,
    }
    assert facets["origin_country"][0]["label"] in {"United States", "Jamaica", "Spain", "France"}


def test_the_portable_facet_path_gives_the_same_counts_as_grouping_sets(shelf, monkeypatch):
    """SQLite (`make run`) counts facets with one GROUP BY per facet: same result."""
    from catalog import search

    filters = BarrelFilters(
        wood_type=("american_oak",), origin_country=("US", "ES"), volume_max=300
    )
    grouping_sets = barrel_facets(filters=filters)
    monkeypatch.setattr(search, "uses_postgres", lambda: False)
    assert barrel_facets(filters=filters) == grouping_sets
    # and the icontains search fallback finds name, cooperage and label matches
    assert set(names(barrel_list(filters=BarrelFilters(search="kelvin")))) == {
        shelf["bourbon"].name,
        shelf["rum"].name,
    }
    assert names(barrel_list(filters=BarrelFilters(search="oloroso"))) == [shelf["sherry"].name]
