#!/usr/bin/env python3
"""Writes enrich/kb/languages.txt: the one-word English names of the
languages of ISO 639-2 ("Swahili", "Marathi", "Kikuyu", "Luo"), lower case,
one a line, sorted. Languages are no entities (the annotation guidelines);
the engine drops a language's name where the text uses it as a language
("into Swahili, Kikuyu and Luo for patients", "the Irish language"),
whatever type the model gave it (enrich/README.md, "Languages").

Usage:
  python3 enrich/kb/tools/languages.py --iso-codes /usr/share/iso-codes/json > enrich/kb/languages.txt

--iso-codes: the folder of Debian's iso-codes package (the same one
build_kb.py reads). Output is deterministic for the same input.
"""
import argparse
import json
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--iso-codes", required=True)
    a = ap.parse_args()
    with open(f"{a.iso_codes}/iso_639-2.json", encoding="utf-8") as f:
        entries = json.load(f)["639-2"]
    out = set()
    for e in entries:
        # "Kikuyu; Gikuyu", "Luo (Kenya and Tanzania)", "Sotho, Southern"
        for part in e["name"].split(";"):
            name = part.split("(")[0].strip()
            if name and " " not in name and "," not in name and "-" not in name and name != "Undetermined":
                out.add(name.lower())
    sys.stdout.write("".join(w + "\n" for w in sorted(out)))


if __name__ == "__main__":
    main()
