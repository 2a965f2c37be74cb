"""The interactive API documentation, served entirely from this service.

People paste Bearer keys into this page, so it loads nothing from elsewhere: Swagger UI's
files come from the ``swagger-ui-bundle-v2`` package, the page's own script is a file
rather than inline, and a Content-Security-Policy lets the page run only those.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse, Response

from api.problems import Problem

DOCS_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'none'"
)
ASSETS = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "favicon-32x32.png": "image/png",
}
PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} — API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<link rel="icon" href="/docs/assets/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/start.js"></script>
</body>
</html>
"""
START = """window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
};
"""


def swagger_ui_files() -> Path | None:
    """Where the installed Swagger UI's files are (None if the package is not installed)."""
    try:
        bundle = importlib.import_module("swagger_ui_bundle")
    except ImportError:
        return None
    return Path(str(bundle.swagger_ui_path))


def install_docs(app: FastAPI) -> bool:
    """Adds ``/docs`` when Swagger UI's files are installed; says whether it did."""
    files = swagger_ui_files()
    if files is None:
        return False
    policy = {"Content-Security-Policy": DOCS_POLICY}

    @app.get("/docs", include_in_schema=False)
    def docs_page() -> HTMLResponse:
        return HTMLResponse(PAGE.format(title=app.title), headers=policy)

    @app.get("/docs/start.js", include_in_schema=False)
    def docs_start() -> Response:
        return Response(START, media_type="text/javascript", headers=policy)

    @app.get("/docs/assets/{name}", include_in_schema=False)
    def docs_asset(name: str) -> FileResponse:
        if name not in ASSETS:
            raise Problem(404, "not-found", f"No documentation asset named {name!r}.")
        return FileResponse(files / name, media_type=ASSETS[name], headers=policy)

    return True
