"""The HTTP layer's edges: one JSON error shape for every error, and a request-size limit.

Every error the server sends, from a validation error to an unknown route, a body that is
too large or a bug, has this shape (the four keys are always there)::

    {"ok": false, "error": "<errors joined by '; '>", "errors": ["..."], "status": 404}

>>> import json
>>> json.loads(error_response(404, ["no such article"]).body)
{'ok': False, 'error': 'no such article', 'errors': ['no such article'], 'status': 404}

DOCS: docs/api.md
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from communique.errors import (
    CommuniqueError,
    EmptyInput,
    ExtractionError,
    FetchError,
    InputError,
    InputTooLarge,
    NotFound,
    SourceNotFound,
    StoreError,
)

__all__ = ["BodyLimit", "error_response", "install_error_handlers", "status_of"]

LOGGER = logging.getLogger(__name__)

#: HTTP status of each domain error (the most specific class wins); others are 500.
_STATUS: tuple[tuple[type[CommuniqueError], int], ...] = (
    (NotFound, 404),
    (InputTooLarge, 413),
    (FetchError, 502),
    (SourceNotFound, 400),
    (EmptyInput, 422),
    (ExtractionError, 422),
    (InputError, 400),
)


def error_response(status: int, errors: Sequence[str], headers: dict[str, str] | None = None) -> JSONResponse:
    """The one error shape, as a response."""
    messages = [str(e) for e in errors] or ["error"]
    body = {"ok": False, "error": "; ".join(messages), "errors": messages, "status": status}
    return JSONResponse(body, status_code=status, headers=headers)


def status_of(exc: CommuniqueError) -> int:
    """HTTP status for a domain error.

    >>> status_of(NotFound("x")), status_of(InputTooLarge("x")), status_of(CommuniqueError("x"))
    (404, 413, 500)
    """
    for cls, status in _STATUS:
        if isinstance(exc, cls):
            return status
    # A stage that failed on the input (pipeline.StageError) is the input's problem.
    if getattr(exc, "stage", None) in ("extract", "sources"):
        return 422
    return 500


def _validation_messages(exc: RequestValidationError) -> tuple[int, list[str]]:
    messages: list[str] = []
    status = 422
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p != "body" or len(err.get("loc", ())) == 1]
        where = ".".join(loc)
        kind = err.get("type", "")
        if kind == "json_invalid":
            status = 400
            messages.append(f"the body is not valid JSON ({err.get('ctx', {}).get('error', 'parse error')})")
        elif kind == "extra_forbidden":
            messages.append(f"{where}: unknown field; the fields are listed at /openapi.json")
        else:
            msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
            messages.append(f"{where}: {msg}" if where else msg)
    return status, messages


def install_error_handlers(app: FastAPI) -> None:
    """Make every error of ``app`` use the one error shape."""

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        status, messages = _validation_messages(exc)
        return error_response(status, messages)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        detail = exc.detail
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no route {request.url.path!r}; the API is described at /openapi.json"
        elif exc.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path!r}"
        return error_response(exc.status_code, [str(detail)], headers=getattr(exc, "headers", None))

    @app.exception_handler(CommuniqueError)
    async def _domain(request: Request, exc: CommuniqueError) -> JSONResponse:
        status = status_of(exc)
        if status >= 500:
            LOGGER.error("%s %s failed: %s", request.method, request.url.path, exc)
        # Store errors name the database file as their source: not the client's business.
        message = f"[{exc.code}] {exc.message}" if isinstance(exc, StoreError) else str(exc)
        return error_response(status, [message])

    @app.exception_handler(sqlite3.OperationalError)
    async def _sqlite(request: Request, exc: sqlite3.OperationalError) -> JSONResponse:
        if "interrupted" in str(exc):
            return error_response(503, ["the query took too long and was stopped; narrow the filters"])
        LOGGER.exception("database error on %s %s", request.method, request.url.path)
        return error_response(500, ["database error; see the server log"])

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        LOGGER.exception("internal error on %s %s", request.method, request.url.path)
        return error_response(500, [f"internal error ({type(exc).__name__}); see the server log"])


class _TooLarge(HTTPException):
    """Raised while reading a body that passed the limit (FastAPI lets HTTPException through)."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, f"the request body is over {max_bytes:,} bytes; send a smaller page")


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``max_bytes`` with 413.

    A ``Content-Length`` over the limit is refused before any of the body is read; a
    chunked body is counted as it arrives and refused as soon as it passes the limit.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = error_response(
            413, [f"the request body is over {self.max_bytes:,} bytes; send a smaller page"]
        )
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await error_response(400, ["Content-Length is not a number"])(scope, receive, send)
                return
            if declared > self.max_bytes:
                await too_large(scope, receive, send)
                return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge(self.max_bytes)
            return message

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watch)
        except _TooLarge:
            if not started:
                await too_large(scope, receive, send)
