"""Operations whose contract bugs the fuzzer found, tracked until their owners fix them.

Each entry turns that operation's fuzz test into an expected failure. `strict` entries fail the
suite as soon as the bug is fixed (XPASS): then delete the entry. Keep this list short.
"""

KNOWN_CONTRACT_BUGS: dict[str, dict] = {
    "GET /v1/orders": {
        "reason": "commerce: the response is a page {count, next, previous, results} but the "
        "schema documents a bare array; use responses=paginated(OrderListOutput) "
        "(vwb_site.api.pagination.paginated)",
        "strict": True,
    },
    "GET /v1/admin/orders": {
        "reason": "commerce: same as GET /v1/orders (responses=paginated(OrderListOutput))",
        "strict": True,
    },
}
