"""Event sources, run locally: what Lambda's event source mappings do for the functions that declare
`Type: SQS` events in template.yaml (receive a batch, invoke, delete what succeeded, report the rest), and
`Type: DynamoDB` events (read the table's stream, filter, invoke, retry from the first failed record).

Failed records stay on the queue until their visibility timeout ends (or the timeout the function set),
and moto moves them to the dead-letter queue after the redrive policy's maxReceiveCount, as SQS does.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from infra.template import Template
from infra.threads import BackgroundThreads

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


def events_of(template: Template, kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(function, event properties) of every function event of this `Type` (SQS, DynamoDB...)."""
    for name, function in template.of_type("AWS::Serverless::Function").items():
        for event in ((function.get("Properties") or {}).get("Events") or {}).values():
            if event.get("Type") == kind:
                yield name, event.get("Properties") or {}


def sqs_sources(template: Template) -> list[SqsSource]:
    found = []
    for name, props in events_of(template, "SQS"):
        queue = _logical(props.get("Queue"))
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
class Pollers(BackgroundThreads):
    template: Template
    invoke: Callable[[str, dict[str, Any]], Any]
    client: Any
    busy: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> Pollers:
        for source in sqs_sources(self.template):
            for number in range(source.concurrency):
                self.spawn(self._loop, source, name=f"sqs {source.function} {number}")
        return self

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


# ---------------------------------------------------------------- DynamoDB streams
STREAM_RETRY_PAUSE = 0.2  # seconds, times the attempt (Lambda backs off too), at most 2 s locally


@dataclass(frozen=True)
class StreamSource:
    """A `Type: DynamoDB` event of a function: its table's stream, filters, retries and failure queue."""

    function: str
    table: str  # logical id
    batch_size: int
    partial_failures: bool
    bisect: bool
    max_retries: int
    filters: tuple[Any, ...]
    on_failure_queue: str | None  # logical id of an SQS destination


def _logical(value: Any) -> str | None:
    if isinstance(value, dict) and "Fn::GetAtt" in value:
        target = value["Fn::GetAtt"]
        return target[0] if isinstance(target, list) else str(target).split(".", 1)[0]
    return None


def stream_sources(template: Template) -> list[StreamSource]:
    import json

    found = []
    for name, props in events_of(template, "DynamoDB"):
        table = _logical(props.get("Stream"))
        if not table:
            continue
        filters = tuple(json.loads(f["Pattern"]) for f in (props.get("FilterCriteria") or {}).get("Filters", []))
        failure = ((props.get("DestinationConfig") or {}).get("OnFailure") or {}).get("Destination")
        found.append(StreamSource(name, table, int(props.get("BatchSize", 100)),
                                  "ReportBatchItemFailures" in (props.get("FunctionResponseTypes") or []),
                                  bool(props.get("BisectBatchOnFunctionError")),
                                  int(props.get("MaximumRetryAttempts", 10)), filters, _logical(failure)))
    return found


def matches(pattern: Any, value: Any) -> bool:
    """Lambda's event filtering (the EventBridge pattern syntax): exact values and prefixes, nested keys."""
    if isinstance(pattern, dict):
        return isinstance(value, dict) and all(key in value and matches(sub, value[key])
                                               for key, sub in pattern.items())
    if isinstance(pattern, list):
        return any(_choice(choice, value) for choice in pattern)
    return pattern == value


def _choice(choice: Any, value: Any) -> bool:
    if isinstance(choice, dict) and "prefix" in choice:
        return isinstance(value, str) and value.startswith(choice["prefix"])
    return choice == value


