#!/usr/bin/env python3
"""Reads a TMX file with Translate Toolkit (PyPI translate-toolkit) and prints what it sees as
JSON: {"units": N, "pairs": [[source, target], ...]}. Used by the interop test and the
benchmark to show that other tools load what `tmkit tm export` writes.

Exit code 3 when Translate Toolkit is not installed (the test skips then, outside CI)."""
import json
import sys

try:
    from translate.storage import tmx
except ImportError:
    print("translate-toolkit is not installed (pip install translate-toolkit)", file=sys.stderr)
    sys.exit(3)

with open(sys.argv[1], "rb") as handle:
    store = tmx.tmxfile(handle)
pairs = [[unit.source, unit.target] for unit in store.units]
json.dump({"units": len(pairs), "pairs": pairs}, sys.stdout, ensure_ascii=False)
