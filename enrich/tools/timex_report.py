#!/usr/bin/env python3
"""Per-type figures and error classes of predicted dates against gold dates,
beside the project's gold scorer (its `match`, `overlap` and `prf` are
imported, so the pairs are the scorer's own: greedy one-to-one, relaxed =
overlapping spans; the totals of this report equal its dates metrics).

Usage:
  timex_report.py --scorer SCORE_ENRICH_PY --gold GOLD.jsonl --pred PRED.jsonl
                  [--show CLASS ...] [--limit N]
SCORER may also come from the environment variable SCORER.

Printed: the scorer's dates totals; per gold type (DATE, TIME, DURATION,
SET) the gold and predicted counts, relaxed P/R/F1, strict recall, value
F1, type accuracy; the errors by class:
  missed              a gold mention no prediction overlaps
  spurious            a prediction that overlaps no gold mention (by rule
                      when the predictions were made with --debug)
  span.longer/.shorter/.shifted   relaxed match, different span
  type                relaxed match, different TIMEX3 type
  value.<kind>        relaxed match, different value; kind is one of
      granularity     one value is a prefix of the other (2011 vs 2011-05)
      ref             either value is PRESENT_REF/PAST_REF/FUTURE_REF
      unresolved      the prediction has an X where the gold has a digit
      duration        both are durations (P...)
      set             gold type SET
      offset          same shape, another date (direction, anchor)
      other
With --show CLASS (a class or its prefix: "value", "missed") the cases are
listed with their context, at most --limit per class.
"""
import argparse
import collections
import importlib.util
import json
import os
import re
import sys

TYPES = ["DATE", "TIME", "DURATION", "SET"]
REFS = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("score_enrich", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def value_kind(g, p):
    gv, pv = (g.get("value") or "").upper(), (p.get("value") or "").upper()
    if g.get("type") == "SET":
        return "set"
    if gv in REFS or pv in REFS:
        return "ref"
    if gv.startswith("P") and pv.startswith("P"):
        return "duration"
    if gv.startswith(pv) or pv.startswith(gv):
        return "granularity"
    if len(gv) == len(pv):
        if any(a == "X" and b.isdigit() for a, b in zip(pv, gv)):
            return "unresolved"
        if re.sub(r"\d", "9", gv) == re.sub(r"\d", "9", pv):
            return "offset"
    return "other"


def span_kind(g, p):
    if p["begin"] <= g["begin"] and p["end"] >= g["end"]:
        return "span.longer"
    if p["begin"] >= g["begin"] and p["end"] <= g["end"]:
        return "span.shorter"
    return "span.shifted"


def context(text, b, e, width=50):
    left = text[max(0, b - width):b].replace("\n", " ")
    right = text[e:e + width].replace("\n", " ")
    return f"...{left}[{text[b:e]}]{right}..."


def analyse(sc, gold_docs, pred_docs):
    per_type = {t: collections.Counter() for t in TYPES}
    errors = collections.defaultdict(list)
    for did, gd in gold_docs.items():
        text = gd.get("text", "")
        anchor = (gd.get("published_at") or "")[:10]
        gdts = sc.spans((gd.get("gold") or {}).get("dates"))
        pdts = sc.spans((pred_docs.get(did) or {}).get("dates"))
        pairs = sc.match(gdts, pdts, sc.overlap)
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}
        for g in gdts:
            c = per_type.setdefault(g.get("type"), collections.Counter())
            c["gold"] += 1
            if id(g) not in matched_g:
                errors["missed." + str(g.get("type"))].append((did, anchor, text, g, None))
        for p in pdts:
            c = per_type.setdefault(p.get("type"), collections.Counter())
            c["pred"] += 1
            if id(p) in matched_p:
                c["pred_matched"] += 1
            else:
                rule = (p.get("rule") or "").split("[")[0]
                errors["spurious" + ("." + rule if rule else "")].append((did, anchor, text, None, p))
        for g, p in pairs:
            c = per_type[g.get("type")]
            c["relaxed"] += 1
            same_span = g["begin"] == p["begin"] and g["end"] == p["end"]
            c["strict"] += same_span
            c["type"] += g.get("type") == p.get("type")
            same_value = sc.norm_value(g.get("value")) == sc.norm_value(p.get("value"))
            c["value"] += same_value
            if not same_span:
                errors[span_kind(g, p)].append((did, anchor, text, g, p))
            if g.get("type") != p.get("type"):
                errors["type"].append((did, anchor, text, g, p))
            if not same_value:
                errors["value." + value_kind(g, p)].append((did, anchor, text, g, p))
    return per_type, errors


def show_totals(r):
    d = r["dates"]
    for k in ("relaxed", "strict", "value"):
        m = d[k]
        print(f"dates.{k:<8} P {m['p']:.3f}  R {m['r']:.3f}  F1 {m['f1']:.3f}  (pred {m['pred']}, gold {m['gold']})")
    print(f"dates.type_accuracy {d['type_accuracy']:.3f}")


def show_types(per_type):
    print(f"{'type':<9} {'gold':>5} {'pred':>5}  {'rel.P':>6} {'rel.R':>6} {'rel.F1':>6}  "
          f"{'str.R':>6} {'val.R':>6} {'type.acc':>8}")
    for t, c in per_type.items():
        if not (c["gold"] or c["pred"]):
            continue
        p = c["pred_matched"] / c["pred"] if c["pred"] else 0.0
        r = c["relaxed"] / c["gold"] if c["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        sr = c["strict"] / c["gold"] if c["gold"] else 0.0
        vr = c["value"] / c["gold"] if c["gold"] else 0.0
        ta = c["type"] / c["relaxed"] if c["relaxed"] else 0.0
        print(f"{t:<9} {c['gold']:>5} {c['pred']:>5}  {p:>6.3f} {r:>6.3f} {f:>6.3f}  {sr:>6.3f} {vr:>6.3f} {ta:>8.3f}")
    print("(rel.P: predictions of the type that overlap a gold mention; the other columns by gold type)")


def show_errors(errors, show, limit):
    print("errors by class:")
    for cls in sorted(errors, key=lambda k: (-len(errors[k]), k)):
        print(f"  {len(errors[cls]):>5}  {cls}")
    for cls in sorted(errors):
        if not any(cls == s or cls.startswith(s + ".") for s in show):
            continue
        print(f"\n== {cls} ({len(errors[cls])})")
        for did, anchor, text, g, p in errors[cls][:limit]:
            m = g or p
            gs = f"gold {g['type']} {g['value']}" if g else "gold -"
            ps = f"pred [{p.get('text')}] {p.get('type')} {p.get('value')}" if p else "pred -"
            if p and p.get("rule"):
                ps += f" ({p['rule'].split('[')[0]})"
            print(f"{did} {anchor}: {gs} | {ps}\n    {context(text, m['begin'], m['end'])}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scorer", default=os.environ.get("SCORER"))
    ap.add_argument("--gold", action="append", required=True)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--show", action="append", default=[])
    ap.add_argument("--limit", type=int, default=1000)
    a = ap.parse_args()
    if not a.scorer:
        sys.exit("give --scorer or set SCORER to the project's score_enrich.py")
    sc = load_scorer(a.scorer)
    gold, pred = sc.load(a.gold), sc.load([a.pred])
    show_totals(sc.score(gold, pred))
    per_type, errors = analyse(sc, gold, pred)
    show_types(per_type)
    show_errors(errors, a.show, a.limit)


if __name__ == "__main__":
    main()
