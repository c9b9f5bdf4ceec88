#!/usr/bin/env python3
"""Convert the RumourEval releases the reply model is trained on
(enrich/models/reply/SOURCES.md: where each comes from, its commit, licence),
and the SemEval-2016 Task 6A training data `tidings train stance` is measured
on (enrich/stance/README.md), into the contract's JSON Lines
(docs/contracts/documents-jsonl.md) that `tidings train reply|stance` read.

Usage:
  python3 prepare_corpora.py [--rumoureval2017 SRC --rumoureval2019 SRC] [--semeval2016 SRC] --out OUT

SRC is either a checkout of the repository named in SOURCES.md or its bare
git directory (what `git clone --bare` or a mirror gives); from a git
directory the files are read at the pinned commit with `git archive`.

Output (deterministic; only the Python standard library is used):
  OUT/rumoureval2017/train.jsonl  threads of the 2017 subtask A training key
  OUT/rumoureval2017/dev.jsonl    threads of the 2017 subtask A dev key
  OUT/rumoureval2019/reddit-train.jsonl  Reddit threads of the 2019 training key
  OUT/rumoureval2019/reddit-dev.jsonl    Reddit threads of the 2019 dev key
  OUT/semeval2016/train.jsonl     the 2,814 tweets of the training split
  OUT/semeval2016/train_minus_dev.jsonl, OUT/semeval2016/dev.jsonl
                                  the same cut in two: dev is every tenth
                                  tweet of each target (its 10th, 20th, ...)
  OUT/SHA256SUMS                  the sha256 of each file written

Texts are as posted: the releases' HTML escapes (&amp; &lt; &gt;, which the
Twitter and Reddit APIs add) are undone. Each thread is written root first, then its replies depth first in the
order of the release's structure.json (a parent always precedes its
replies). The root is an "article" with no gold; a reply is a "comment" with
thread_id (the root), parent_id (its parent in structure.json) and
gold.reply_stance (SUPPORT, DENY, QUERY or COMMENT) when the key labels it.
"event" (not a Document field: the reader keeps it among the document's
extra fields) names the 2017 event (charliehebdo, ...) or the Reddit
thread's subreddit, for `tidings train reply --leave-out event`.

A SemEval tweet is a document with gold.stances = {target key: FAVOR,
AGAINST or NONE}, the keys of tests/data/stance/targets.semeval2016.ini.

Held out, never read: the SemEval-2016 test data and gold (the SemEval
source repository holds them; only its training file is read), the 2017
test data and gold, the 2019 test data and
its final key, and the 2019 Twitter dev threads (they are the 2017 test
threads). Of the 2019 keys only the Reddit posts' ids are looked up.
"""
import argparse
import codecs
import datetime
import hashlib
import html
import io
import json
import os
import subprocess
import sys
import tarfile

RE2017_COMMIT = "20d9f1c4e00b02fe59e8d4f897c88e534606e204"
RE2017_ROOT = "data/semeval2017-task8-dataset"
RE2019_COMMIT = "e9a250a0f56fa29a80fcbf54c0abb7f7319d8ee4"
RE2019_ROOT = "data/rumoureval-2019-training-data"
SE2016_COMMIT = "f12cf924db7c947d5b681c01f492da029c08c415"
SE2016_ROOT = "data"
SE2016_TARGETS = {
    "Atheism": "atheism",
    "Climate Change is a Real Concern": "climate_change",
    "Feminist Movement": "feminist_movement",
    "Hillary Clinton": "hillary_clinton",
    "Legalization of Abortion": "legalization_of_abortion",
}

LABELS = {"support": "SUPPORT", "deny": "DENY", "query": "QUERY", "comment": "COMMENT"}


