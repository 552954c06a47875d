#!/usr/bin/env bash
# Translation memory: TMX import and export throughput and peak memory, tmkit beside Translate
# Toolkit (PyPI translate-toolkit) on the same file in the same run; then export peak memory and
# fuzzy lookup latency in a 1,000,000-unit memory.
#
#   Benchmarks/tm-vs-translate-toolkit.sh [UNITS] [BIG_UNITS]     (defaults 200000 and 1000000)
#   ROUNDS=5 Benchmarks/tm-vs-translate-toolkit.sh               (rounds of the comparison; 3)
#
# Needs: swift (release build), python3 with translate-toolkit, /usr/bin/time (Debian: time),
# ../shared/corpora/ntrex128-en-ko. Work files go to $TMPDIR/tmkit-bench-memory (outside the
# package, so that SwiftPM does not see them), or to $BENCH_OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
UNITS=${1:-200000}
BIG=${2:-1000000}
OUT=${BENCH_OUT:-${TMPDIR:-/tmp}/tmkit-bench-memory}
mkdir -p "$OUT"
swift build -c release --product tmkit >/dev/null
swift build -c release --product tmkit-bench >/dev/null
BIN=$(swift build -c release --show-bin-path)
TIME=/usr/bin/time

# wall seconds, peak RSS (MB) and CPU seconds (user + system) of one command, as "S MB CPU"
measure() {
    $TIME -f "%e %M %U %S" -o "$OUT/time.txt" "$@" >"$OUT/stdout.txt" 2>"$OUT/stderr.txt" || { cat "$OUT/stderr.txt"; exit 1; }
    awk '{printf "%s %.0f %.2f", $1, $2/1024, $3+$4}' "$OUT/time.txt"
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN{printf "%.0f", n/s}'; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN{printf "%.1f", b/1048576/s}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }

echo "== $UNITS en-ko units from NTREX (one word changed per variant)"
"$BIN/tmkit-bench" memory generate "$UNITS" "$OUT/in.tmx" "$OUT/in.tsv" >/dev/null
BYTES=$(stat -c %s "$OUT/in.tmx")
echo "TMX: $BYTES bytes"

uptime
# The machine this runs on is shared and its speed drifts by a quarter within minutes, so each
# side runs ROUNDS times, alternately (tmkit, Translate Toolkit, tmkit, ...): each round's ratio
# compares runs a few seconds apart. The table shows the round with the median import ratio.
ROUNDS=${ROUNDS:-3}
printf "%-36s %8s %9s %7s %8s %8s\n" "" "seconds" "units/s" "MB/s" "CPU s" "peak MB"
row() { printf "%-36s %8s %9s %7s %8s %8s\n" "$1" "$2" "$(rate "$UNITS" "$2")" "$(mbps "$3" "$2")" "$4" "$5"; }
# A first import into a new workspace writes through a rollback journal (BulkLoad); an import
# into a memory that already holds units runs in WAL mode. Each round times both: the second
# into a workspace seeded with one unit.
cat >"$OUT/seed.tmx" <<'SEED'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="bench" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="en" datatype="plaintext"/>
<body><tu><tuv xml:lang="en"><seg>A unit already in the memory.</seg></tuv><tuv xml:lang="ko"><seg>메모리에 이미 있는 단위.</seg></tuv></tu></body></tmx>
SEED
: >"$OUT/rounds.txt"
for round in $(seq "$ROUNDS"); do
    rm -f "$OUT/tm.sqlite" "$OUT/tm.sqlite-wal" "$OUT/tm.sqlite-shm"
    read -r T_IMP M_IMP C_IMP <<<"$(measure "$BIN/tmkit" tm import "$OUT/in.tmx" --db "$OUT/tm.sqlite" --duplicates keep)"
    read -r TT_READ_WALL M_TTR C_TTR <<<"$(measure python3 Benchmarks/tt_tmx_bench.py read "$OUT/in.tmx")"
    TT_READ=$(awk '{print $3}' "$OUT/stdout.txt")
    read -r T_EXP M_EXP C_EXP <<<"$(measure "$BIN/tmkit" tm export --db "$OUT/tm.sqlite" -o "$OUT/out.tmx")"
    read -r TT_WRITE_WALL M_TTW C_TTW <<<"$(measure python3 Benchmarks/tt_tmx_bench.py write "$OUT/in.tsv" "$OUT/tt-out.tmx")"
    TT_WRITE=$(awk '{print $3}' "$OUT/stdout.txt")
    rm -f "$OUT/seeded.sqlite" "$OUT/seeded.sqlite-wal" "$OUT/seeded.sqlite-shm"
    "$BIN/tmkit" tm import "$OUT/seed.tmx" --db "$OUT/seeded.sqlite" >/dev/null
    read -r T_WAL M_WAL C_WAL <<<"$(measure "$BIN/tmkit" tm import "$OUT/in.tmx" --db "$OUT/seeded.sqlite" --duplicates keep)"
    echo "round $round: import $T_IMP s vs $TT_READ s = $(ratio "$TT_READ" "$T_IMP")x (CPU $(ratio "$C_TTR" "$C_IMP")x);" \
        "export $T_EXP s vs $TT_WRITE s = $(ratio "$TT_WRITE" "$T_EXP")x (CPU $(ratio "$C_TTW" "$C_EXP")x);" \
        "import into a memory with units $T_WAL s = $(ratio "$TT_READ" "$T_WAL")x"
    echo "$(ratio "$TT_READ" "$T_IMP") $(ratio "$TT_WRITE" "$T_EXP") $T_IMP $M_IMP $C_IMP $TT_READ $M_TTR $C_TTR $T_EXP $M_EXP $C_EXP $TT_WRITE $M_TTW $C_TTW $(ratio "$TT_READ" "$T_WAL") $T_WAL $M_WAL $C_WAL" >>"$OUT/rounds.txt"
done
read -r R_IMP R_EXP T_IMP M_IMP C_IMP TT_READ M_TTR C_TTR T_EXP M_EXP C_EXP TT_WRITE M_TTW C_TTW _ \
    <<<"$(sort -n "$OUT/rounds.txt" | sed -n "$(( (ROUNDS + 1) / 2 ))p")"
echo "median round:"
row "tmkit tm import (parse+store+index)" "$T_IMP" "$BYTES" "$C_IMP" "$M_IMP"
row "Translate Toolkit read (parse only)" "$TT_READ" "$BYTES" "$C_TTR" "$M_TTR"
row "tmkit tm export (db -> TMX)" "$T_EXP" "$(stat -c %s "$OUT/out.tmx")" "$C_EXP" "$M_EXP"
row "Translate Toolkit write" "$TT_WRITE" "$(stat -c %s "$OUT/tt-out.tmx")" "$C_TTW" "$M_TTW"
echo "(Translate Toolkit's seconds time its phase alone; its CPU column is the whole process.)"
median() { awk -v c="$1" '{print $c}' "$OUT/rounds.txt" | sort -n | sed -n "$(( (ROUNDS + 1) / 2 ))p"; }
echo "import: median ratio $(median 1)x by wall time; export: median ratio $(median 2)x;" \
    "import into a memory that holds units (WAL mode): median $(median 16) s, ratio $(median 15)x"
python3 Benchmarks/read_with_translate_toolkit.py "$OUT/out.tmx" | python3 -c 'import json,sys; print("Translate Toolkit reads our export:", json.load(sys.stdin)["units"], "units")'

echo "== $BIG units: export peak memory, fuzzy lookup latency"
"$BIN/tmkit-bench" memory generate "$BIG" "$OUT/big.tmx" >/dev/null
rm -f "$OUT/big.sqlite" "$OUT/big.sqlite-wal" "$OUT/big.sqlite-shm"
read -r T_BIMP M_BIMP C_BIMP <<<"$(measure "$BIN/tmkit" tm import "$OUT/big.tmx" --db "$OUT/big.sqlite" --duplicates keep)"
echo "import $BIG units: $T_BIMP s wall, $C_BIMP s CPU, peak $M_BIMP MB"
read -r T_BEXP M_BEXP C_BEXP <<<"$(measure "$BIN/tmkit" tm export --db "$OUT/big.sqlite" -o "$OUT/big-out.tmx")"
echo "export $BIG units: $T_BEXP s wall, $C_BEXP s CPU, peak $M_BEXP MB"
"$BIN/tmkit-bench" memory lookup "$OUT/big.sqlite" 1000
