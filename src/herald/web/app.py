"""The FastAPI app: API, dashboard pages, one JSON error shape, body-size and host limits.

``create_app(db_path, token)`` builds the app (tests use it with Starlette's test client);
``serve(db_path, host, port, token)`` runs it with uvicorn, as ``herald serve`` and the end of
``herald demo`` do.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import secrets
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from herald import __version__
from herald.errors import HeraldError
from herald.store.ingest import Coder
from herald.web.access import StoreAccess
from herald.web.api import ApiError
from herald.web.api import router as api_router
from herald.web.pages import router as pages_router
from herald.web.pages import static_app

log = logging.getLogger("herald.web")

MAX_BODY = 2 * 1024 * 1024
CODE_CHARS = 100_000
SQL_SECONDS = 5.0
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass
class Settings:
    """Limits and switches of one app."""

    model: str | None = None
    max_body: int = MAX_BODY
    code_chars: int = CODE_CHARS
    sql_seconds: float = SQL_SECONDS
    local: bool = True  # bound to a loopback address: /api/code needs no token


def error_body(status: int, message: str) -> dict[str, Any]:
    """The one error shape of the API."""
    return {"error": {"status": status, "message": message}}


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message), status_code=status, headers=headers)


class LimitsMiddleware:
    """Refuses bodies over ``max_body`` bytes (413) and, when ``hosts`` is given, requests whose
    Host header names another host (400): a page on another site cannot reach a localhost server
    through DNS rebinding."""

    def __init__(self, app: ASGIApp, max_body: int, hosts: tuple[str, ...] | None) -> None:
        self.app = app
        self.max_body = max_body
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if self.hosts is not None:
            host = headers.get("host", "")
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in self.hosts:
                await _error(400, f"unexpected Host header {host!r}; open the address the "
                                  "server printed")(scope, receive, send)
                return
        too_big = _error(413, f"request body too large: the limit is {self.max_body} bytes")
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            await too_big(scope, receive, send)
            return
        if scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        # Read the body here, counting, so a body without Content-Length (chunked) is held to
        # the same limit before any route starts parsing it; 2 MB fits in memory.
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_body:
                await too_big(scope, receive, send)
                return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class SecurityHeaders:
    """A strict Content-Security-Policy on the dashboard: scripts only from this server, so
    text that slipped through as markup still could not run. (/docs and /redoc start their
    viewers with an inline script, so they are left out; their scripts come from the
    fastapi-offline package, served here, not from a CDN.)"""

    CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
           "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
           "frame-ancestors 'none'; form-action 'self'")

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(("/docs", "/redoc")):
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", self.CSP.encode()),
                            (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"),
                            (b"x-frame-options", b"DENY")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    db_path: str | Path,
    token: str | None = None,
    *,
    model: str | None = None,
    coder: Coder | None = None,
    max_body: int = MAX_BODY,
    code_chars: int = CODE_CHARS,
    sql_seconds: float = SQL_SECONDS,
    local: bool = True,
    allowed_hosts: tuple[str, ...] | None = None,
) -> FastAPI:
    """The herald web app over the store at ``db_path`` (created empty when missing).

    ``token`` guards POST /api/articles (a random one is made when None: read it from
    ``app.state.token``). ``coder`` replaces the pipeline (tests); ``local`` says the server is
    reachable from this machine only, so /api/code needs no token; ``allowed_hosts`` limits the
    Host header (DNS-rebinding guard).
    """
    # FastAPIOffline serves the /docs and /redoc pages' scripts from the package, not a CDN
    app = FastAPIOffline(
        title="herald",
        version=__version__,
        description="Political event data coded from news articles: events, dyads, alerts, "
        "actors, quotes; read-only SQL; coding and ingest. Errors are "
        '`{"error": {"status": N, "message": "..."}}`.',
    )
    store = StoreAccess(db_path)
    store.ensure()
    app.state.store = store
    app.state.token = token or secrets.token_urlsafe(24)
    app.state.coder = coder
    app.state.settings = Settings(model, max_body, code_chars, sql_seconds, local)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _error(exc.status, exc.message, headers)

    @app.exception_handler(HeraldError)
    async def herald_error(request: Request, exc: HeraldError) -> JSONResponse:
        return _error(400, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such path: {request.url.path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return _error(exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, "; ".join(_describe(e) for e in exc.errors()[:5]))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        # Logged on the server with its traceback; the client gets no internals.
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        return _error(500, "internal error: the server log has the details")

    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", static_app(), name="static")
    app.add_middleware(SecurityHeaders)
    app.add_middleware(LimitsMiddleware, max_body=max_body, hosts=allowed_hosts)
    return app


def _describe(err: dict[str, Any]) -> str:
    loc = [str(x) for x in err.get("loc", ())]
    where = {"query": "query parameter", "path": "path parameter", "body": "body",
             "header": "header"}.get(loc[0], loc[0]) if loc else "request"
    name = ".".join(loc[1:])
    msg = err.get("msg", "invalid")
    if err.get("type") == "missing":
        return f"{where} {name!r} is required".replace(" ''", "")
    return f"{where} {name!r}: {msg}".replace(" ''", "")


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost."""
    if host.strip("[]") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    db_path: str | Path = "herald.duckdb",
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    *,
    model: str | None = None,
    log_level: str = "warning",
) -> int:
    """Serve the API and dashboard until interrupted; prints the address (and a generated token).

    Binding to an address other than loopback needs a token (argument or ``HERALD_TOKEN``).
    """
    import uvicorn

    token = token or os.environ.get("HERALD_TOKEN") or None
    local = is_loopback(host)
    if not local and not token:
        raise HeraldError(
            f"refusing to listen on {host} without a token: anyone who can reach it could add "
            "articles. Set HERALD_TOKEN (or --token) or keep the default --host 127.0.0.1"
        )
    _check_port(host, port)
    generated = token is None
    app = create_app(db_path, token, model=model, local=local,
                     allowed_hosts=(*LOOPBACK_NAMES, host) if local else None)
    shown = f"[{host}]" if ":" in host else host
    print(f"herald: serving {db_path} at http://{shown}:{port}/  (API docs: /docs; Ctrl-C stops)",
          flush=True)
    if generated:
        print(f"herald: token for POST /api/articles: {app.state.token}  "
              "(set HERALD_TOKEN to choose one)", flush=True)
    print(f"herald: while serving, this server owns {db_path}: add articles through "
          "POST /api/articles (`herald ingest` on the same file waits for the lock, then fails)",
          file=sys.stderr, flush=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level=log_level)
    finally:
        app.state.store.close()
    return 0


def _check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host.strip("[]"), port))
        except OSError as e:
            raise HeraldError(f"cannot listen on {host}:{port}: {e.strerror}; choose another "
                              "--port") from None
