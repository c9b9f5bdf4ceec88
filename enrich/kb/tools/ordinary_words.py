#!/usr/bin/env python3
"""Writes enrich/kb/ordinary_words.txt: the words of the knowledge base's
names that are also ordinary lower-case English words ("jersey", "turkey",
"shell"; "sale" and "store" too, as "Salé" and "Støre" match without their
accents; "white" and "house" of "White House"), one a line, sorted. Text
written all in lower case gives no capital to tell the name from the words,
so the engine does not tag there a one-word name that is such a word, nor a
longer one made of such words only (enrich/README.md, "Names written in
lower case").

Usage:
  python3 enrich/kb/tools/ordinary_words.py --words /usr/share/dict/words \\
      enrich/kb/curated.tsv enrich/kb/generated.tsv enrich/kb/generated_lists.tsv \\
      > enrich/kb/ordinary_words.txt

--words: the lower-case English words of Debian's wamerican package (the
same list build_kb.py reads). Output is deterministic for the same inputs.
"""
import argparse
import sys
import unicodedata

# Latin letters NFKD leaves whole, as the engine folds them (kb.cc, FoldLatin).
SPECIAL = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H",
                         "ı": "i", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d"})


def folded(alias):
    """The alias without the accents of its letters ("Salé" -> "Sale", "Støre" ->
    "Store"): the engine matches both forms."""
    s = unicodedata.normalize("NFKD", alias.translate(SPECIAL))
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", required=True)
    ap.add_argument("kb", nargs="+", help="knowledge-base files (TYPE<TAB>name<TAB>id<TAB>aliases)")
    a = ap.parse_args()
    with open(a.words, encoding="utf-8") as f:
        words = {w.strip() for w in f if w.strip() and w.strip().islower()}
    out = set()
    for path in a.kb:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 4:
                    continue
                for alias in [parts[1]] + parts[3].split("|"):
                    for form in {alias.lstrip("="), folded(alias.lstrip("="))}:
                        for word in form.split(" "):
                            if word and "-" not in word and word.lower() in words:
                                out.add(word.lower())
    sys.stdout.write("".join(w + "\n" for w in sorted(out)))


if __name__ == "__main__":
    main()
