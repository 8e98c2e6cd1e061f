"""Schemathesis against the app's own OpenAPI schema: every operation, requests generated from
the schema (valid and invalid ones), sent with a real device token and the version headers, on
SQLite. No answer is a 5xx, every error answer is JSON ``{"error", "message"}``, and the
answers conform to the schema (schemathesis's own checks).

(Schemathesis's lazy ``from_fixture`` loader does not run under this pytest, so each operation
is driven through ``APIOperation.as_strategy`` and Hypothesis's ``@given`` directly.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import BaseSchema, Case, GenerationMode

from tests.support.central import Central, Templates, cheap_argon2

OPERATIONS = [
    ("GET", "/api/v1/health"),
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/sync/push"),
    ("GET", "/api/v1/sync/pull"),
    ("POST", "/api/v1/blobs/missing"),
    ("HEAD", "/api/v1/blobs/{sha256}"),
    ("PATCH", "/api/v1/blobs/{sha256}"),
    ("GET", "/api/v1/blobs/{sha256}"),
]
BOUNDED = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def api(
    central_templates: Templates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Central]:
    template = central_templates.sqlite()
    folder: Path = tmp_path_factory.mktemp("schemathesis")
    url = f"sqlite:///{folder / 'central.db'}"
    template.copy_to(url)
    with cheap_argon2():
        central = Central(url, folder / "blobs", template.accounts)
        try:
            yield central
        finally:
            central.close()


# Answers a valid request may get because of the store's state rather than the request's
# form: schemathesis's default list, and 410 for a cursor the store's log is not at.
STATE_ANSWERS = ["2xx", "3xx", "401", "403", "404", "409", "410", "429"]


@pytest.fixture(scope="module")
def api_schema(api: Central) -> BaseSchema:
    config = schemathesis.Config.from_dict(
        {"checks": {"positive_data_acceptance": {"expected-statuses": STATE_ANSWERS}}}
    )
    return schemathesis.openapi.from_asgi("/openapi.json", api.app, config=config)


# Checks that cannot hold for an operation, and why.
NOT_APPLICABLE = {
    # A HEAD answer has no body, so no Content-Type either.
    ("HEAD", "/api/v1/blobs/{sha256}"): [schemathesis.checks.content_type_conformance],
    # A chunk must hash to the blob's name and its offsets agree with what already arrived;
    # no schema can say that, so generated chunks are refused (400, 409, 422), as they should.
    ("PATCH", "/api/v1/blobs/{sha256}"): [schemathesis.checks.positive_data_acceptance],
}


def test_the_schema_lists_the_operations_tested_by_name(api_schema: BaseSchema) -> None:
    assert set(OPERATIONS) <= _operations(api_schema)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_generated_requests_get_no_5xx_and_json_errors(
    api: Central, api_schema: BaseSchema, method: str, path: str
) -> None:
    _run(api, api_schema, method, path)


def test_operations_added_later_are_tested_too(api: Central, api_schema: BaseSchema) -> None:
    for method, path in sorted(_operations(api_schema) - set(OPERATIONS)):
        _run(api, api_schema, method, path)


def _operations(api_schema: BaseSchema) -> set[tuple[str, str]]:
    found = set()
    for result in api_schema.get_all_operations():
        operation = result.ok()
        found.add((operation.method.upper(), operation.path))
    return found


def _run(api: Central, api_schema: BaseSchema, method: str, path: str) -> None:
    operation = api_schema[path][method]
    cases = st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )
    headers = api.headers("admin")

    @BOUNDED
    @given(case=cases)
    def check(case: Case) -> None:
        response = case.call(headers=headers)
        assert response.status_code < 500, (case.as_curl_command(), response.text)
        if response.status_code >= 400 and method != "HEAD":
            body: Any = response.json()
            assert set(body) == {"error", "message"}, (case.as_curl_command(), body)
        excluded = list(NOT_APPLICABLE.get((method, path), []))
        if _beyond_float_precision(case.body):
            excluded.append(schemathesis.checks.positive_data_acceptance)
        case.validate_response(response, headers=headers, excluded_checks=excluded)

    check()
    assert api.client.get("/api/v1/health").status_code == 200


def _beyond_float_precision(value: Any) -> bool:
    """True if ``value`` holds an integer above 2**53: the generator compares such numbers
    with the schema's maximum (2**62) as floats and so makes some a little over it, which
    the server rightly refuses."""
    if isinstance(value, dict):
        return any(_beyond_float_precision(item) for item in value.values())
    if isinstance(value, list):
        return any(_beyond_float_precision(item) for item in value)
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53
