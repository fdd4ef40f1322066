"""Property-based tests against the OpenAPI schema (schemathesis + hypothesis).

Every read operation is called with inputs generated from its schema, valid and invalid:
no 500s, only documented status codes and content types, responses that match their
schema, and invalid input rejected with a 4xx. The coding endpoints get generated JSON
bodies (unknown fields, wrong types, odd text) and must answer in the one error shape or
code the text; generated URLs are left out, since tests never touch the network.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.server_fixtures import build_db

from communique.server import create_app
from communique.settings import Settings

# Built at import: schemathesis collects one test per operation from the app's schema.
# (schemathesis.pytest.from_fixture does not work with pytest 9.)
_DB = Path(tempfile.mkdtemp(prefix="communique-schema-")) / "schema.db"
build_db(_DB).close()
APP = create_app(Settings(db=str(_DB)))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP).include(method="GET")


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_read_operations_follow_the_schema(case: Any) -> None:
    if case.query and "cursor" in case.query:
        # A cursor is opaque: any string fits the schema, only ours are accepted (400 otherwise).
        response = case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])
        assert response.status_code < 500
    else:
        case.call_and_validate()


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(APP, raise_server_exceptions=False) as c:
        yield c


DATES = ["2019-09-09", "2019-09-09T17:32:00+09:00", "yesterday"]
_finite = st.floats(allow_nan=False, allow_infinity=False)
_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=30), _finite)
_bodies = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "text": st.one_of(st.text(max_size=200), _scalar),
            "html": st.one_of(st.text(max_size=200).map(lambda t: f"<p>{t}</p>"), _scalar),
            "published": st.one_of(
                st.sampled_from(["2019-09-09", "2019-09-09T17:32:00+09:00", "yesterday"]), _scalar
            ),
            "unknown": _scalar,
        },
    ),
    st.lists(_scalar, max_size=3),
    _scalar,
)


@given(body=_bodies)
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_coding_bodies_never_break_the_server(client: TestClient, body: Any) -> None:
    response = client.post("/v1/code", json=body)
    assert response.status_code < 500, response.text
    data = response.json()
    if response.status_code == 200:
        assert set(data) >= {"article", "actors", "events", "quotes", "timexes"}
        text = data["article"]["text"]
        for event in data["events"]:
            assert text[event["evidence"]["start"] : event["evidence"]["end"]] == event["evidence"]["text"]
    else:
        assert data["ok"] is False and data["status"] == response.status_code
        assert data["error"] == "; ".join(data["errors"])
