"""Print a Cognito ID token for curl against the running local stack.

    .venv/bin/python scripts/auth_token.py member@hromada.test            # a demo account
    .venv/bin/python scripts/auth_token.py new@example.org 'Passw0rd-long' --create [--group moderators]
    .venv/bin/python scripts/auth_token.py admin@hromada.test --code   # the TOTP code to type in the web form
Staff (moderators, admins) sign in with a TOTP second factor: created with --group they are enrolled, and
the SOFTWARE_TOKEN_MFA challenge is answered with a code of the local key (infra.users.LOCAL_TOTP_SECRET).
    curl -H "Authorization: Bearer $(.venv/bin/python scripts/auth_token.py owner@hromada.test)" :3000/me
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "layers/common")]

from infra import totp  # noqa: E402
from infra.demo import ACCOUNTS  # noqa: E402
from infra.state import state_dir  # noqa: E402
from infra.users import LOCAL_TOTP_SECRET, Account, Users  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("email")
    parser.add_argument("password", nargs="?")
    parser.add_argument("--create", action="store_true", help="create the user first (e-mail verified)")
    parser.add_argument("--group", action="append", default=[], choices=["admins", "moderators"])
    parser.add_argument("--name", default=None)
    parser.add_argument("--totp-secret", default=LOCAL_TOTP_SECRET, help="the account's authenticator key")
    parser.add_argument("--code", action="store_true", help="print the current TOTP code, not a token")
    args = parser.parse_args()
    if args.code:
        print(totp.code(args.totp_secret))
        return 0
    state = state_dir() / "local.json"
    if not state.exists():
        moved = os.environ.get("HROMADA_STATE_DIR")
        where = f"HROMADA_STATE_DIR={moved} ({state.parent})" if moved else f"{state.parent}"
        print(f"No local stack at {where}: start it with `make run`; if it was started with HROMADA_STATE_DIR, "
              "set the same here.", file=sys.stderr)
        return 1
    users = Users.from_info(json.loads(state.read_text()))
    demo = {a.email: a for a in ACCOUNTS.values()}
    password = args.password or (demo[args.email].password if args.email in demo else None)
    if not password:
        print("Give a password (demo accounts: " + ", ".join(demo) + ").", file=sys.stderr)
        return 2
    if args.create:
        users.ensure(Account(args.email, password, args.name or args.email.split("@")[0], tuple(args.group)))
    print(users.sign_in(args.email, password, totp_secret=args.totp_secret)["IdToken"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