@dataclass
class StreamPollers(BackgroundThreads):
    """What Lambda's event source mappings do for `Type: DynamoDB` events: read each shard in order, keep
    the records the filters pass, invoke in batches; a failed batch is retried from its first failed record
    (halved when the function raised and BisectBatchOnFunctionError is set), and after MaximumRetryAttempts
    it is described on the OnFailure queue and skipped, as Lambda does."""

    template: Template
    invoke: Callable[[str, dict[str, Any]], Any]
    streams: Any  # a dynamodbstreams client
    sqs: Any
    paused: threading.Event = field(default_factory=threading.Event)  # tests hold the relay back with it

    def start(self) -> StreamPollers:
        for source in stream_sources(self.template):
            arn = self.template.attributes.get(source.table, {}).get("StreamArn")
            if not arn:
                log.warning("%s: table %s has no stream locally", source.function, source.table)
                continue
            self.spawn(self._loop, source, arn, name=f"stream {source.function}")
        return self

    def _loop(self, source: StreamSource, arn: str) -> None:
        iterators: dict[str, str | None] = {}
        while not self.stopping.is_set():
            if self.paused.is_set():
                self.stopping.wait(IDLE_PAUSE)
                continue
            try:
                for shard in self.streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
                    if shard["ShardId"] not in iterators:
                        iterators[shard["ShardId"]] = self.streams.get_shard_iterator(
                            StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
                busy = False
                for shard_id, iterator in list(iterators.items()):
                    if iterator is None:
                        continue
                    response = self.streams.get_records(ShardIterator=iterator, Limit=1000)
                    iterators[shard_id] = response.get("NextShardIterator")
                    records = [dict(r, eventSourceARN=arn) for r in response.get("Records", [])
                               if not source.filters or any(matches(f, r) for f in source.filters)]
                    busy = busy or bool(records)
                    for start in range(0, len(records), source.batch_size):
                        self._deliver(source, arn, shard_id, records[start:start + source.batch_size])
                if not busy:
                    self.stopping.wait(IDLE_PAUSE)
            except Exception:
                log.exception("reading the stream of %s failed", source.table)
                self.stopping.wait(1)

    def _deliver(self, source: StreamSource, arn: str, shard_id: str, batch: list[dict[str, Any]]) -> None:
        attempt = 0
        while batch and not self.stopping.is_set():
            try:
                result = self.invoke(source.function, {"Records": batch})
                failed = [f["itemIdentifier"] for f in (result or {}).get("batchItemFailures", [])] \
                    if source.partial_failures else []
                if not failed:
                    return
                sequences = [r["dynamodb"]["SequenceNumber"] for r in batch]
                batch = batch[min(sequences.index(s) for s in failed if s in sequences):] \
                    if any(s in sequences for s in failed) else batch
            except Exception:
                log.exception("%s failed on a batch of %d stream records", source.function, len(batch))
                if source.bisect and len(batch) > 1:
                    half = len(batch) // 2
                    self._deliver(source, arn, shard_id, batch[:half])
                    self._deliver(source, arn, shard_id, batch[half:])
                    return
            attempt += 1
            if attempt > source.max_retries:
                self._give_up(source, arn, shard_id, batch, attempt)
                return
            self.stopping.wait(min(2.0, STREAM_RETRY_PAUSE * attempt))

    def _give_up(self, source: StreamSource, arn: str, shard_id: str, batch: list[dict[str, Any]],
                 attempts: int) -> None:
        import json

        log.error("%s: %d stream records given up after %d attempts", source.function, len(batch), attempts)
        if not source.on_failure_queue:
            return
        sequences = [r["dynamodb"]["SequenceNumber"] for r in batch]
        # The shape Lambda sends to an OnFailure destination: where the records are, not the records.
        body = {"requestContext": {"condition": "RetryAttemptsExhausted", "approximateInvokeCount": attempts,
                                   "functionArn": f"arn:aws:lambda:{self.template.region}:123456789012:function:"
                                                  f"{source.function}"},
                "DDBStreamBatchInfo": {"shardId": shard_id, "startSequenceNumber": sequences[0],
                                       "endSequenceNumber": sequences[-1], "batchSize": len(batch),
                                       "streamArn": arn}}
        queue = self.template.attributes[source.on_failure_queue]["QueueUrl"]
        self.sqs.send_message(QueueUrl=queue, MessageBody=json.dumps(body))
