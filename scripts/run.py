"""`make run`: the whole platform on this machine, with demo data. Ctrl-C stops it cleanly."""

from __future__ import annotations

import faulthandler
import os
import signal
import sys
import threading
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[1] / "layers/common")]
os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")

from infra.demo import ACCOUNTS, seed  # noqa: E402
from infra.stack import LocalStack  # noqa: E402
from infra.template import parse_overrides  # noqa: E402
from infra.users import LOCAL_TOTP_SECRET, STAFF_GROUPS  # noqa: E402


def main() -> None:
    faulthandler.register(signal.SIGUSR1)  # `kill -USR1 <pid>` prints every thread's stack
    stack = LocalStack(port=int(os.environ.get("PORT", "3000")),
                       moto_port=int(os.environ.get("MOTO_PORT", "0")) or None,
                       parameters=parse_overrides(os.environ.get("PARAMETER_OVERRIDES"))).start()
    info = stack.info()
    result = seed(info)
    stack.schedules.run_now("OpenDataFunction")  # the daily export, once at start: the open-data page links to it
    # The helper commands find the stack by the same variable: say so when it moved.
    moved = f"HROMADA_STATE_DIR={stack.state_dir} " if os.environ.get("HROMADA_STATE_DIR") else ""
    print(f"""
Hromada is running.

  Web client     {info['api_url']}/
  API            {info['api_url']}   (e.g. {info['api_url']}/associations)
  API docs       {info['api_url']}/docs   (OpenAPI: {info['api_url']}/openapi.json)
  Dev mailbox    {info['mailbox_url']}   (every mail sent; buttons run the digests and reminders now)
  AWS (moto)     {info['aws_endpoint']}   region {info['region']}
  Stack file     {stack.state_dir / 'local.json'}

Demo accounts (e-mail / password):""")
    for role, account in ACCOUNTS.items():
        staff = "   + TOTP code (two-step verification)" if STAFF_GROUPS & set(account.groups) else ""
        print(f"  {role:<10} {account.email:<26} {account.password}{staff}")
    print(f"""
Staff sign in with a TOTP code: authenticator key {LOCAL_TOTP_SECRET}, or the code now with
  .venv/bin/python -m infra.totp {LOCAL_TOTP_SECRET}""")
    print(f"""
{len(result['associations'])} demo associations loaded.
Token for curl:  {moved}.venv/bin/python scripts/auth_token.py member@hromada.test
Run a schedule:  {moved}.venv/bin/python -m infra.schedules run MailPlannerFunction.WeeklyDigest
Press Ctrl-C to stop.""", flush=True)

    stopped = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stopped.set())
    # Wake up now and then: a signal the kernel hands to another thread only runs its Python handler
    # when the main thread next executes bytecode.
    while not stopped.wait(0.5):
        pass
    print("\nStopping…", flush=True)
    stack.stop()


if __name__ == "__main__":
    main()
