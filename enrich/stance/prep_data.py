#!/usr/bin/env python3
"""Prepares the stance tagger's sentiment table.

  prep_data.py --vader PATH/vader_lexicon.txt   # refresh data/sentiment.tsv

data/sentiment.tsv is derived from the VADER lexicon (vaderSentiment 3.3.2 on
PyPI, MIT licence, see data/LICENSE.vader.txt): word entries only (emoticons
and tokens with symbols dropped), mean valence kept to one decimal. The files
of data/ are compiled into the binary at build time (tidings_embed_file in
enrich/CMakeLists.txt), so the binary needs no data files at run time.
"""
import argparse
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")


def prep_vader(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            word, score = parts[0], float(parts[1])
            if not re.fullmatch(r"[a-z][a-z'\-]*[a-z]", word):
                continue
            rows.append((word, score))
    with open(os.path.join(DATA, "sentiment.tsv"), "w", encoding="utf-8") as out:
        out.write("# Derived from the VADER sentiment lexicon (C.J. Hutto), vaderSentiment 3.3.2,\n")
        out.write("# MIT licence: data/LICENSE.vader.txt. word<TAB>mean valence (-4..4).\n")
        for w, s in sorted(rows):
            out.write(f"{w}\t{s:.1f}\n")
    print(f"sentiment.tsv: {len(rows)} words")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vader", required=True,
                    help="path to vader_lexicon.txt from the vaderSentiment wheel")
    a = ap.parse_args()
    prep_vader(a.vader)
