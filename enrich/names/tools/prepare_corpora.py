#!/usr/bin/env python3
"""Convert the raw NER corpora (enrich/README.md, "Name model": where each
comes from, its commit, licence and sha256) into the CoNLL form that
`tidings train ner` reads.

Output: OUT/<name>/{train,dev}.conll
  * one token per line: token<TAB>TAG
  * tags are BIO (IOB2) with the corpus's ORIGINAL type names (B-PER, I-geo, ...)
  * blank line after every sentence
  * a line consisting of exactly `#doc` (no tab) starts every document, for
    corpora whose source marks documents (a token line always contains a tab,
    so `#doc` can never be confused with a token)
  * when a corpus has no dev split, dev = every 20th document
    (doc_index % 20 == 19, 0-based); without document boundaries, sentences are
    cut into consecutive blocks of 50 and every 20th block (block_index % 20 == 19)
    goes to dev.

Usage:  python3 prepare_corpora.py --raw RAW --out OUT             (all corpora)
        python3 prepare_corpora.py --raw RAW --out OUT wnut17 gmb  (selected ones)
RAW holds the raw files as enrich/README.md lays them out (raw/<name>/...).
Only the Python standard library is used. Output is deterministic.
Also writes OUT/<name>/stats.json with counts.
"""
import collections
import csv
import io
import json
import os
import sys
import zipfile

RAW = "raw"  # set from --raw
OUT = "ner"  # set from --out

# A document is a list of sentences; a sentence is a list of (token, tag).


def iob1_to_bio(sent):
    """Convert IOB1 (I- may start an entity) to IOB2/BIO; idempotent on BIO."""
    out = []
    prev_type = None
    for tok, tag in sent:
        if tag == "O":
            out.append((tok, "O"))
            prev_type = None
            continue
        pre, typ = tag.split("-", 1)
        if pre == "I" and prev_type != typ:
            pre = "B"
        out.append((tok, pre + "-" + typ))
        prev_type = typ
    return out


def check_bio(sent):
    prev = "O"
    for _, tag in sent:
        if tag.startswith("I-"):
            assert prev != "O" and prev[2:] == tag[2:], (sent, tag)
        assert tag == "O" or tag[:2] in ("B-", "I-"), tag
        prev = tag


def clean_token(tok):
    # keep tokens as they are, but a token must not contain TAB/newline and must not be empty
    tok = tok.replace("\t", " ").replace("\n", " ").replace("\r", "")
    return tok if tok.strip() else "_"


def write_split(path, docs, mark_docs):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for doc in docs:
            if mark_docs:
                f.write("#doc\n\n")
            for sent in doc:
                for tok, tag in sent:
                    f.write(clean_token(tok) + "\t" + tag + "\n")
                f.write("\n")


def stats(docs):
    tokens = sents = 0
    tag_counts = collections.Counter()
    ent_counts = collections.Counter()
    for doc in docs:
        for sent in doc:
            sents += 1
            for _, tag in sent:
                tokens += 1
                tag_counts[tag] += 1
                if tag.startswith("B-"):
                    ent_counts[tag[2:]] += 1
    return {
        "documents": len(docs),
        "sentences": sents,
        "tokens": tokens,
        "entities_by_type": dict(sorted(ent_counts.items())),
        "tags": dict(sorted(tag_counts.items())),
    }


def split_docs(docs):
    train = [d for i, d in enumerate(docs) if i % 20 != 19]
    dev = [d for i, d in enumerate(docs) if i % 20 == 19]
    return train, dev


def blocks_of(sents, n=50):
    return [sents[i:i + n] for i in range(0, len(sents), n)]


def emit(name, train, dev, mark_docs, note):
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    for docs in (train, dev):
        for doc in docs:
            for s in doc:
                check_bio(s)
    write_split(os.path.join(d, "train.conll"), train, mark_docs)
    write_split(os.path.join(d, "dev.conll"), dev, mark_docs)
    st = {"note": note, "doc_markers": mark_docs,
          "train": stats(train), "dev": stats(dev)}
    with open(os.path.join(d, "stats.json"), "w", encoding="utf-8") as f:
        json.dump(st, f, indent=1, ensure_ascii=False)
    print(name, "train", st["train"]["tokens"], "tokens /", st["train"]["sentences"],
          "sents; dev", st["dev"]["tokens"], "tokens /", st["dev"]["sentences"], "sents")


def read_columns(lines, sep=None):
    """Blank-line separated sentences of `token<sep>tag` lines (tag = last field).
    Returns list of documents; -DOCSTART- lines start a new document."""
    docs, doc, sent = [], [], []
    for line in lines:
        line = line.rstrip("\r\n")
        if not line.strip():
            if sent:
                doc.append(sent)
                sent = []
            continue
        if sep is None:
            parts = line.split()
        else:
            parts = line.split(sep)
        tok, tag = sep.join(parts[:-1]) if sep else " ".join(parts[:-1]), parts[-1]
        if tok == "-DOCSTART-":
            if sent:
                doc.append(sent)
                sent = []
            if doc:
                docs.append(doc)
            doc = []
            continue
        sent.append((tok, tag))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


# ---------------------------------------------------------------- corpora

