"""Write the API's OpenAPI document (the one the local stack serves at /openapi.json), no stack needed.

    .venv/bin/python scripts/openapi.py -o hromada-openapi.json [--server https://api.example.org]
    .venv/bin/openapi-python-client generate --path hromada-openapi.json --meta none --output-path hromada_client

It prints the operation count and the document's size.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "layers/common")]

from infra.docs import size_line, template_openapi  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", type=Path, help="where to write it (default: standard output)")
    parser.add_argument("--server", default=None, help="the API's base URL, written as the document's server")
    args = parser.parse_args()
    doc = template_openapi(args.server)
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    print(size_line(doc), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