class Source:
    """The files under `root` of a checkout, or of a git directory at `commit`."""

    def __init__(self, path, commit, root, parts):
        self.files = {}
        if os.path.isdir(os.path.join(path, "objects")) and os.path.isfile(os.path.join(path, "HEAD")):
            have = subprocess.run(["git", "--git-dir", path, "cat-file", "-t", commit], capture_output=True, text=True)
            if have.returncode != 0 or have.stdout.strip() != "commit":
                sys.exit(f"prepare_corpora: {path} does not hold commit {commit} (SOURCES.md pins it)")
            want = [f"{root}/{p}" for p in parts]
            tar = subprocess.run(["git", "--git-dir", path, "archive", "--format=tar", commit] + want,
                                 capture_output=True)
            if tar.returncode != 0:
                sys.exit(f"prepare_corpora: git archive of {path}: {tar.stderr.decode().strip()}")
            with tarfile.open(fileobj=io.BytesIO(tar.stdout)) as t:
                for m in t.getmembers():
                    if m.isfile():
                        self.files[m.name[len(root) + 1:]] = t.extractfile(m).read()
        else:
            base = os.path.join(path, root)
            if not os.path.isdir(base):
                sys.exit(f"prepare_corpora: {base} is not a directory (give the checkout or its git directory)")
            for p in parts:
                top = os.path.join(base, p)
                if os.path.isfile(top):
                    with open(top, "rb") as f:
                        self.files[p] = f.read()
                    continue
                for d, _, names in os.walk(top):
                    for n in names:
                        full = os.path.join(d, n)
                        with open(full, "rb") as f:
                            self.files[os.path.relpath(full, base)] = f.read()
        if not self.files:
            sys.exit(f"prepare_corpora: nothing found under {root} in {path}")

    def json(self, name):
        if name not in self.files:
            sys.exit(f"prepare_corpora: {name} missing from the release")
        return json.loads(self.files[name])

    def threads(self, prefix):
        """The thread directories (prefix/<thread>) under prefix, sorted."""
        out = set()
        for name in self.files:
            if name.startswith(prefix + "/") and name.endswith("/structure.json"):
                out.add(name[: -len("/structure.json")])
        return sorted(out)


def walk(tree, parent, out):
    """(id, parent id) depth first, in structure.json's order."""
    if not isinstance(tree, dict):
        return
    for node, sub in tree.items():
        out.append((node, parent))
        walk(sub, node, out)


