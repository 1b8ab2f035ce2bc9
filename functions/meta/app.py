"""Liveness and reference data. Touches no table, so it stays cheap to start."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

from typing import Any

from aws_lambda_powertools.event_handler import Response

from hromada import api
from hromada.coldstart import init_done
from hromada.reference.geography import catalogue
from hromada.settings import get_settings

app = api.create_app()


@app.get("/health", tags=["meta"], summary="Liveness")
def health() -> dict[str, Any]:
    return {"status": "ok", "stage": get_settings().stage}


@app.get("/regions", tags=["meta"],
         summary="French regions and departments, Ukrainian oblasts, with names in fr/uk/en")
def regions() -> Response[dict[str, Any]]:
    return Response(200, "application/json", catalogue(), headers={"Cache-Control": "public, max-age=86400"})


lambda_handler = api.make_handler(app)
init_done()
