"""The open-data export: run by a schedule once a day (and on the local stack at start and from the dev page), it
publishes the public directory, events and election results as JSON, CSV and datapackage.json."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

from functools import cache
from typing import Any

from hromada.coldstart import init_done
from hromada.domain.open_data_export import OpenDataExport
from hromada.observability import logger, metrics
from hromada.open_data_files import S3OpenDataFiles
from hromada.settings import get_settings
from hromada.store.client import dynamodb
from hromada.store.open_data import DynamoOpenDataSource


@cache
def export() -> OpenDataExport:
    return OpenDataExport(DynamoOpenDataSource(), S3OpenDataFiles(), get_settings().public_web_url)


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics(raise_on_empty_metrics=False)
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    run = export().run()
    logger.info("open data exported", extra={"prefix": run.prefix, "written": run.written, "rows": run.rows})
    metrics.add_metric(name="OpenDataRows", unit="Count", value=sum(run.rows.values()))
    return {"prefix": run.prefix, "written": run.written, "rows": run.rows}


dynamodb()
init_done()
