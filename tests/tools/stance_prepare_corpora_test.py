#!/usr/bin/env python3
"""enrich/stance/tools/prepare_corpora.py on two tiny releases laid out as
the RumourEval repositories are, then `tidings train reply` on its output.

Usage: stance_prepare_corpora_test.py REPO_ROOT TIDINGS_BIN
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

ROOT, TIDINGS = sys.argv[1], sys.argv[2]
SCRIPT = os.path.join(ROOT, "enrich/stance/tools/prepare_corpora.py")


def put(base, rel, obj):
    path = os.path.join(base, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(obj, bytes):
        with open(path, "wb") as f:
            f.write(obj)
        return
    with open(path, "w") as f:
        f.write(obj if isinstance(obj, str) else json.dumps(obj))


def tweet(id_, text, user, parent=None):
    return {"id_str": id_, "text": text, "user": {"screen_name": user},
            "created_at": "Wed Jan 07 11:0%s:00 +0000 2015" % id_[-1], "in_reply_to_status_id_str": parent}


def reddit(id_, body, parent):
    return {"kind": "t1", "data": {"id": id_, "body": body, "author": "u" + id_, "subreddit": "DebunkThis",
                                   "created_utc": 1360679984.0, "parent_id": parent}}


def make_2017(base):
    d = "data/semeval2017-task8-dataset"
    labels = ["support", "deny", "query", "comment"]
    train, dev = {}, {}
    # Two events of two threads each in train, one thread in dev.
    n = 0
    for event in ("ebola-essien", "putinmissing"):
        for t in range(2):
            n += 1
            src = f"10{n}0"
            replies = [f"10{n}{k}" for k in range(1, 5)]
            # reply 2 answers reply 1; the others answer the source
            put(base, f"{d}/rumoureval-data/{event}/{src}/structure.json",
                {src: {replies[0]: {replies[1]: []}, replies[2]: [], replies[3]: []}})
            put(base, f"{d}/rumoureval-data/{event}/{src}/source-tweet/{src}.json",
                tweet(src, f"Breaking: something happened &amp; more {n}", "news"))
            for k, r in enumerate(replies):
                parent = replies[0] if k == 1 else src
                put(base, f"{d}/rumoureval-data/{event}/{src}/replies/{r}.json",
                    tweet(r, f"@news reply {k} is this true? {n}", f"user{k}", parent))
                train[r] = labels[k]
            train[src] = "support"
    src = "9990"
    put(base, f"{d}/rumoureval-data/ebola-essien/{src}/structure.json", {src: {"9991": []}})
    put(base, f"{d}/rumoureval-data/ebola-essien/{src}/source-tweet/{src}.json", tweet(src, "dev source", "n"))
    put(base, f"{d}/rumoureval-data/ebola-essien/{src}/replies/9991.json", tweet("9991", "fake", "u", src))
    dev = {src: "support", "9991": "deny"}
    put(base, f"{d}/traindev/rumoureval-subtaskA-train.json", train)
    put(base, f"{d}/traindev/rumoureval-subtaskA-dev.json", dev)


def make_2019(base):
    d = "data/rumoureval-2019-training-data"
    for split, thread, replies in (("reddit-training-data", "aa1", ["c1", "c2"]), ("reddit-dev-data", "bb1", ["c3"])):
        put(base, f"{d}/{split}/{thread}/structure.json", {thread: {r: [] for r in replies}})
        put(base, f"{d}/{split}/{thread}/source-tweet/{thread}.json",
            {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {
                "id": thread, "title": "Ants &amp; aspartame", "selftext": "", "url": "https://example.org/x",
                "author": "op", "subreddit": "DebunkThis", "created_utc": 1360679524.0}}]}})
        for r in replies:
            put(base, f"{d}/{split}/{thread}/replies/{r}.json", reddit(r, "&gt; quoted\nNo, that is false", "t3_" + thread))
    # The keys also label Twitter ids: they must not reach the output.
    put(base, f"{d}/train-key.json", {"subtaskaenglish": {"c1": "deny", "c2": "comment", "555": "query"}})
    put(base, f"{d}/dev-key.json", {"subtaskaenglish": {"c3": "deny", "556": "support"}})


def make_2016(base):
    rows = [b"ID\tTarget\tTweet\tStance"]
    for i in range(12):
        rows.append(b"%d\tAtheism\tGod is great \x96 amen %d #SemST\tAGAINST" % (100 + i, i))
    rows.append(b"300\tHillary Clinton\tVote for her\tFAVOR")
    put(base, "data/semeval2016-task6-trainingdata.txt", b"\r\n".join(rows) + b"\r\n")


def read(path):
    with open(path) as f:
        return [json.loads(l) for l in f]


class PrepareCorpora(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        t = cls.tmp.name
        make_2017(os.path.join(t, "r17"))
        make_2019(os.path.join(t, "r19"))
        make_2016(os.path.join(t, "s16"))
        cls.out = os.path.join(t, "out")
        subprocess.run([sys.executable, SCRIPT, "--rumoureval2017", os.path.join(t, "r17"),
                        "--rumoureval2019", os.path.join(t, "r19"), "--semeval2016", os.path.join(t, "s16"),
                        "--out", cls.out],
                       check=True, capture_output=True)

    def test_threads_come_root_first_with_gold_on_replies_only(self):
        docs = read(os.path.join(self.out, "rumoureval2017/train.jsonl"))
        self.assertEqual(len(docs), 4 * 5)
        seen = set()
        for d in docs:
            if d["kind"] == "article":
                self.assertNotIn("gold", d)
                self.assertNotIn("parent_id", d)
            else:
                self.assertIn(d["parent_id"], seen, "a parent precedes its replies")
                self.assertIn(d["gold"]["reply_stance"], ("SUPPORT", "DENY", "QUERY", "COMMENT"))
            seen.add(d["id"])
        self.assertEqual({d["event"] for d in docs}, {"ebola-essien", "putinmissing"})
        self.assertEqual(docs[0]["text"], "Breaking: something happened & more 1")
        self.assertEqual(docs[2]["parent_id"], docs[1]["id"])  # the reply to a reply
        dev = read(os.path.join(self.out, "rumoureval2017/dev.jsonl"))
        self.assertEqual([d["id"] for d in dev], ["9990", "9991"])

    def test_reddit_keeps_only_reddit_ids(self):
        train = read(os.path.join(self.out, "rumoureval2019/reddit-train.jsonl"))
        self.assertEqual([d["id"] for d in train], ["aa1", "c1", "c2"])
        self.assertEqual(train[0]["title"], "Ants & aspartame")
        self.assertEqual(train[1]["text"], "> quoted\nNo, that is false")
        self.assertEqual(train[1]["gold"], {"reply_stance": "DENY"})
        dev = read(os.path.join(self.out, "rumoureval2019/reddit-dev.jsonl"))
        self.assertEqual([d.get("gold") for d in dev], [None, {"reply_stance": "DENY"}])
        with open(os.path.join(self.out, "SHA256SUMS")) as f:
            self.assertEqual(len(f.read().splitlines()), 7)

    def test_semeval_dev_is_every_tenth_tweet_of_each_target(self):
        train = read(os.path.join(self.out, "semeval2016/train.jsonl"))
        self.assertEqual(len(train), 13)
        self.assertEqual(train[0]["gold"], {"stances": {"atheism": "AGAINST"}})
        self.assertEqual(train[0]["text"], "God is great \u2013 amen 0 #SemST")  # Windows-1252's en dash
        self.assertEqual(train[-1]["gold"], {"stances": {"hillary_clinton": "FAVOR"}})
        dev = read(os.path.join(self.out, "semeval2016/dev.jsonl"))
        self.assertEqual([d["id"] for d in dev], ["109"])
        self.assertEqual(len(read(os.path.join(self.out, "semeval2016/train_minus_dev.jsonl"))), 12)

    def test_a_source_alone_is_refused_without_its_pair(self):
        r = subprocess.run([sys.executable, SCRIPT, "--rumoureval2017", "x", "--out", self.out],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)
        self.assertIn("go together", r.stderr)

    def test_the_trainer_reads_it_and_leaves_events_out(self):
        r = subprocess.run([TIDINGS, "train", "reply", "--examples",
                            os.path.join(self.out, "rumoureval2017/train.jsonl"), "--leave-out", "event"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("16 training replies", r.stderr)
        self.assertIn("event=ebola-essien", r.stderr)
        self.assertIn("event=putinmissing", r.stderr)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=1)
