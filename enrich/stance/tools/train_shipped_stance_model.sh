#!/usr/bin/env bash
# Rebuilds the built-in stance model (enrich/models/stance) for the default
# targets from the project's own labelled corpus (enrich/stance/corpus),
# exactly as it was built: the same files, settings and seed give the same
# model.bin.
#
#   enrich/stance/tools/train_shipped_stance_model.sh [OUTPUT_DIR]
#
# Prints the 5-fold figures (the model alone, the rules alone, the rules
# first), then writes OUTPUT_DIR (default: enrich/models/stance). The
# features read the entities the engine finds: retrain after a change to the
# name model or the knowledge base, then rebuild (the model is compiled in).
# Leave-one-writer-out figures: add --leave-out writer to the command below
# and drop --output.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
out=${1:-$root/enrich/models/stance}
tidings=${TIDINGS:-$root/build/bin/tidings}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The manifest records this file's name and sha256.
cat "$root"/enrich/stance/corpus/{news,comments,opinion,threads,reports,left-press,posts,magazine,short-replies,off-topic}.jsonl \
    > "$work/default-targets-corpus.jsonl"
"$tidings" train stance --targets "$root/enrich/stance/data/targets.default.ini" \
  --examples "$work/default-targets-corpus.jsonl" --folds 5 --rules-first 0.6 --char-grams false --bits 18 --seed 1 \
  --output "$out"
