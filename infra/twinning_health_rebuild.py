"""Rebuild the twinning health figures from the items themselves (admin maintenance: the one Scan).

The counters are kept by every write since they exist; items written before that (or a repair) need this
once. Run it in a quiet moment (right after deploying, before traffic): a write landing between the Scan
and the rewrite would be lost from the figures until its item changes again.

    python -m infra.twinning_health_rebuild                       the running local stack
    python -m infra.twinning_health_rebuild --table NAME          a deployed table (AWS credentials as usual)
"""

from __future__ import annotations

import argparse
import json

import boto3

from hromada.store.twinning_health_rebuild import rebuild


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", help="a deployed table; default: the running local stack's")
    args = parser.parse_args()
    if args.table:
        client, table = boto3.client("dynamodb"), args.table
    else:
        from infra.state import state_dir

        info = json.loads((state_dir() / "local.json").read_text())
        client = boto3.client("dynamodb", endpoint_url=info["aws_endpoint"], region_name=info["region"],
                              aws_access_key_id="local", aws_secret_access_key="local")
        table = info["table_name"]
    print(json.dumps(rebuild(client, table)))


if __name__ == "__main__":
    main()
