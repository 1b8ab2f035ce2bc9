"""Randomness that must differ between Lambda environments restored from one SnapStart snapshot.

Every function is published with SnapStart: the module-level `random` generator is seeded once, at
init, and that state is in the snapshot, so every environment restored from it draws the same
"random" backoffs (retries collide again in lockstep). Jitter here comes from the operating system
(`SystemRandom`, os.urandom), which the snapshot does not hold. The module-level generator, which
libraries use (botocore's retry jitter), is re-seeded after each restore where the runtime offers the
hook (`snapshot_restore_py`, part of Lambda's managed Python runtimes; absent elsewhere).
"""

from __future__ import annotations

import random

_system = random.SystemRandom()


def uniform(low: float, high: float) -> float:
    return _system.uniform(low, high)


def reseed() -> None:
    random.seed()  # from os.urandom: each restored environment gets its own sequence


def register_restore_hook() -> bool:
    try:
        from snapshot_restore_py import register_after_restore  # type: ignore[import-not-found]
    except ImportError:
        return False
    register_after_restore(reseed)
    return True


RESTORE_HOOK = register_restore_hook()
