#!/usr/bin/env python3
"""Turns gold JSONL (the hand-annotated seed gold, kept outside the repo) into enriched-document JSONL with
the gold entities as the entity tags and no gold stance, so the stance tagger
can be measured independently of the entity tagger:

  gold_to_input.py GOLD.jsonl... > in.jsonl
  TIDINGS_STANCE_DEV_IN=in.jsonl TIDINGS_STANCE_DEV_OUT=out.jsonl \
      build-stance/tests/unit_stance --gtest_filter='StanceDev.*'
  score_enrich.py --gold GOLD.jsonl... --pred out.jsonl
With --no-entities the entities are left out (aliases only).
"""
import json
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
keep_entities = "--no-entities" not in sys.argv
for path in args:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            g = d.pop("gold", {}) or {}
            for k in [k for k in d if k.endswith("_note")]:
                d.pop(k)
            if d.get("parent_id") is None:
                d.pop("parent_id", None)
            if keep_entities:
                d["entities"] = g.get("entities", [])
            print(json.dumps(d, ensure_ascii=False))
