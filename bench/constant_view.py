"""The benchmark's baseline: a bare Django view returning a constant JSON list of 24 items.

Routed by bench/bench_urls.py, the URLconf of the benchmarks' settings (never in production)."""

from django.http import JsonResponse

ITEMS = [
    {
        "slug": f"barrel-{n}",
        "name": f"Barrel {n}",
        "price": "290.00",
        "currency": "EUR",
        "volume_liters": 225,
        "wood_type": "french_oak",
        "availability": "in_stock",
    }
    for n in range(24)
]


def constant_list(request):
    return JsonResponse({"count": len(ITEMS), "results": ITEMS})
