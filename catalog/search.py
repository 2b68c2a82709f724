"""The catalog's search engine: how a search term is matched and ranked.

On PostgreSQL: a trigger-maintained weighted `search_vector` (name A; previous content and
cooperage B; description C; GIN-indexed) matched with `websearch_to_tsquery` and ranked with
ts_rank; when that matches nothing, trigram word similarity on the name (GIN `gin_trgm_ops` index)
so that a small typo ("burbon") still finds bourbon barrels (see SearchPlan). On SQLite
(`make run`) search falls back to `icontains` over the same fields. The list reads that apply a
plan are in catalog/selectors.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import F, Q, Value

from catalog.models import Barrel, PreviousContent


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def _ensure_trigram_threshold(using: str) -> None:
    """Set pg_trgm's word-similarity threshold (the cut-off of the `%>` operator, which the
    trigram index serves). PostgreSQL's default, 0.6, misses typos such as "bordaux";
    CATALOG_SEARCH_TYPO_THRESHOLD (default 0.5) catches one wrong letter. Set before every
    search (one cheap statement): a session setting made inside a transaction that rolls back
    is undone, so remembering it per connection would not be safe."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
            [str(settings.CATALOG_SEARCH_TYPO_THRESHOLD)],
        )


@dataclass(frozen=True)
class SearchPlan:
    """How a search term is matched and ranked for one request (PostgreSQL):

    1. full-text: the GIN-indexed search vector, ranked with ts_rank;
    2. if that matches nothing (a typo: "burbon"), each word is corrected to its closest word
       of the search vocabulary (catalog.SearchWord, trigram similarity, a few thousand rows at
       most) and the corrected text is searched full-text;
    3. if that still matches nothing, trigram word similarity on the name (GIN trigram index),
       ranked by similarity.
    Common searches therefore never pay for per-row similarity computations.
    """

    mode: str  # "fts", "corrected", "fuzzy" or "icontains"
    q: Q
    rank: Any = None
    corrected: str = ""


def _fts(text: str, status, using: str) -> tuple[Q, Any] | None:
    query = SearchQuery(text, config="english", search_type="websearch")
    q = Q(search_vector=query)
    if Barrel.objects.using(using).filter(q, status__in=status).exists():
        return q, SearchRank(F("search_vector"), query)
    return None


def _corrected(search: str, using: str) -> str:
    """Each word replaced by its closest vocabulary word ('' when nothing changes)."""
    words = re.findall(r"[^\W_]+", search.lower())[:10]
    if not words:
        return ""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT q.word, (SELECT s.word FROM catalog_searchword s WHERE s.word %% q.word "
            "ORDER BY similarity(s.word, q.word) DESC, s.word LIMIT 1) "
            "FROM unnest(%s::text[]) WITH ORDINALITY AS q(word, n) ORDER BY q.n",
            [words],
        )
        corrected = [best or word for word, best in cursor.fetchall()]
    return " ".join(corrected) if corrected != words else ""


def search_plan(search: str, *, status, using: str = DEFAULT_DB_ALIAS) -> SearchPlan | None:
    """How to match and rank `search` among barrels of `status` (None: no search term), read
    from the database `using` (the one the list will be read from)."""
    if not search:
        return None
    if not uses_postgres():
        labels = [c for c, label in PreviousContent.choices if search.lower() in label.lower()]
        q = (
            Q(name__icontains=search)
            | Q(description__icontains=search)
            | Q(cooperage__icontains=search)
            | Q(previous_content__in=labels)
        )
        return SearchPlan("icontains", q)
    found = _fts(search, status, using)
    if found:
        return SearchPlan("fts", *found)
    corrected = _corrected(search, using)
    if corrected and (found := _fts(corrected, status, using)):
        return SearchPlan("corrected", *found, corrected=corrected)
    _ensure_trigram_threshold(using)
    return SearchPlan(
        "fuzzy", Q(name__trigram_word_similar=search), TrigramWordSimilarity(Value(search), "name")
    )
