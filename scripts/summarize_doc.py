#!/usr/bin/env python3
"""Prints an abridged view of enriched documents (JSON Lines on stdin)."""
import json
import sys

for line in sys.stdin:
    d = json.loads(line)
    ents = sorted({e["name"] for e in d.get("entities", [])})
    dates = d.get("dates", [])
    print(f"  {d['id']} ({d['kind']}): {d.get('title', d['text'][:60])[:70]}")
    print(f"  entities {len(d.get('entities', []))}: {', '.join(ents[:14])}{' ...' if len(ents) > 14 else ''}")
    print(f"  dates    {len(dates)}: " + ", ".join(f"{x['text']} = {x['value']}" for x in dates[:6]))
    print("  stances  " + ", ".join(f"{s['target']} {s['label']}" for s in d.get("stances", [])))
    if d.get("reply_stance"):
        print(f"  reply    {d['reply_stance']['label']}")
