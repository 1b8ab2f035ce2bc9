"""An invocation's remaining time, for follow-ups that loop over sets of any size: before each step, is there
room for another as long as the slowest so far, plus a margin to put the rest back on the queue? A step is
only started when there is, so a follow-up stops between steps instead of being cut off by its timeout (which
would count as a failed receive and, after a few, leave it unfinished in the dead-letter queue)."""

from __future__ import annotations

from collections.abc import Callable

MARGIN_SECONDS = 5.0  # kept at the end of an invocation to put the rest back on the queue


class OutOfTime(Exception):  # a pause, not an error: the caller continues later
    """Stopped between two steps, the rest left for another invocation; `done` steps were finished."""

    def __init__(self, done: int) -> None:
        super().__init__(f"stopped after {done} steps")
        self.done = done


class TimeBudget:
    """`time_left` gives the invocation's remaining seconds (Lambda's context, or a fake in tests)."""

    def __init__(self, time_left: Callable[[], float], margin: float = MARGIN_SECONDS) -> None:
        self.time_left = time_left
        self.margin = margin
        self.slowest = 0.0
        self._started: float | None = None

    @classmethod
    def of(cls, context: object | None, margin: float = MARGIN_SECONDS) -> TimeBudget | None:
        """The budget of a Lambda context; None without one (a direct call: no limit)."""
        remaining = getattr(context, "get_remaining_time_in_millis", None)
        return None if remaining is None else cls(lambda: remaining() / 1000, margin)

    def start_step(self, done: int) -> None:
        """Raises OutOfTime when another step like the slowest so far would not fit."""
        left = self.time_left()
        if self._started is not None:
            self.slowest = max(self.slowest, self._started - left)
        if left < self.margin + self.slowest:
            raise OutOfTime(done)
        self._started = left
