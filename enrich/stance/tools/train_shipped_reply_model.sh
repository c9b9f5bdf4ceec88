#!/usr/bin/env bash
# Rebuilds the shipped reply model (enrich/models/reply) from the converted
# RumourEval corpora, exactly as it was built: the same files, settings and
# seed give the same model.bin.
#
#   enrich/stance/tools/prepare_corpora.py --rumoureval2017 SRC --rumoureval2019 SRC --out CORPORA
#   enrich/stance/tools/train_shipped_reply_model.sh CORPORA [OUTPUT_DIR]
#
# The sources (URL, commit, licence, sha256): enrich/models/reply/SOURCES.md.
# Prints the leave-one-event-out figures, then Reddit dev's (scored only).
set -euo pipefail
corpora=${1:?usage: $0 CORPORA_DIR [OUTPUT_DIR]}
root=$(cd "$(dirname "$0")/../../.." && pwd)
out=${2:-$root/enrich/models/reply}
tidings=${TIDINGS:-$root/build/bin/tidings}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The manifest records this file's name and sha256.
cat "$corpora/rumoureval2017/train.jsonl" "$corpora/rumoureval2017/dev.jsonl" \
    "$corpora/rumoureval2019/reddit-train.jsonl" > "$work/rumoureval-traindev-reddit.jsonl"
"$tidings" train reply --examples "$work/rumoureval-traindev-reddit.jsonl" --leave-out event \
  --dev "$corpora/rumoureval2019/reddit-dev.jsonl" --domain-max-tokens 40 --output "$out"
