"""One Logger and one Metrics per process.

Tracer is deliberately absent: it imports the X-Ray SDK (~+690 ms cold start, measured). Functions run
with `Tracing: Active`, so Lambda still records a segment per invocation without the SDK.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger, Metrics

from hromada.settings import get_settings

# Most requests record no metric; Powertools would warn on every one of them.
warnings.filterwarnings("ignore", message="No application metrics to publish")

logger = Logger()
# Explicit default: a namespace missing at flush time would turn a successful request into a 500.
metrics = Metrics(namespace=get_settings().metrics_namespace)


def batch_handler(processor: Any, record_handler: Callable[[Any], Any]) -> Callable[[dict[str, Any], Any], Any]:
    """The Lambda handler of a batch function (SQS, DynamoDB stream): each record to `record_handler`, the
    failed ones reported back for retry; logged and measured like every function."""
    from aws_lambda_powertools.utilities.batch import process_partial_response  # loaded by batch functions only

    @logger.inject_lambda_context(clear_state=True)
    @metrics.log_metrics(raise_on_empty_metrics=False)
    def lambda_handler(event: dict[str, Any], context: Any) -> Any:
        return process_partial_response(event=event, record_handler=record_handler, processor=processor,
                                        context=context)

    return lambda_handler
