"""Background threads of the local stack (timers, pollers): daemons started one by one, stopped together."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass
class BackgroundThreads:
    # Keyword-only, so the classes built on it keep their own positional fields first.
    stopping: threading.Event = field(default_factory=threading.Event, kw_only=True)
    threads: list[threading.Thread] = field(default_factory=list, kw_only=True)
    join_timeout: ClassVar[float] = 10

    def spawn(self, target: Callable[..., Any], *args: Any, name: str) -> None:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        thread.start()
        self.threads.append(thread)

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=self.join_timeout)
