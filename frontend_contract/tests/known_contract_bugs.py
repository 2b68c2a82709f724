"""Operations whose contract bugs the fuzzer found, tracked until their owners fix them.

Each entry turns that operation's fuzz test into an expected failure:

    "GET /v1/orders": {"reason": "commerce: page documented as a bare array", "strict": True},

`strict` entries fail the suite as soon as the bug is fixed (XPASS): then delete the entry. Use
`strict: False` only for a failure the fuzzer finds by chance. Keep this list empty.
"""

KNOWN_CONTRACT_BUGS: dict[str, dict] = {}
