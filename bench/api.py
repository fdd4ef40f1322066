"""Requests/s and p50/p99 latency of ``GET /v1/events`` on a database of 100,000 events.

Usage::

    .venv/bin/python bench/api.py                      # 100k events, 20 s, 2 client threads
    .venv/bin/python bench/api.py --events 20000 --seconds 5 --clients 1

The database is made by coding ``examples/`` (and the seed editorial, when ../shared has
it) with the real pipeline, then replicating the coded articles with new ids: each copy
moves its dates to a random day of 2015-2024 and maps its actors' countries through a
random permutation of 40 countries (USA and PRK keep their codes in one copy in ten), so
filters are as selective as on real data. It is kept in ``out/bench-api-<n>.db`` and
reused. The server is ``communique serve`` in its own process on a random loopback port;
client threads send requests until the time or request budget is spent, and the
latencies are measured per scenario. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed" / "hankyoreh-2019-09-09-editorial.txt"
OUT = REPO / "out"
sys.path.insert(0, str(REPO / "src"))

from communique.models import CodedArticle, content_hash  # noqa: E402

COUNTRIES = tuple(
    "USA PRK KOR CHN JPN RUS GBR FRA DEU IRN ISR SYR IRQ AFG PAK IND UKR TUR SAU EGY "  # noqa: SIM905
    "VNM PHL IDN AUS CAN MEX BRA VEN COL NGA ETH KEN ZAF SDN LBY YEM QAT ARE POL ITA".split()
)

#: The scenarios: name -> query. "filtered page of 100" is what the goal is about.
SCENARIOS: dict[str, dict[str, Any]] = {
    "pair USA-PRK, 100": {"countries": "USA,PRK", "limit": 100},
    "type REQUEST, 100": {"type": "REQUEST", "limit": 100},
    "actor PRK since 2019, 100": {"actor": "PRK", "since": "2019", "limit": 100},
    "quad 3 in 2020, 100": {"quad_class": 3, "since": "2020", "until": "2020", "limit": 100},
    "unfiltered, 100": {"limit": 100},
    "pair USA-PRK, 100, no total": {"countries": "USA,PRK", "limit": 100, "total": "false"},
}


def base_articles() -> list[CodedArticle]:
    """Code examples/ (and the seed) with the real pipeline."""
    from communique.api import code_source

    inputs = sorted(str(p) for p in (REPO / "examples").iterdir() if p.is_file())
    if SEED.exists():
        inputs.append(str(SEED))
    coded: list[CodedArticle] = []
    for source in inputs:
        for result in code_source(source):
            if isinstance(result, CodedArticle) and result.events:
                coded.append(result)
    return coded


def _copy(coded: CodedArticle, n: int, rng: random.Random) -> CodedArticle:
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    keep = rng.random() < 0.1
    perm = dict(zip(COUNTRIES, rng.sample(COUNTRIES, len(COUNTRIES)), strict=True))
    if keep:
        perm["USA"], perm["PRK"] = "USA", "PRK"

    def moved_actor(a: Any) -> Any:
        country = perm.get(a.country or "", a.country)
        kb_id = country if a.kb_id and a.kb_id == a.country else a.kb_id  # country entities follow
        return dataclasses.replace(a, country=country, kb_id=kb_id)

    actors = tuple(moved_actor(a) for a in coded.actors)

    def moved(value: str | None) -> str | None:
        if not value:
            return value
        return (day.isoformat() + value[10:]) if len(value) >= 10 else day.isoformat()[: len(value)]

    events = tuple(dataclasses.replace(e, date=moved(e.date)) for e in coded.events)
    text_id = content_hash(f"{coded.article.id}:{n}")
    article = dataclasses.replace(coded.article, id=text_id, published=moved(coded.article.published))
    return dataclasses.replace(coded, article=article, actors=actors, events=events)


def build_db(path: Path, target: int, seed: int = 7) -> int:
    """Fill ``path`` with replicated coded articles until it holds ``target`` events."""
    from communique.store import open_store

    base = base_articles()
    per_round = sum(len(c.events) for c in base)
    print(f"coded {len(base)} base articles with {per_round} events; replicating…", file=sys.stderr)
    rng = random.Random(seed)
    total = n = 0
    t0 = time.perf_counter()
    with open_store(path) as store:
        while total < target:
            for coded in base:
                if total >= target:
                    break
                copy = _copy(coded, n, rng)
                n += 1
                store.add(copy)
                total += len(copy.events)
        counts = store.counts()
    print(f"stored {counts['articles']:,} articles, {counts['events']:,} events in "
          f"{time.perf_counter() - t0:.0f} s", file=sys.stderr)  # fmt: skip
    return counts["events"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    cmd = [sys.executable, "-m", "communique.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
           "--port", str(port)]  # fmt: skip
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/v1/stats", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start within 60 s")


def run_load(base: str, *, seconds: float, max_requests: int, clients: int) -> dict[str, list[float]]:
    """Send the scenarios round-robin from ``clients`` threads; return latencies (s) per scenario."""
    latencies: dict[str, list[float]] = {name: [] for name in SCENARIOS}
    names = list(SCENARIOS)
    lock = threading.Lock()
    sent = 0
    stop_at = time.monotonic() + seconds
    failures: list[str] = []

    def worker(offset: int) -> None:
        nonlocal sent
        with httpx.Client(base_url=base, timeout=30) as client:
            i = offset
            while time.monotonic() < stop_at:
                with lock:
                    if sent >= max_requests:
                        return
                    sent += 1
                name = names[i % len(names)]
                i += 1
                t0 = time.perf_counter()
                response = client.get("/v1/events", params=SCENARIOS[name])
                elapsed = time.perf_counter() - t0
                if response.status_code != 200:
                    failures.append(f"{name}: {response.status_code} {response.text[:200]}")
                    continue
                with lock:
                    latencies[name].append(elapsed)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, first: {failures[0]}")
    return latencies


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100_000, help="events in the database")
    parser.add_argument("--seconds", type=float, default=20.0, help="load duration")
    parser.add_argument("--max-requests", type=int, default=20_000, help="request budget")
    parser.add_argument("--clients", type=int, default=2, help="concurrent client threads")
    parser.add_argument("--warmup", type=int, default=30, help="requests sent before measuring")
    args = parser.parse_args()

    OUT.mkdir(exist_ok=True)
    db = OUT / f"bench-api-{args.events}.db"
    if not db.exists():
        build_db(db, args.events)
    from communique.store import open_store

    with open_store(db) as store:
        events = store.counts()["events"]
    proc, base = start_server(db)
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for k in range(args.warmup):
                client.get("/v1/events", params=SCENARIOS[list(SCENARIOS)[k % len(SCENARIOS)]])
            matches = {n: client.get("/v1/events", params={**q, "limit": 1, "total": "true"}).json()["total"]
                       for n, q in SCENARIOS.items()}  # fmt: skip
        t0 = time.perf_counter()
        latencies = run_load(base, seconds=args.seconds, max_requests=args.max_requests, clients=args.clients)
        wall = time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    count = sum(len(v) for v in latencies.values())
    print(f"\nGET /v1/events on {events:,} events, {args.clients} client thread(s), {wall:.1f} s, "
          f"{count:,} requests: {count / wall:.0f} requests/s")  # fmt: skip
    print(f"{'scenario':32} {'matching':>9} {'n':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    report: dict[str, Any] = {
        "date": date.today().isoformat(), "events": events, "clients": args.clients,
        "seconds": round(wall, 1), "requests": count, "requests_per_s": round(count / wall, 1),
        "machine": platform.platform(), "cpus": os.cpu_count(), "scenarios": {},
    }  # fmt: skip
    for name, values in latencies.items():
        if not values:
            continue
        p50, p99 = _pct(values, 0.5) * 1000, _pct(values, 0.99) * 1000
        worst = max(values) * 1000
        print(f"{name:32} {matches[name]:>9,} {len(values):>6} {p50:>8.1f} {p99:>8.1f} {worst:>8.1f}")
        report["scenarios"][name] = {
            "matching": matches[name], "n": len(values), "p50_ms": round(p50, 1), "p99_ms": round(p99, 1),
            "mean_ms": round(statistics.fmean(values) * 1000, 1),
        }  # fmt: skip
    (OUT / "bench-api.json").write_text(json.dumps(report, indent=2))
    print(f"\nwritten to {OUT / 'bench-api.json'}")


if __name__ == "__main__":
    main()
