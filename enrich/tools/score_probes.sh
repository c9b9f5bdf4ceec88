#!/bin/sh
# Scores `tidings enrich` on the news written here for testing
# (tests/data/enrich/probes, docs/enrich.md "News written for testing").
#
# Usage: SCORER=PATH/score_enrich.py enrich/tools/score_probes.sh [TIDINGS]
#   TIDINGS  the tidings binary (default build/bin/tidings)
# Prints, per set, the scorer's entity or date lines.
set -eu
bin=${1:-build/bin/tidings}
: "${SCORER:?set SCORER to the project's score_enrich.py}"
dir=$(dirname "$0")/../../tests/data/enrich/probes
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for f in "$dir"/*.jsonl; do
  name=$(basename "$f" .jsonl)
  python3 -c 'import json,sys
for l in sys.stdin:
    d=json.loads(l); d.pop("gold",None); print(json.dumps(d,ensure_ascii=False))' < "$f" > "$out/$name.in.jsonl"
  "$bin" enrich --input "$out/$name.in.jsonl" --output "$out/$name.out.jsonl" 2>/dev/null
  echo "== $name"
  case "$name" in
    dates-*) python3 "$SCORER" --gold "$f" --pred "$out/$name.out.jsonl" | grep '^dates' ;;
    *) python3 "$SCORER" --gold "$f" --pred "$out/$name.out.jsonl" > "$out/$name.score"
       grep -E '^entities|^  type' "$out/$name.score"
       # a set annotated for dates too (institutions-2025)
       if grep -q '"dates": \[{' "$f"; then grep -E '^dates.(strict|value)' "$out/$name.score"; fi ;;
  esac
done