def conv_wnut17():
    """WNUT-17: official train and dev (test is not used). Tweets/posts, no docs."""
    def load(fn):
        with open(os.path.join(RAW, "wnut17", fn), encoding="utf-8") as f:
            docs = read_columns(f, sep="\t")
        sents = [s for d in docs for s in d]
        return [[iob1_to_bio(s)] for s in sents]  # one pseudo-doc per sentence (no #doc output)
    train, dev = load("wnut17train.conll"), load("emerging.dev.conll")
    emit("wnut17", train, dev, False,
         "official train (wnut17train.conll) and dev (emerging.dev.conll); test not used; "
         "no document markers (each sentence is a separate post)")


def conv_gmb():
    """GMB 2.2.0 extract (Kaggle ner_dataset.csv): no doc boundaries, 50-sentence blocks."""
    with zipfile.ZipFile(os.path.join(RAW, "gmb", "ner_dataset.csv.zip")) as z:
        raw = z.read("ner_dataset.csv")
    text = raw.decode("cp1252")  # the file is Windows-1252 (0x92 = right quote, 0x85 = ellipsis)
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows)
    assert header == ["Sentence #", "Word", "POS", "Tag"], header
    sents, cur = [], []
    for r in rows:
        if not r:
            continue
        sid, word, _pos, tag = r
        if sid.startswith("Sentence:"):
            if cur:
                sents.append(cur)
            cur = []
        cur.append((word, tag))
    if cur:
        sents.append(cur)
    sents = [iob1_to_bio(s) for s in sents]
    blocks = blocks_of(sents, 50)
    train_b, dev_b = split_docs(blocks)
    # blocks are NOT documents: flatten to one pseudo-doc per sentence, no #doc markers
    train = [[s] for b in train_b for s in b]
    dev = [[s] for b in dev_b for s in b]
    emit("gmb", train, dev, False,
         "Kaggle 'Annotated Corpus for NER' ner_dataset.csv (GMB 2.2.0 extract); no document "
         "boundaries in source; dev = every 20th block of 50 consecutive sentences")


def conv_wikigold():
    with open(os.path.join(RAW, "wikigold", "wikigold.conll.txt"), encoding="utf-8") as f:
        docs = read_columns(f, sep=" ")
    docs = [[iob1_to_bio(s) for s in d] for d in docs]
    train, dev = split_docs(docs)
    emit("wikigold", train, dev, True,
         "IOB1 converted to BIO; documents from -DOCSTART-; dev = every 20th document")


# re3d sources whose licence allows shipping derived weights (see PROVENANCE.md)
RE3D_SOURCES = ["Australian_Department_of_Foreign_Affairs", "CENTCOM", "UK_Government",
                "US_State_Department", "Wikipedia"]
# excluded: BBC_Online (CC BY-NC 3.0), Delegation_of_the_European_Union_to_Syria (EC legal notice, unclear)


def conv_re3d():
    docs = []
    base = os.path.join(RAW, "re3d", "by-source")
    for src in RE3D_SOURCES:
        for fn in sorted(os.listdir(os.path.join(base, src))):
            with open(os.path.join(base, src, fn), encoding="utf-8") as f:
                d = read_columns(f, sep="\t")
            sents = [iob1_to_bio(s) for dd in d for s in dd]
            if sents:
                docs.append(sents)
    train, dev = split_docs(docs)
    emit("re3d", train, dev, True,
         "sources: " + ", ".join(RE3D_SOURCES) + "; one file = one document; dev = every 20th document")


def conv_btc():
    """Broad Twitter Corpus: sections a, b, e, f, g for training and h for dev
    (each file a section; tweets are sentences). Tokens that are only white
    space are dropped."""
    def load(names):
        sents = []
        for n in names:
            with open(os.path.join(RAW, "btc", n + ".conll"), encoding="utf-8") as f:
                for d in read_columns(f, sep="\t"):
                    for s in d:
                        s = [(t, g) for t, g in s if t.strip()]
                        if s:
                            sents.append(iob1_to_bio(s))
        return [[s] for s in sents]
    emit("btc", load("abefg"), load("h"), False, "sections a, b, e, f, g train; h dev")


CROSSNER_DOMAINS = ["politics", "science", "music", "literature", "ai"]
# its conll2003 folder is CoNLL-2003 (Reuters, research-only terms): never read


def conv_crossner():
    """CrossNER (Wikipedia sentences, five domains): each domain's train and
    dev files; its test files are not used. Sentences, no documents."""
    def load(split):
        sents = []
        for dom in CROSSNER_DOMAINS:
            with open(os.path.join(RAW, "crossner", dom, split + ".txt"), encoding="utf-8") as f:
                sents += [s for d in read_columns(f, sep="\t") for s in d]
        return [[iob1_to_bio(s)] for s in sents]
    emit("crossner", load("train"), load("dev"), False,
         "domains " + ", ".join(CROSSNER_DOMAINS) + ": train files train, dev files dev; test not used")


CONVERTERS = {"wnut17": conv_wnut17, "gmb": conv_gmb, "wikigold": conv_wikigold, "re3d": conv_re3d,
              "btc": conv_btc, "crossner": conv_crossner}

if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--raw", required=True, help="folder of the raw corpora (raw/<name>/...)")
    ap.add_argument("--out", required=True, help="folder to write <name>/{train,dev}.conll to")
    ap.add_argument("names", nargs="*", help="corpora to convert (default: all)")
    args = ap.parse_args()
    RAW, OUT = args.raw, args.out
    for n in args.names or list(CONVERTERS):
        CONVERTERS[n]()
