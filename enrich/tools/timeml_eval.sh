#!/bin/sh
# Scores `tidings enrich` on the TimeML development halves written by
# timeml_to_jsonl.py (enrich/README.md, "Dates: development on TimeML").
#
# Usage: SCORER=PATH/score_enrich.py enrich/tools/timeml_eval.sh TIMEML_DIR [TIDINGS] [--errors]
#   TIMEML_DIR  the folder with tune.jsonl, tune.input.jsonl, check.jsonl, ...
#   TIDINGS     the tidings binary (default build/bin/tidings)
#   --errors    also list the TUNE half's errors by class (never CHECK's:
#               that half is only scored)
# Prints, per half, the scorer's dates figures (TimeML values), per-type
# figures and the errors by class, then the value F1 with the gold values
# in the contract's conventions (*.contract.jsonl).
set -eu
dir=${1:?usage: timeml_eval.sh TIMEML_DIR [TIDINGS] [--errors]}
bin=${2:-build/bin/tidings}
errors=${3:-}
: "${SCORER:?set SCORER to the project's score_enrich.py}"
here=$(dirname "$0")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for half in tune check; do
  "$bin" enrich --debug --input "$dir/$half.input.jsonl" --output "$out/$half.jsonl" 2>/dev/null
  echo "== $half (TimeML values)"
  show=""
  if [ "$half" = tune ] && [ "$errors" = --errors ]; then show="--show missed --show spurious --show span --show type --show value"; fi
  # shellcheck disable=SC2086
  python3 "$here/timex_report.py" --scorer "$SCORER" --gold "$dir/$half.jsonl" --pred "$out/$half.jsonl" $show
  echo "== $half (contract values)"
  python3 "$SCORER" --gold "$dir/$half.contract.jsonl" --pred "$out/$half.jsonl" | grep '^dates'
done
