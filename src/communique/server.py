"""The HTTP API and the web page: a FastAPI app over the store and the pipeline.

``create_app(settings)`` builds the app; ``serve(settings, host=..., port=...)`` runs it
with uvicorn. Reads run in a thread pool, each thread with its own SQLite connection
(WAL: readers never wait for the writer) and a time limit per query. Coding and ingest
run the spaCy pipeline in one dedicated worker thread, so they never block reads. Every
error, including validation errors and unknown routes, has one JSON shape::

    {"ok": false, "error": "a; b", "errors": ["a", "b"], "status": 422}

>>> from communique.settings import Settings
>>> app = create_app(Settings(db=":memory:"))
>>> sorted(r.path for r in app.routes if getattr(r, "path", "").startswith("/v1/a"))
['/v1/actors', '/v1/articles', '/v1/articles/{article_id}']

DOCS: docs/api.md
"""

from __future__ import annotations

import asyncio
import csv
import dataclasses
import hmac
import io
import ipaddress
import json
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.exceptions import HTTPException

from communique import __version__
from communique.errors import InputError, InputTooLarge, SettingsError
from communique.models import CodedArticle, Document, to_dict
from communique.server_errors import BodyLimit, install_error_handlers
from communique.settings import Settings
from communique.store import EventFilter, Store, StoredEvent, open_store

__all__ = ["MAX_PAGE", "create_app", "is_loopback", "serve"]

WEB_DIR = Path(__file__).parent / "web"
#: Largest page of events a request may ask for.
MAX_PAGE = 1000
#: Largest ``offset``: deeper pages must use the cursor.
MAX_OFFSET = 100_000
#: Seconds a single read query may run before it is stopped (503).
QUERY_SECONDS = 5.0

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
COUNTRY = r"^[A-Za-z]{3}$"
ARTICLE_ID = r"^[0-9a-f]{4,64}$"


# -- request and response models ----------------------------------------------------------


