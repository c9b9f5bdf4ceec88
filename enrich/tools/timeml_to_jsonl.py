#!/usr/bin/env python3
"""Convert TimeML documents (.tml: TimeBank 1.2, AQUAINT, the TempEval-3
training data "TBAQ-cleaned") into contract JSON Lines with gold dates, the
form that `tidings enrich` reads and the project's gold scorer compares
(docs/contracts/documents-jsonl.md; the scorer's dates metrics are
TempEval-3's: strict and relaxed span F1, value F1, type accuracy).

Per document (one .tml file):
  id            the file name without .tml
  kind          "article"
  title         the TITLE element, when there is one
  published_at  the DCT's TIMEX3 value as RFC 3339 ("1998-01-08T00:00:00Z")
  text          the TEXT element with the markup removed, XML entities
                decoded, nothing else changed (offsets stay exact)
  gold.dates    every TIMEX3 inside TEXT: begin/end in code points, text,
                TIMEX3 type and value (the DCT itself is not a mention)

Output, in OUT:
  all.jsonl, tune.jsonl, check.jsonl          documents with `gold`
  tune.input.jsonl, check.input.jsonl         the same without `gold`
  tune.contract.jsonl, check.contract.jsonl   gold values in the contract's
      conventions where they differ from TimeML (see CONTRACT_NOTES): the
      decade "199" -> "199X", the century "19" -> "19XX" ("today" is not
      rewritten: the contract reads it as the document's day in a clause
      that tells an event, as TimeML does, and as PRESENT_REF in a
      present-tense one, "Today is a sad day", where TimeML has the day;
      this converter cannot tell the tense, so those few stay TimeML's)
The split is by document id: TUNE when the first byte of sha256(id) is
even, else CHECK. It depends on nothing else, so it never moves when files
are added.

Usage: timeml_to_jsonl.py --out OUT TML_OR_DIR [TML_OR_DIR ...]
Only the Python standard library. Deterministic: the same files give the
same bytes.
"""
import argparse
import hashlib
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

CONTRACT_NOTES = """\
TimeML (TempEval-3 gold) and the contract's annotation guidelines differ in:
  decades    TimeML "199" (the 1990s)      contract "199X"
  centuries  TimeML "19" (the 1900s)       contract "19XX"
  "today" in a present-tense clause: TimeML the document's day, contract
             PRESENT_REF (not rewritten here)
"""


def split_of(doc_id):
    return "tune" if hashlib.sha256(doc_id.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def flatten(elem, parts, mentions, pos):
    """Appends elem's text content to parts; records TIMEX3 spans. Returns
    the new position in code points."""
    if elem.text:
        parts.append(elem.text)
        pos += len(elem.text)
    for child in elem:
        begin = pos
        pos = flatten(child, parts, mentions, pos)
        if child.tag == "TIMEX3":
            mentions.append((begin, pos, child))
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    return pos


def published_at(root, path):
    dct = root.find("DCT/TIMEX3")
    if dct is None or not re.match(r"^\d{4}-\d{2}-\d{2}", dct.get("value", "")):
        sys.exit(f"{path}: no DCT TIMEX3 with a YYYY-MM-DD value")
    return dct.get("value")[:10] + "T00:00:00Z"


def convert(path):
    root = ET.parse(path).getroot()
    text_elem = root.find("TEXT")
    if text_elem is None:
        sys.exit(f"{path}: no TEXT element")
    parts, mentions = [], []
    flatten(text_elem, parts, mentions, 0)
    text = "".join(parts)
    doc_id = os.path.basename(path)[: -len(".tml")]
    doc = {"id": doc_id, "kind": "article"}
    title = root.find("TITLE")
    if title is not None and (title.text or "").strip():
        doc["title"] = " ".join(title.text.split())
    doc["published_at"] = published_at(root, path)
    doc["text"] = text
    dates = []
    for begin, end, t in mentions:
        dates.append({"begin": begin, "end": end, "text": text[begin:end],
                      "type": t.get("type", ""), "value": t.get("value", "")})
    doc["gold"] = {"dates": dates}
    return doc


def contract_value(mention):
    """The mention's value in the contract's conventions."""
    v = mention["value"]
    if re.fullmatch(r"\d{3}", v):
        return v + "X"
    if re.fullmatch(r"\d{2}", v):
        return v + "XX"
    return v


def with_contract_values(doc):
    d = json.loads(json.dumps(doc))
    for m in d["gold"]["dates"]:
        m["value"] = contract_value(m)
    return d


def tml_files(args):
    out = []
    for a in args:
        if os.path.isdir(a):
            for dirpath, _, names in os.walk(a):
                out += [os.path.join(dirpath, n) for n in names if n.endswith(".tml")]
        else:
            out.append(a)
    return sorted(out, key=lambda p: (os.path.basename(p), p))


def write(path, docs):
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("inputs", nargs="+", help=".tml files or folders holding them")
    a = ap.parse_args()
    docs = [convert(p) for p in tml_files(a.inputs)]
    seen = set()
    for d in docs:
        if d["id"] in seen:
            sys.exit(f"duplicate document id {d['id']}")
        seen.add(d["id"])
    os.makedirs(a.out, exist_ok=True)
    write(os.path.join(a.out, "all.jsonl"), docs)
    for half in ("tune", "check"):
        part = [d for d in docs if split_of(d["id"]) == half]
        write(os.path.join(a.out, f"{half}.jsonl"), part)
        write(os.path.join(a.out, f"{half}.contract.jsonl"), [with_contract_values(d) for d in part])
        write(os.path.join(a.out, f"{half}.input.jsonl"),
              [{k: v for k, v in d.items() if k != "gold"} for d in part])
        n = sum(len(d["gold"]["dates"]) for d in part)
        print(f"{half}: {len(part)} documents, {n} TIMEX3", file=sys.stderr)
    print(CONTRACT_NOTES, end="", file=sys.stderr)


if __name__ == "__main__":
    main()
