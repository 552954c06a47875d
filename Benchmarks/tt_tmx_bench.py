#!/usr/bin/env python3
"""Translate Toolkit's side of Benchmarks/tm-vs-translate-toolkit.sh.

  tt_tmx_bench.py read FILE.tmx         parse with translate.storage.tmx, touch every source/target
  tt_tmx_bench.py write FILE.tsv OUT    build a tmxfile from source<TAB>target lines, write it

Prints one line: phase, units, seconds (the phase alone, Python start-up and the TSV read
left out)."""
import sys
import time

from translate.storage import tmx


def read(path):
    start = time.perf_counter()
    with open(path, "rb") as handle:
        store = tmx.tmxfile(handle)
    units = 0
    for unit in store.units:
        _ = unit.source, unit.target
        units += 1
    return units, time.perf_counter() - start


def write(tsv, out):
    pairs = []
    with open(tsv, encoding="utf-8") as handle:
        for line in handle:
            source, target = line.rstrip("\n").split("\t")[:2]
            pairs.append((source, target))
    start = time.perf_counter()
    store = tmx.tmxfile(sourcelanguage="en", targetlanguage="ko")
    for source, target in pairs:
        store.addtranslation(source, "en", target, "ko")
    with open(out, "wb") as handle:
        store.serialize(handle)
    return len(pairs), time.perf_counter() - start


if __name__ == "__main__":
    if sys.argv[1] == "read":
        units, seconds = read(sys.argv[2])
    else:
        units, seconds = write(sys.argv[2], sys.argv[3])
    print(f"{sys.argv[1]} {units} {seconds:.3f}")
