"""herald's web layer: a FastAPI app with a JSON API and a dashboard over one event store.

``create_app(db_path, token)`` builds the app; ``serve(db_path, host, port, token)`` runs it
(``herald serve``, and the end of ``herald demo``). See docs/web.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["create_app", "serve"]


def create_app(db_path: str | Path, token: str | None = None, **options: Any) -> Any:
    """The FastAPI app over the store at ``db_path`` (see :func:`herald.web.app.create_app`)."""
    from herald.web.app import create_app as _create

    return _create(db_path, token, **options)


def serve(db_path: str | Path = "herald.duckdb", host: str = "127.0.0.1", port: int = 8000,
          token: str | None = None, **options: Any) -> int:
    """Serve the API and dashboard until interrupted (see :func:`herald.web.app.serve`)."""
    from herald.web.app import serve as _serve

    return _serve(db_path, host, port, token, **options)