def tweet_time(s):
    t = datetime.datetime.strptime(s, "%a %b %d %H:%M:%S %z %Y")
    return t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def unix_time(x):
    t = datetime.datetime.fromtimestamp(float(x), tz=datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def document(kind, id_, root, parent, author, published, text, event, label, source, title=""):
    d = {"id": id_, "kind": kind}
    if kind == "comment":
        d["thread_id"] = root
        d["parent_id"] = parent
    d["source"] = source
    if title:
        d["title"] = title
    if author:
        d["author"] = author
    if published:
        d["published_at"] = published
    d["language"] = "en"
    d["text"] = text
    d["event"] = event  # not a Document field: the reader keeps it in Document.extra
    if label is not None and kind == "comment":
        d["gold"] = {"reply_stance": LABELS[label]}
    return d


def thread_files(src, thread_dir):
    """(root id, id, parent id, file name) of a thread's posts in
    structure.json's order; posts in the tree but deleted before the release
    (no file) are left out."""
    order = []
    walk(src.json(thread_dir + "/structure.json"), None, order)
    root = order[0][0]
    for id_, parent in order:
        name = f"{thread_dir}/source-tweet/{id_}.json" if parent is None else f"{thread_dir}/replies/{id_}.json"
        if name in src.files:
            yield root, id_, parent, name


def twitter_thread(src, thread_dir, key):
    event = thread_dir.split("/")[-2]
    docs = []
    for root, id_, parent, name in thread_files(src, thread_dir):
        t = src.json(name)
        kind = "article" if parent is None else "comment"
        docs.append(document(kind, t["id_str"], root, parent, t.get("user", {}).get("screen_name", ""),
                             tweet_time(t["created_at"]), html.unescape(t["text"]), event, key.get(id_), "twitter"))
    return docs


def reddit_thing(src, name):
    j = src.json(name)
    if isinstance(j, dict) and j.get("kind") == "Listing":
        j = j["data"]["children"][0]
    return j.get("data", {})


def reddit_thread(src, thread_dir, key):
    docs = []
    for root, id_, parent, name in thread_files(src, thread_dir):
        d = reddit_thing(src, name)
        if parent is None:
            text = html.unescape(d.get("selftext", "") or d.get("url", ""))
            docs.append(document("article", id_, root, None, d.get("author", ""), unix_time(d["created_utc"]),
                                 text, "reddit/" + d.get("subreddit", ""), None, "reddit", html.unescape(d.get("title", ""))))
        else:
            body = d.get("body")
            if body is None:
                continue  # a "more comments" stub
            docs.append(document("comment", id_, root, parent, d.get("author", ""),
                                 unix_time(d["created_utc"]) if "created_utc" in d else "", html.unescape(body),
                                 "reddit/" + d.get("subreddit", ""), key.get(id_), "reddit"))
    return docs


# The SemEval release's bytes are Windows-1252; the five bytes it leaves
# undefined are taken as Latin-1.
codecs.register_error("latin1", lambda e: (e.object[e.start:e.end].decode("latin-1"), e.end))


def cp1252(raw):
    return raw.decode("cp1252", errors="latin1")


def semeval_tweets(src):
    lines = src.files["semeval2016-task6-trainingdata.txt"].splitlines()
    header = cp1252(lines[0]).split("\t")
    if header != ["ID", "Target", "Tweet", "Stance"]:
        sys.exit(f"prepare_corpora: unexpected SemEval header {header}")
    by_target = {}
    for no, raw in enumerate(lines[1:], start=2):
        if not raw.strip():
            continue
        cols = cp1252(raw).split("\t")
        if len(cols) != 4 or cols[1] not in SE2016_TARGETS or cols[3] not in ("FAVOR", "AGAINST", "NONE"):
            sys.exit(f"prepare_corpora: semeval2016-task6-trainingdata.txt:{no}: unexpected line")
        key = SE2016_TARGETS[cols[1]]
        d = {"id": cols[0], "kind": "article", "source": "twitter", "language": "en",
             "text": cols[2], "gold": {"stances": {key: cols[3]}}}
        by_target.setdefault(key, []).append(d)
    train, minus, dev = [], [], []
    for key in sorted(by_target):
        for i, d in enumerate(by_target[key]):
            train.append(d)
            (dev if i % 10 == 9 else minus).append(d)
    return {"semeval2016/train.jsonl": [train], "semeval2016/train_minus_dev.jsonl": [minus],
            "semeval2016/dev.jsonl": [dev]}


def write(path, threads):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    labelled = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for docs in threads:
            for d in docs:
                labelled += "gold" in d
                f.write(json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{path}: {sum(len(t) for t in threads)} documents, {labelled} labelled", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rumoureval2017", help="checkout or git directory of happythenewsad/530project")
    ap.add_argument("--rumoureval2019", help="checkout or git directory of Laprama/Rumour_Evaluation")
    ap.add_argument("--semeval2016", help="checkout or git directory of prrao87/tweet-stance-prediction")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if bool(a.rumoureval2017) != bool(a.rumoureval2019):
        ap.error("--rumoureval2017 and --rumoureval2019 go together (the reply model is trained on both)")
    if not a.rumoureval2017 and not a.semeval2016:
        ap.error("give --rumoureval2017 with --rumoureval2019, or --semeval2016, or all three")
    outputs = {}
    if a.rumoureval2017:
        outputs.update(rumoureval(a))
    if a.semeval2016:
        outputs.update(semeval_tweets(Source(a.semeval2016, SE2016_COMMIT, SE2016_ROOT,
                                             ["semeval2016-task6-trainingdata.txt"])))
    sums = []
    for rel, threads in outputs.items():
        path = os.path.join(a.out, rel)
        write(path, threads)
        with open(path, "rb") as f:
            sums.append(f"{hashlib.sha256(f.read()).hexdigest()}  {rel}\n")
    with open(os.path.join(a.out, "SHA256SUMS"), "w") as f:
        f.writelines(sums)
    sys.stdout.writelines(sums)


def rumoureval(a):
    s17 = Source(a.rumoureval2017, RE2017_COMMIT, RE2017_ROOT,
                 ["traindev/rumoureval-subtaskA-train.json", "traindev/rumoureval-subtaskA-dev.json",
                  "rumoureval-data"])
    keys = {split: s17.json(f"traindev/rumoureval-subtaskA-{split}.json") for split in ("train", "dev")}
    outputs = {}
    for split, key in keys.items():
        threads = []
        for t in s17.threads("rumoureval-data"):
            if t.split("/")[-1] in key:  # the source tweet's id names the thread; the key labels it too
                threads.append(twitter_thread(s17, t, key))
        outputs[f"rumoureval2017/{split}.jsonl"] = threads

    s19 = Source(a.rumoureval2019, RE2019_COMMIT, RE2019_ROOT,
                 ["train-key.json", "dev-key.json", "reddit-training-data", "reddit-dev-data"])
    for split, key_file, data in (("train", "train-key.json", "reddit-training-data"),
                                  ("dev", "dev-key.json", "reddit-dev-data")):
        # The 2019 keys also label Twitter ids; only the Reddit posts' ids
        # are looked up in them.
        key = s19.json(key_file)["subtaskaenglish"]
        outputs[f"rumoureval2019/reddit-{split}.jsonl"] = [reddit_thread(s19, t, key) for t in s19.threads(data)]
    return outputs


if __name__ == "__main__":
    main()
