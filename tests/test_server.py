"""The HTTP API: reads, filters, pagination, formats, the one error shape, limits, tokens."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.server_fixtures import ARTICLES, all_articles, build_db, coded_article

from communique.errors import SettingsError
from communique.models import CodedArticle
from communique.server import MAX_PAGE, create_app, is_loopback, serve
from communique.settings import Settings


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "api.db"
    build_db(path).close()
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(db))), raise_server_exceptions=False) as c:
        yield c


def assert_error(response: Any, status: int) -> dict[str, Any]:
    """The one error shape (the same check for every error route)."""
    assert response.status_code == status, response.text
    data = response.json()
    assert data["ok"] is False
    assert isinstance(data["error"], str) and data["error"]
    assert isinstance(data["errors"], list) and data["errors"]
    assert data["error"] == "; ".join(data["errors"])
    assert data["status"] == status
    assert set(data) == {"ok", "error", "errors", "status"}
    return dict(data)


# -- reading ------------------------------------------------------------------------------------


def test_events_newest_first_with_totals(client: TestClient) -> None:
    data = client.get("/v1/events").json()
    assert data["total"] == data["count"] == 9
    dates = [e["date"] for e in data["events"]]
    assert dates == sorted(dates, reverse=True)
    first = data["events"][0]
    assert first["key"] == f"{first['article_id']}:{first['id']}"
    assert first["url"].startswith("https://news.example.org/")


def test_event_filters(client: TestClient) -> None:
    def types(**params: Any) -> list[str]:
        return sorted(e["event_type"] for e in client.get("/v1/events", params=params).json()["events"])

    # a country pair matches either direction
    assert types(countries="USA,PRK") == ["CONSULT", "REQUEST", "SANCTION", "THREATEN"]
    assert types(countries="prk,usa") == types(countries="USA,PRK")
    assert types(source_country="PRK", target_country="USA") == ["THREATEN"]
    assert types(quad_class=4) == ["PROTEST", "SANCTION"]
    assert types(type="support") == ["SUPPORT", "SUPPORT"]
    assert types(actor="japan") == ["PROTEST"]
    assert types(actor="CHNGOV") == ["PROTEST", "SUPPORT"]
    assert types(since="2019-11") == ["ACCUSE", "AID", "SANCTION"]
    assert types(until="2019-09") == ["REQUEST", "SUPPORT", "THREATEN"]
    assert types(since="2019-10-01", until="2019-10-02") == ["CONSULT", "SUPPORT"]


def test_filters_are_data_never_sql(client: TestClient) -> None:
    for value in ("' OR 1=1 --", "%", "_", '"; DROP TABLE events; --', "\\", "NULL"):
        response = client.get("/v1/events", params={"actor": value})
        assert response.status_code == 200
        assert response.json()["events"] == []
    assert_error(client.get("/v1/events", params={"type": "AGREE' OR '1'='1"}), 422)
    assert_error(client.get("/v1/events", params={"since": "2019; DROP TABLE events"}), 422)
    assert client.get("/v1/events").json()["total"] == 9  # still there


def test_cursor_pagination_visits_every_event_once(client: TestClient) -> None:
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        data = client.get("/v1/events", params=params).json()
        seen += [e["key"] for e in data["events"]]
        cursor = data["next_cursor"]
        if cursor is None:
            break
    everything = [e["key"] for e in client.get("/v1/events", params={"limit": MAX_PAGE}).json()["events"]]
    assert seen == everything and len(set(seen)) == 9
    # offset pages agree with the cursor pages
    page = client.get("/v1/events", params={"limit": 2, "offset": 4}).json()["events"]
    assert [e["key"] for e in page] == everything[4:6]


def test_csv_and_jsonl_formats(client: TestClient) -> None:
    response = client.get("/v1/events", params={"format": "csv", "countries": "USA,PRK"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 4 and {r["event_type"] for r in rows} == {
        "CONSULT",
        "REQUEST",
        "SANCTION",
        "THREATEN",
    }
    assert all(r["evidence"].endswith(".") for r in rows)
    response = client.get("/v1/events", params={"format": "jsonl", "type": "AID"})
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [x["event_type"] for x in lines] == ["AID"] and lines[0]["date"] == "2019-11"


def test_timeline_by_month_week_and_type(client: TestClient) -> None:
    data = client.get("/v1/timeline", params={"interval": "month"}).json()
    counts = {(b["bucket"], b["key"]): b["count"] for b in data["buckets"]}
    assert counts[("2019-09", 3)] == 2 and counts[("2019-09", 1)] == 1
    assert sum(counts.values()) == 9 and data["undated"] == 0
    weekly = client.get("/v1/timeline", params={"interval": "week", "by": "event_type"}).json()
    # weeks start on Monday; the month-only date cannot be placed in a week
    assert {"bucket": "2019-09-02", "key": "REQUEST", "count": 1} in weekly["buckets"]
    assert {"bucket": "2019-11-18", "key": "SANCTION", "count": 1} in weekly["buckets"]
    assert weekly["undated"] == 1
    pair = client.get("/v1/timeline", params={"countries": "USA,PRK"}).json()
    assert sum(b["count"] for b in pair["buckets"]) == 4


def test_network_of_actor_pairs(client: TestClient) -> None:
    data = client.get("/v1/network").json()
    edges = {(e["source"], e["target"]): e["weight"] for e in data["edges"]}
    assert edges[("USA", "PRK")] == 3 and edges[("PRK", "USA")] == 1
    assert edges[("JPN", "CHN")] == 1
    nodes = {n["id"]: n["weight"] for n in data["nodes"]}
    assert nodes["PRK"] == 7 and set(nodes) == {"USA", "PRK", "KOR", "CHN", "JPN"}
    by_name = client.get("/v1/network", params={"level": "actor", "type": "SUPPORT"}).json()
    assert {(e["source"], e["target"]) for e in by_name["edges"]} == {
        ("South Korea (KOR)", "United States (USA)"),
        ("China (CHN)", "North Korea (PRK)"),
    }


def test_article_round_trip_and_prefix(client: TestClient) -> None:
    coded = all_articles()[0]
    data = client.get(f"/v1/articles/{coded.article.id}").json()
    assert CodedArticle.from_dict(data) == coded
    assert client.get(f"/v1/articles/{coded.article.id[:8]}").json() == data
    listing = client.get("/v1/articles").json()["articles"]
    assert {a["id"] for a in listing} == {c.article.id for c in all_articles()}


def test_actors_search_and_stats(client: TestClient) -> None:
    actors = client.get("/v1/actors", params={"q": "korea"}).json()["actors"]
    assert {a["name"] for a in actors} == {"North Korea", "South Korea"}
    hits = client.get("/v1/search", params={"q": "sanctions"}).json()["results"]
    assert len(hits) == 1 and "[sanctions]" in hits[0]["snippet"]
    assert client.get("/v1/search", params={"q": 'AND OR ( "'}).json()["results"] == []
    assert client.get("/v1/search", params={"q": "\x00sanctions\x1e"}).json()["results"] == hits
    stats = client.get("/v1/stats").json()
    assert stats["counts"]["events"] == 9
    assert {c["country"] for c in stats["countries"]} == {"USA", "PRK", "KOR", "CHN", "JPN"}


def test_web_page_and_openapi(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "<html" in page.text.lower()
    schema = client.get("/openapi.json").json()
    for path in (
        "/v1/code",
        "/v1/ingest",
        "/v1/events",
        "/v1/articles/{article_id}",
        "/v1/actors",
        "/v1/search",
    ):
        assert path in schema["paths"]


# -- bad input: a clear 4xx in the one shape --------------------------------------------------


def test_errors_have_one_shape(client: TestClient, db: Path) -> None:
    assert_error(client.get("/no/such/route"), 404)
    assert_error(client.delete("/v1/events"), 405)
    assert_error(client.get("/v1/events", params={"limit": 10**9}), 422)
    assert_error(client.get("/v1/events", params={"limit": 0}), 422)
    assert_error(client.get("/v1/events", params={"quad_class": "x"}), 422)
    assert_error(client.get("/v1/events", params={"cursor": "not-a-cursor"}), 400)
    assert_error(client.get("/v1/events", params={"format": "xml"}), 422)
    assert_error(client.get("/v1/search"), 422)
    missing = assert_error(client.get("/v1/articles/0123456789abcdef"), 404)
    assert str(db) not in missing["error"]  # no server paths in errors
    assert_error(client.get("/static/no-such-file.js"), 404)


def test_path_traversal_in_ids(client: TestClient) -> None:
    for raw in ("/v1/articles/..%2F..%2Fetc%2Fpasswd", "/v1/articles/%2e%2e", "/static/..%2F..%2Fserver.py"):
        response = client.get(raw)
        assert response.status_code in (404, 422)
        assert_error(response, response.status_code)
    assert_error(client.get("/v1/articles/....passwd"), 422)


def test_bad_bodies(client: TestClient) -> None:
    bad_json = client.post("/v1/code", content=b'{"text": ', headers={"content-type": "application/json"})
    assert "not valid JSON" in assert_error(bad_json, 400)["error"]
    unknown = assert_error(client.post("/v1/code", json={"text": "Hello.", "colour": "red"}), 422)
    assert "colour: unknown field" in unknown["error"]
    assert_error(client.post("/v1/code", json={"text": "a", "html": "<p>b</p>"}), 422)
    assert_error(client.post("/v1/code", json={}), 422)
    assert_error(client.post("/v1/code", json={"url": "file:///etc/passwd"}), 422)
    assert_error(client.post("/v1/code", json=["text"]), 422)
    assert_error(client.post("/v1/code", json={"text": "   "}), 400)


def test_a_20_mb_body_is_refused_before_it_is_read(client: TestClient) -> None:
    big = b"x" * (20 * 1024 * 1024)
    declared = client.post("/v1/code", content=big, headers={"content-type": "application/json"})
    assert "over" in assert_error(declared, 413)["error"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(20):
            yield b" " * (1024 * 1024)

    assert_error(
        client.post("/v1/ingest", content=chunks(), headers={"content-type": "application/json"}), 413
    )


def test_slow_queries_are_stopped(tmp_path: Path) -> None:
    import sqlite3

    store = build_db(tmp_path / "many.db")
    for n in range(3, 400):
        store.add(coded_article(ARTICLES[n % 3], n=n))
    store.set_time_limit(0.0)
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        store.conn.execute(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) "
            "SELECT count(*) FROM c"
        ).fetchone()
    store.close()
    app = create_app(Settings(db=str(tmp_path / "many.db")), query_seconds=0.0)
    with TestClient(app, raise_server_exceptions=False) as c:
        stopped = assert_error(c.get("/v1/timeline", params={"actor": "orea", "interval": "week"}), 503)
        assert "narrow the filters" in stopped["error"]
    with TestClient(create_app(Settings(db=str(tmp_path / "many.db")))) as c:
        data = c.get("/v1/timeline", params={"actor": "orea", "interval": "week"}).json()
        total = c.get("/v1/events", params={"actor": "orea"}).json()["total"]
        assert sum(b["count"] for b in data["buckets"]) + data["undated"] == total == 400 * 3 - 133


# -- tokens and binding ---------------------------------------------------------------------------


def test_write_endpoints_need_the_token(db: Path) -> None:
    with TestClient(create_app(Settings(db=str(db)), token="s3cret"), raise_server_exceptions=False) as c:
        assert_error(c.post("/v1/code", json={"text": "x"}), 401)
        wrong = c.post("/v1/ingest", json={"text": "x"}, headers={"Authorization": "Bearer nope"})
        assert wrong.headers["www-authenticate"] == "Bearer"
        assert_error(wrong, 401)
        # with the token the request gets through to validation
        ok = c.post("/v1/code", json={"text": "x", "extra": 1}, headers={"Authorization": "Bearer s3cret"})
        assert_error(ok, 422)
        assert c.get("/v1/events").status_code == 200  # reads need no token


def test_binding_beyond_loopback_needs_a_token(tmp_path: Path) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("[::1]")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")
    with pytest.raises(SettingsError, match="--token"):
        serve(Settings(db=str(tmp_path / "x.db")), host="0.0.0.0", port=0)


# -- coding with the real pipeline ------------------------------------------------------------------

TEXT = (
    "SEOUL, Sept. 9 -- South Korea on Monday urged North Korea to return to talks with the United States.\n\n"
    "China said it supports dialogue between the two Koreas."
)


@pytest.fixture(scope="module")
def coding_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("code") / "code.db"
    with TestClient(create_app(Settings(db=str(path))), raise_server_exceptions=False) as c:
        yield c


def test_code_returns_everything_and_stores_nothing(coding_client: TestClient) -> None:
    response = coding_client.post("/v1/code", json={"text": TEXT, "published": "2019-09-09"})
    assert response.status_code == 200, response.text
    coded = CodedArticle.from_dict(response.json())
    assert coded.article.text.startswith("South Korea") or "South Korea" in coded.article.text
    assert {a.country for a in coded.actors} >= {"KOR", "PRK"}
    assert any(e.event_type == "REQUEST" for e in coded.events)
    for e in coded.events:
        assert coded.article.text[e.evidence.start : e.evidence.end] == e.evidence.text
    assert coding_client.get("/v1/stats").json()["counts"]["articles"] == 0


def test_ingest_stores_once_and_reads_are_not_blocked(coding_client: TestClient) -> None:
    html = f"<html><head><title>Talks</title></head><body><article><p>{TEXT}</p></article></body></html>"
    latencies: list[float] = []
    done = threading.Event()

    def read_while_coding() -> None:
        while not done.is_set():
            t0 = time.perf_counter()
            coding_client.get("/v1/events", params={"limit": 10})
            latencies.append(time.perf_counter() - t0)

    reader = threading.Thread(target=read_while_coding)
    reader.start()
    try:
        first = coding_client.post("/v1/ingest", json={"html": html, "published": "2019-09-09"})
    finally:
        done.set()
        reader.join()
    assert first.status_code == 200, first.text
    assert first.json()["stored"] is True
    again = coding_client.post("/v1/ingest", json={"html": html}).json()
    assert again["stored"] is False and again["article_id"] == first.json()["article_id"]
    assert coding_client.get("/v1/stats").json()["counts"]["articles"] == 1
    article = coding_client.get(f"/v1/articles/{first.json()['article_id']}").json()
    assert article["events"] == first.json()["coded"]["events"]
    assert latencies and max(latencies) < 1.0


def test_concurrent_reads_each_use_their_own_connection(client: TestClient) -> None:
    queries: list[dict[str, Any]] = [
        {"countries": "USA,PRK"}, {"actor": "korea"}, {"type": "SUPPORT"}, {"since": "2019-10"}, {},
    ]  # fmt: skip
    failures: list[str] = []

    def read(k: int) -> None:
        for i in range(25):
            response = client.get("/v1/events", params=queries[(i + k) % len(queries)])
            if response.status_code != 200:
                failures.append(response.text)

    threads = [threading.Thread(target=read, args=(k,)) for k in range(4)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "reads deadlocked"
    assert not failures and time.perf_counter() - t0 < 30
