"""Assertions shared by the accounts tests."""

PROBLEM = "application/problem+json"


def assert_problem(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM, response["Content-Type"]
    body = response.json()
    assert body["status"] == status
    if code is not None:
        assert body["code"] == code, body
    return body


def error_fields(body: dict) -> dict[str, str]:
    """{field: code} of a validation problem."""
    return {e["field"]: e["code"] for e in body["errors"]}
