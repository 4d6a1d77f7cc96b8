"""Dashboard pages: static HTML shells filled by ``static/app.js`` from the JSON API.

Pages carry no data of their own, so no article text is ever put into HTML by the server; the
browser builds the DOM with ``textContent``. Plotly's JS is served from the installed plotly
package (no CDN).
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse
from starlette.staticfiles import StaticFiles

from herald.errors import HeraldError

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

# (path, template, nav label, page title)
PAGES = [
    ("/", "overview", "Overview", "Overview"),
    ("/events", "events", "Events", "Events"),
    ("/dyad", "dyad", "Dyads", "Dyad"),
    ("/network", "network", "Network", "Actor network"),
    ("/quotes", "quotes", "Quotes", "Quotes by speaker"),
    ("/code", "code", "Code an article", "Code an article"),
    ("/sql", "sql", "SQL", "Read-only SQL"),
]

router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=32)
def _template(name: str) -> str:
    return (TEMPLATES / f"{name}.html").read_text(encoding="utf-8")


def render(page: str, title: str) -> str:
    """The page ``page`` inside the layout, with the nav bar marking it."""
    nav = "\n".join(
        f'<a href="{path}" class="{"active" if name == page else ""}">{html.escape(label)}</a>'
        for path, name, label, _ in PAGES
    )
    return (_template("base")
            .replace("{{title}}", html.escape(title))
            .replace("{{page}}", page)
            .replace("{{nav}}", nav)
            .replace("{{body}}", _template(page)))


def _page_route(path: str, name: str, title: str) -> None:
    def view() -> HTMLResponse:
        return HTMLResponse(render(name, title))

    router.add_api_route(path, view, methods=["GET"], response_class=HTMLResponse, name=name)


for _path, _name, _label, _title in PAGES:
    _page_route(_path, _name, _title)


def plotly_js_path() -> Path:
    """plotly.min.js inside the installed plotly package."""
    try:
        import plotly
    except ImportError:
        raise HeraldError("the dashboard charts need the plotly package: pip install plotly") from None
    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.exists():
        raise HeraldError(f"plotly.min.js not found at {path}; reinstall plotly")
    return path


@router.get("/static/vendor/plotly.min.js")
def plotly_js() -> FileResponse:
    return FileResponse(plotly_js_path(), media_type="text/javascript",
                        headers={"Cache-Control": "public, max-age=86400"})


def static_app() -> StaticFiles:
    return StaticFiles(directory=STATIC)
