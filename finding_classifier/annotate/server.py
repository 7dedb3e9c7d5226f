"""The local web app of ``findings annotate``: a Starlette application over one :class:`Session`.

Every request must carry the session token (``?token=`` on the page and its assets, the
``X-Findings-Token`` header on the API; writes take JSON only and the header only, so no page of
another site can send one). Report text is sent as JSON and put on the page with ``textContent``;
the Content-Security-Policy allows no inline script, so even a slip could not run one.
"""
from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
import socket
import tomllib
from importlib import resources

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..errors import FindingError
from ..schema import GUIDELINE_VERSION, LABELS
from .session import Session

TOKEN_HEADER = "x-findings-token"
MAX_BODY = 16 * 1024
ASSETS = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                               "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}
REFUSED = "refused: this page needs the session token of the URL that `findings annotate` printed\n"


def new_token() -> str:
    return secrets.token_urlsafe(24)


def rule_hints() -> dict:
    data = tomllib.loads(resources.files(__package__).joinpath("rules.toml").read_text(encoding="utf-8"))
    return {"version": data["guideline_version"], "rules": [{"n": r["n"], "hint": r["hint"]} for r in data["rule"]]}


def label_keys() -> list[dict]:
    """The keys that set each label: its number and its first letter (1/s, 2/a, 3/e)."""
    return [{"label": lab, "name": lab.replace("_", " "), "keys": [str(i + 1), lab[0]]} for i, lab in enumerate(LABELS)]


class TokenGate:
    """ASGI middleware: no request reaches the app without the token."""

    def __init__(self, app, token: str):
        self.app = app
        self.token = token.encode()

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            request = Request(scope)
            given = request.headers.get(TOKEN_HEADER)
            if given is None and request.method in ("GET", "HEAD"):
                given = request.query_params.get("token")
            if given is None or not hmac.compare_digest(given.encode(), self.token):
                await _secure(PlainTextResponse(REFUSED, status_code=403))(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _secure(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    return response


def _json(data, status: int = 200) -> Response:
    return _secure(JSONResponse(data, status_code=status))


def _error(message: str, status: int) -> Response:
    return _json({"error": message}, status)


def create_app(session: Session, token: str) -> TokenGate:
    static = resources.files(__package__).joinpath("static")
    page = static.joinpath("index.html").read_text(encoding="utf-8").replace("{{token}}", token)
    assets = {name: static.joinpath(name).read_bytes() for name in ASSETS}
    hints = rule_hints()

    async def index(request: Request) -> Response:
        return _secure(Response(page, media_type="text/html; charset=utf-8"))

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in assets:
            return _secure(PlainTextResponse("not found\n", status_code=404))
        return _secure(Response(assets[name], media_type=ASSETS[name]))

    async def state(request: Request) -> Response:
        return _json({
            "annotator": session.annotator,
            "order": session.order_name,
            "folder": str(session.folder),
            "labels": label_keys(),
            "rules": hints["rules"],
            "guideline_version": GUIDELINE_VERSION,
            "resume": session.resume_position(),
            "progress": session.progress(),
        })

    async def item(request: Request) -> Response:
        try:
            pos = int(request.query_params.get("pos", ""))
        except ValueError:
            return _error("pos must be a whole number", 400)
        if not 0 <= pos < session.total:
            return _error(f"no sentence at position {pos} (there are {session.total})", 404)
        return _json(session.item(pos))

    async def body(request: Request) -> dict | Response:
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return _error("send JSON (Content-Type: application/json)", 415)
        raw = await request.body()
        if len(raw) > MAX_BODY:
            return _error("request too large", 413)
        try:
            data = json.loads(raw or b"{}")
        except ValueError:
            return _error("invalid JSON", 400)
        return data if isinstance(data, dict) else _error("send a JSON object", 400)

    def _written(next_pos) -> Response:
        return _json({"next": next_pos, "progress": session.progress()})

    async def decide(request: Request) -> Response:
        data = await body(request)
        if isinstance(data, Response):
            return data
        label = data.get("label")
        if label not in LABELS:
            return _error(f"unknown label {label!r} (expected one of {', '.join(LABELS)})", 400)
        try:
            return _written(session.decide(data.get("report"), data.get("index"), label))
        except KeyError:
            return _error("no such sentence in this session", 404)
        except FindingError as exc:
            return _error(f"not saved: {exc}", 500)

    async def accept(request: Request) -> Response:
        data = await body(request)
        if isinstance(data, Response):
            return data
        try:
            return _written(session.accept(data.get("report"), data.get("index")))
        except KeyError:
            return _error("no such sentence in this session", 404)
        except FindingError as exc:
            return _error(f"not saved: {exc}", 500)

    async def undo(request: Request) -> Response:
        data = await body(request)
        if isinstance(data, Response):
            return data
        try:
            pos = session.undo()
        except FindingError as exc:
            return _error(f"not undone: {exc}", 500)
        return _json({"pos": pos, "progress": session.progress()})

    async def summary(request: Request) -> Response:
        return _json(session.summary().to_dict())

    async def not_found(request: Request, exc) -> Response:
        return _secure(PlainTextResponse("not found\n", status_code=getattr(exc, "status_code", 404)))

    app = Starlette(
        routes=[
            Route("/", index),
            Route("/static/{name}", asset),
            Route("/api/state", state),
            Route("/api/item", item),
            Route("/api/summary", summary),
            Route("/api/decide", decide, methods=["POST"]),
            Route("/api/accept", accept, methods=["POST"]),
            Route("/api/undo", undo, methods=["POST"]),
        ],
        exception_handlers={404: not_found, 405: not_found},
    )
    return TokenGate(app, token)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def listen(host: str, port: int) -> socket.socket:
    """A listening socket, bound before the slow work so that a busy port fails at once."""
    host = host.strip("[]")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if hasattr(socket, "SO_REUSEADDR"):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(64)
    except (OSError, OverflowError) as exc:
        sock.close()
        raise FindingError(f"cannot listen on {host}:{port}: {getattr(exc, 'strerror', None) or exc}") from None
    return sock


def url_for(sock: socket.socket, token: str) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={token}"


def make_server(app):
    """A uvicorn server for the app (serve it with ``.run(sockets=[sock])``; ``.should_exit = True`` stops it)."""
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", timeout_graceful_shutdown=2)
    return uvicorn.Server(config)


def run(app, sock: socket.socket) -> None:
    """Serve until Ctrl-C (or SIGTERM); every decision is already on disk when it returns."""
    import signal
    import threading

    main = threading.current_thread() is threading.main_thread()
    # uvicorn stops gracefully on SIGINT/SIGTERM, then raises the signal again for the previous
    # handler: make that a normal return (a stop is the ordinary end of a session, not an error).
    previous = signal.signal(signal.SIGTERM, _stopped) if main else None
    try:
        make_server(app).run(sockets=[sock])
    except (KeyboardInterrupt, _Stopped):
        pass
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)


class _Stopped(Exception):
    pass


def _stopped(signum, frame):
    raise _Stopped
