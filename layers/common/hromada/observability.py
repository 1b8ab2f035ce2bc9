"""One Logger and one Metrics per process.

Tracer is deliberately absent: it imports the X-Ray SDK (~+690 ms cold start, measured). Functions run
with `Tracing: Active`, so Lambda still records a segment per invocation without the SDK.
"""

from __future__ import annotations

import warnings

from aws_lambda_powertools import Logger, Metrics

from hromada.settings import get_settings

# Most requests record no metric; Powertools would warn on every one of them.
warnings.filterwarnings("ignore", message="No application metrics to publish")

logger = Logger()
# Explicit default: a namespace missing at flush time would turn a successful request into a 500.
metrics = Metrics(namespace=get_settings().metrics_namespace)