class CodeRequest(BaseModel):
    """A page to code: exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="Already-scraped page text.")
    html: str | None = Field(None, description="The page's HTML.")
    url: str | None = Field(None, pattern=r"^https?://\S+$", max_length=2000, description="A page to fetch.")
    published: str | None = Field(
        None,
        pattern=r"^\d{4}-\d{2}-\d{2}([T ][0-9:.]+([+-]\d{2}:?\d{2}|Z)?)?$",
        description="Publication date to assume when the page states none.",
    )

    @model_validator(mode="after")
    def _one_input(self) -> CodeRequest:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


class EventPage(BaseModel):
    """A page of events; ask for the next with ``cursor=next_cursor``."""

    events: list[StoredEvent]
    count: int
    total: int | None
    limit: int
    offset: int
    next_cursor: str | None


class ErrorOut(BaseModel):
    """The one error shape."""

    ok: Literal[False]
    error: str
    errors: list[str]
    status: int


EVENT_FIELDS = tuple(f.name for f in dataclasses.fields(StoredEvent))

_WHY = {
    400: "Bad input: malformed JSON, a bad cursor, an empty page.",
    404: "No such article, or no such route.",
    405: "Method not allowed on this route.",
    413: "The request body is too large.",
    422: "A parameter or field is invalid or unknown.",
    503: "The query took too long and was stopped.",
    401: "A write endpoint was called without the server's token.",
    502: "The URL could not be fetched.",
}
#: Error responses every route may give (all in the one shape).
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": _WHY[code]} for code in (400, 404, 405, 413, 422, 503)
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": _WHY[code]} for code in (401, 502)
}


def _event_dict(e: StoredEvent) -> dict[str, Any]:
    return dict(vars(e))  # flat dataclass of scalars: no deep copy needed


# -- per-thread stores -----------------------------------------------------------------------


class _Stores:
    """One SQLite connection per thread (WAL lets them read while one writes)."""

    def __init__(self, path: str, seconds: float) -> None:
        self.path = path
        self.seconds = seconds
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Store] = []
        self._shared: Store | None = None
        self._generation = 0  # bumped by close(): connections of older generations are reopened

    def get(self) -> Store:
        if self.path == ":memory:":  # one in-memory database, shared (tests, doctests)
            with self._lock:
                if self._shared is None:
                    self._shared = open_store(self.path)
                    self._open.append(self._shared)
                return self._shared
        store: Store | None = getattr(self._local, "store", None)
        if store is None or getattr(self._local, "generation", -1) != self._generation:
            store = open_store(self.path)
            store.set_time_limit(self.seconds)
            self._local.store = store
            self._local.generation = self._generation
            with self._lock:
                self._open.append(store)
        store.restart_clock()
        return store

    def close(self) -> None:
        with self._lock:
            self._generation += 1
            for store in self._open:
                store.close()
            self._open.clear()
            self._shared = None


class _Coder:
    """The one worker thread that runs the spaCy pipeline (started again after a shutdown)."""

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def get(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="communique-coder")
            return self._pool

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None


# -- the app ---------------------------------------------------------------------------------


def create_app(
    settings: Settings,
    *,
    token: str | None = None,
    max_body: int | None = None,
    query_seconds: float = QUERY_SECONDS,
) -> FastAPI:
    """Build the HTTP API and web page over ``settings.db`` (created if missing).

    Args:
        settings: where the database is, and how to code pages.
        token: when set, ``POST`` endpoints need ``Authorization: Bearer <token>``.
        max_body: largest request body in bytes (default: ``settings.max_bytes`` + 64 KiB).
        query_seconds: time limit of one read query.
    """
    stores = _Stores(settings.db, query_seconds)
    stores.get()  # create/migrate the database now, not on the first request
    coder = _Coder()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        coder.close()
        stores.close()

    app = FastAPI(
        title="communique",
        version=__version__,
        summary="News pages in, checkable event data out.",
        description=(
            "Code news pages into PLOVER/CAMEO events with the evidence for every field, and "
            "read the stored events, articles and actors. Every error has the shape of `ErrorOut`."
        ),
        lifespan=lifespan,
        docs_url=None,  # the Swagger/ReDoc pages load scripts from a CDN; no network at run time
        redoc_url=None,
        responses=ERRORS,
    )
    app.state.settings = settings
    app.state.stores = stores
    app.state.token = token
    app.state.coder = coder
    install_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=max_body or settings.max_bytes + 65_536)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")
    return app


# -- dependencies -------------------------------------------------------------------------------

router = APIRouter()


def _stores(request: Request) -> _Stores:
    # Not the connection itself: FastAPI may run a dependency and its endpoint in different
    # threads, and each thread must use its own connection. Endpoints call .get().
    stores: _Stores = request.app.state.stores
    return stores


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _require_token(request: Request) -> None:
    token: str | None = request.app.state.token
    if token is None:
        return
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(
            401,
            "this endpoint needs 'Authorization: Bearer <token>' (the token given to 'communique serve')",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def _run_coder(request: Request, fn: Callable[[], Any]) -> Any:
    coder: _Coder = request.app.state.coder
    return await asyncio.get_running_loop().run_in_executor(coder.get(), fn)


def _event_filter(
    actor: Annotated[
        str | None,
        Query(max_length=200, description="Actor name, country (PRK), code (USAGOV) or KB id."),
    ] = None,
    type: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{1,40}$", description="PLOVER type.")] = None,
    since: Annotated[str | None, Query(pattern=DATE, description="First date, YYYY[-MM[-DD]].")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="Latest date, YYYY[-MM[-DD]].")] = None,
    countries: Annotated[
        str | None,
        Query(pattern=r"^[A-Za-z]{3},[A-Za-z]{3}$", description="Two country codes, either direction."),
    ] = None,
    source_country: Annotated[str | None, Query(pattern=COUNTRY)] = None,
    target_country: Annotated[str | None, Query(pattern=COUNTRY)] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="PLOVER quad class 1-4.")] = None,
    article: Annotated[str | None, Query(pattern=ARTICLE_ID, description="One article's events.")] = None,
) -> EventFilter:
    pair = tuple(countries.split(",")) if countries else None
    return EventFilter(
        actor=actor or None, event_type=type, since=since, until=until,
        countries=pair,  # type: ignore[arg-type]
        source_country=source_country, target_country=target_country, quad_class=quad_class,
        article_id=article,
    )  # fmt: skip


StoresDep = Annotated[_Stores, Depends(_stores)]
SettingsDep = Annotated[Settings, Depends(_settings)]
FilterDep = Annotated[EventFilter, Depends(_event_filter)]


def _document(body: CodeRequest, settings: Settings) -> Document:
    if body.url is not None:
        from communique.fetch import fetch_document

        document = fetch_document(body.url, settings=settings)
        if body.published and not document.published_hint:
            document = dataclasses.replace(document, published_hint=body.published)
        return document
    content, kind = (body.html, "html") if body.html is not None else (body.text or "", "text")
    if len(content.encode("utf-8")) > settings.max_bytes:
        raise InputTooLarge(f"the page is over max_bytes ({settings.max_bytes:,})", source="<request>")
    if not content.strip():
        raise InputError("the page is empty; send its text or HTML", source="<request>")
    return Document.from_text(
        content, source="<api>", source_kind="api", content_type=kind,  # type: ignore[arg-type]
        published_hint=body.published,
    )  # fmt: skip


# -- web page -----------------------------------------------------------------------------------


@router.get("/", include_in_schema=False)
def index() -> FileResponse:
    return FileResponse(WEB_DIR / "index.html", media_type="text/html")


# -- coding -------------------------------------------------------------------------------------


@router.post("/v1/code", dependencies=[Depends(_require_token)], tags=["coding"], responses=WRITE_ERRORS)
async def code(body: CodeRequest, request: Request, settings: SettingsDep) -> dict[str, Any]:
    """Code a page (text, HTML or URL) and return everything coded from it; nothing is stored."""
    from communique.api import code_document

    def work() -> CodedArticle:
        return code_document(_document(body, settings), settings=settings)

    coded: CodedArticle = await _run_coder(request, work)
    return to_dict(coded)


@router.post("/v1/ingest", dependencies=[Depends(_require_token)], tags=["coding"], responses=WRITE_ERRORS)
async def ingest(body: CodeRequest, request: Request, settings: SettingsDep) -> dict[str, Any]:
    """Code a page and store it; a page stored before is returned as stored (``stored: false``)."""
    from communique.api import ingest_document

    stores: _Stores = request.app.state.stores

    def work() -> tuple[CodedArticle, bool]:
        return ingest_document(_document(body, settings), store=stores.get(), settings=settings)

    coded, stored = await _run_coder(request, work)
    return {"stored": stored, "article_id": coded.article.id, "coded": to_dict(coded)}


# -- reading ------------------------------------------------------------------------------------


@router.get(
    "/v1/events",
    tags=["events"],
    responses={
        200: {
            "model": EventPage,
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/x-ndjson": {"schema": {"type": "string"}},
            },
            "description": "A page of events: JSON, CSV (format=csv) or JSON lines (format=jsonl).",
        }
    },
)
def events(
    stores: StoresDep,
    f: FilterDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    cursor: Annotated[str | None, Query(max_length=200, description="next_cursor of a page.")] = None,
    format: Literal["json", "jsonl", "csv"] = "json",
    total: Annotated[bool, Query(description="Count every matching event (slower).")] = True,
) -> Response:
    """Stored events matching the filters, newest first, a page at a time."""
    db = stores.get()
    counting = total and format == "json"
    rows, next_cursor, count = db.event_page_with_total(
        f, limit=limit, offset=offset, cursor=cursor, total=counting
    )
    items = [_event_dict(e) for e in rows]
    if format == "csv":
        return Response(_csv(items, EVENT_FIELDS), media_type="text/csv; charset=utf-8")
    if format == "jsonl":
        body = "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items)
        return Response(body, media_type="application/x-ndjson")
    page = {"events": items, "count": len(items), "total": count, "limit": limit, "offset": offset}
    return JSONResponse({**page, "next_cursor": next_cursor})


@router.get("/v1/timeline", tags=["events"])
def timeline(
    stores: StoresDep,
    f: FilterDep,
    interval: Literal["week", "month"] = "month",
    by: Literal["quad_class", "event_type"] = "quad_class",
) -> dict[str, Any]:
    """Event counts per week or month, per quad class or event type."""
    db = stores.get()
    return db.timeline(f, interval=interval, by=by)


@router.get("/v1/network", tags=["events"])
def network(
    stores: StoresDep,
    f: FilterDep,
    level: Literal["country", "actor"] = "country",
    limit: Annotated[int, Query(ge=1, le=500)] = 60,
) -> dict[str, Any]:
    """Actor pairs (source -> target) with the number of events between them."""
    db = stores.get()
    return db.network(f, level=level, limit=limit)


@router.get("/v1/articles", tags=["articles"])
def articles(
    stores: StoresDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    """Stored articles, newest first, with their event counts."""
    db = stores.get()
    return {"articles": db.articles(limit=limit, offset=offset), "limit": limit, "offset": offset}


@router.get("/v1/articles/{article_id}", tags=["articles"], responses={404: {"model": ErrorOut}})
def article(
    stores: StoresDep,
    article_id: Annotated[str, PathParam(pattern=ARTICLE_ID, description="Id or unique id prefix.")],
) -> dict[str, Any]:
    """A stored article with its actors, events, quotes and dates, each with text offsets."""
    db = stores.get()
    return to_dict(db.article(article_id))


@router.get("/v1/actors", tags=["actors"])
def actors(
    stores: StoresDep,
    q: Annotated[str | None, Query(max_length=200, description="Name substring or country code.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    """Actors across articles, with how many articles and events name them."""
    db = stores.get()
    return {"actors": db.actors(query=q, limit=limit, offset=offset), "limit": limit, "offset": offset}


@router.get("/v1/search", tags=["articles"])
def search(
    stores: StoresDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words to find.")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> dict[str, Any]:
    """Full-text search over article titles and text (SQLite FTS5); snippets mark hits in [ ]."""
    db = stores.get()
    return {"results": db.search(q, limit=limit, offset=offset), "query": q}


@router.get("/v1/stats", tags=["meta"])
def stats(stores: StoresDep) -> dict[str, Any]:
    """Row counts, event types and countries: what the filters can choose from."""
    db = stores.get()
    return {
        "version": __version__,
        "counts": db.counts(),
        "event_types": db.event_types(),
        "countries": db.countries(),
    }


def _csv(items: Iterable[dict[str, Any]], fields: Iterable[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(items)
    return out.getvalue()


# -- running -----------------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    """Tell whether binding ``host`` only accepts connections from this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Run the API and web page with uvicorn until interrupted.

    Raises:
        SettingsError: ``host`` is not loopback and no token was given.
    """
    import uvicorn

    if not is_loopback(host) and not token:
        raise SettingsError(
            f"binding {host} exposes the write endpoints; give --token (or COMMUNIQUE_TOKEN), "
            "or bind 127.0.0.1"
        )
    if not is_loopback(host):
        settings = dataclasses.replace(settings, fetch_private_hosts=False)
    app = create_app(settings, token=token)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
