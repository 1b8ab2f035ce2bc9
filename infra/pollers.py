"""SQS event sources, run locally: what Lambda's event source mappings do for the functions that declare
`Type: SQS` events in template.yaml (receive a batch, invoke, delete what succeeded, report the rest).

Failed records stay on the queue until their visibility timeout ends (or the timeout the function set),
and moto moves them to the dead-letter queue after the redrive policy's maxReceiveCount, as SQS does.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from infra.template import Template

log = logging.getLogger("hromada.pollers")
IDLE_PAUSE = 0.2  # seconds between polls of an empty queue
LOCAL_CONCURRENCY = 3  # batches of one queue in flight at once (the mapping's ScalingConfig if lower)


@dataclass(frozen=True)
class SqsSource:
    function: str
    queue: str  # logical id
    batch_size: int
    partial_failures: bool
    concurrency: int = 1  # pollers at once, as Lambda runs several batches in parallel


def sqs_sources(template: Template) -> list[SqsSource]:
    found = []
    for name, function in template.of_type("AWS::Serverless::Function").items():
        for event in ((function.get("Properties") or {}).get("Events") or {}).values():
            if event.get("Type") != "SQS":
                continue
            props = event.get("Properties") or {}
            arn = props.get("Queue")
            queue = arn["Fn::GetAtt"][0] if isinstance(arn, dict) and "Fn::GetAtt" in arn else None
            if isinstance(arn, dict) and isinstance(arn.get("Fn::GetAtt"), str):
                queue = arn["Fn::GetAtt"].split(".", 1)[0]
            if queue:
                # Lambda bounds the batches in flight by the event source's MaximumConcurrency.
                bound = (props.get("ScalingConfig") or {}).get("MaximumConcurrency")
                found.append(SqsSource(name, queue, int(props.get("BatchSize", 10)),
                                       "ReportBatchItemFailures" in (props.get("FunctionResponseTypes") or []),
                                       min(LOCAL_CONCURRENCY, int(bound or LOCAL_CONCURRENCY))))
    return found


def sqs_event(messages: list[dict[str, Any]], arn: str, region: str) -> dict[str, Any]:
    return {"Records": [{
        "messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"], "body": m["Body"],
        "attributes": m.get("Attributes", {}), "messageAttributes": m.get("MessageAttributes", {}),
        "md5OfBody": m.get("MD5OfBody", ""), "eventSource": "aws:sqs", "eventSourceARN": arn, "awsRegion": region,
    } for m in messages]}


@dataclass
class Pollers:
    template: Template
    invoke: Callable[[str, dict[str, Any]], Any]
    client: Any
    stopping: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)
    busy: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> Pollers:
        for source in sqs_sources(self.template):
            for number in range(source.concurrency):
                thread = threading.Thread(target=self._loop, args=(source,), name=f"sqs {source.function} {number}",
                                          daemon=True)
                thread.start()
                self.threads.append(thread)
        return self

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=10)

    def poll_once(self, source: SqsSource) -> int:
        attributes = self.template.attributes[source.queue]
        response = self.client.receive_message(QueueUrl=attributes["QueueUrl"],
                                               MaxNumberOfMessages=min(10, source.batch_size), WaitTimeSeconds=0,
                                               AttributeNames=["All"], MessageAttributeNames=["All"])
        messages = response.get("Messages", [])
        if not messages:
            return 0
        with self._lock:
            self.busy[source.queue] = self.busy.get(source.queue, 0) + 1
        try:
            try:
                result = self.invoke(source.function, sqs_event(messages, attributes["Arn"], self.template.region))
            except Exception:  # the whole batch returns after its visibility timeout, as with Lambda
                log.exception("%s failed on a batch of %d", source.function, len(messages))
                return len(messages)
            failed = {f["itemIdentifier"] for f in (result or {}).get("batchItemFailures", [])} \
                if source.partial_failures else set()
            done = [m for m in messages if m["MessageId"] not in failed]
            if done:
                self.client.delete_message_batch(QueueUrl=attributes["QueueUrl"], Entries=[
                    {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(done)])
            return len(messages)
        finally:
            with self._lock:
                self.busy[source.queue] -= 1

    def _loop(self, source: SqsSource) -> None:
        # Short polls and a local pause: the local moto serves one request at a time, so a long poll
        # (WaitTimeSeconds) would hold every other AWS call of the stack back.
        while not self.stopping.is_set():
            try:
                if not self.poll_once(source):
                    self.stopping.wait(IDLE_PAUSE)
            except Exception:
                log.exception("polling %s failed", source.queue)
                self.stopping.wait(1)
