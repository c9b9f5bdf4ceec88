#!/usr/bin/env python3
"""Generates enrich/kb/geography.tsv: the world's named physical features from
Natural Earth (public domain): oceans, seas, gulfs, bays, straits; mountain
ranges, deserts, plateaus, plains, basins, deltas, valleys, peninsulas, coasts,
island groups and large islands; rivers and lakes. See enrich/kb/README.md for
the source's address, commit and every file's sha256.

Usage:
  python3 enrich/kb/tools/build_geography.py --ne DIR > enrich/kb/geography.tsv

  --ne DIR    ne_10m_geography_marine_polys.json, ne_10m_geography_regions_polys.json,
              ne_10m_rivers_lake_centerlines.json, ne_10m_lakes.json (GeoJSON)
  --words     lower-case English words (Debian package wamerican), as build_kb.py's
  --curated / --generated   the knowledge base's other files: an alias either defines
              is not repeated here (so "Japan", "Crimea", "Jordan" and "Congo" keep
              their meaning and their linking)

A name of one word is kept only when it is no ordinary English word, none of
build_kb.py's skipped names (given names, surnames), no word of a curated
person's name and at least four letters; a river's bare name ("Danube",
"Mekong") only for Natural Earth's larger rivers (scalerank <= 5), beside
"X River" and "River X". Natural Earth's upper-case labels are title-cased
and its map abbreviations written out ("MTS." -> "Mountains", "Pen." ->
"Peninsula"). The output is committed; the engine never runs this script.
Output is deterministic for the same inputs.
"""
import argparse
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from build_kb import SKIP_CITY, SKIP_NAME, clean, fold, read_curated, read_words, slug  # noqa: E402

MARINE = {"ocean", "sea", "gulf", "bay", "strait", "sound", "channel", "fjord", "lagoon", "reef", "inlet"}
REGIONS = {"Range/mtn", "Desert", "Geoarea", "Plateau", "Island group", "Peninsula", "Pen/cape", "Coast",
           "Plain", "Basin", "Delta", "Valley", "Island", "Lowland", "Tundra", "Isthmus", "Wetlands", "Gorge",
           "Foothills", "Depression"}
RIVER_BARE_MAX_RANK = 5
RIVER_MAX_RANK = 5
LAKE_MAX_RANK = 4
REGION_MAX_RANK = 4  # smaller: Antarctic coasts, atolls and islets
# Map abbreviations of Natural Earth's labels.
ABBREV = [(r"\bMts?\.", "Mountains"), (r"\bRa\.", "Range"), (r"\bPen\.", "Peninsula"),
          (r"\bPén\.", "Péninsule"), (r"\bPlat\.", "Plateau"), (r"\bStr\.", "Strait"), (r"\bSd\.", "Sound"), (r"\bCord\.", "Cordillera"),
          (r"\bArch\.", "Archipelago"), (r"\bIs\.", "Islands"), (r"\bI\.", "Island"),
          (r"\bIsands\b", "Islands"), (r"^N\. ", "North "), (r"^S\. ", "South ")]
# Small words a title-cased label keeps in lower case.
LOWER = {"of", "the", "and", "de", "del", "du", "des", "la", "le", "da", "do", "di", "al", "el", "ar", "as", "an"}
# Labels in another language than English ("Lago de Maracaibo", "Haut Atlas",
# "Golfo San Jorge"): English text names these otherwise, if at all.
FOREIGN = {"de", "del", "do", "dos", "da", "das", "du", "des", "la", "le", "les", "el", "lago", "golfo",
           "golfe", "baía", "bahía", "península", "péninsule", "isla", "islas", "ilhas", "archipel",
           "archipiélago", "arquipélago", "laguna", "lagoa", "réservoir", "cordillera", "desierto",
           "planalto", "chaîne", "haut", "moyen", "açores", "zaliv", "buhayrat", "ozero", "hu"}
# Names of one word far more often something else in news text.
SKIP = {"Lena", "Huang", "Murray", "Mackenzie", "Darling", "Madison", "Columbia", "Negro", "Grande",
        "Amazonas", "Nelson", "Ural", "Weir", "Peace", "Slave", "Shire", "Orange", "Florida", "India",
        "Alaska", "Japan", "Korea", "Scandinavia", "Punjab", "Labrador", "Jamaica", "Cyprus", "Isabela",
        "Riverina", "Bretagne", "Normandie", "Corse", "Sicilia", "Sardegna", "Donau", "Rhein", "Rhin",
        "Firat", "Dicle", "Ertis", "Ertix", "Abay", "Dnepre", "Bénoué", "Sénégal", "Paraná",
        "Madeira", "Kasai", "Madagascar", "Ireland", "Iceland", "Greenland", "Taiwan", "Cuba", "Fiji",
        "Ebola", "Patagonia", "Bo Hai", "Simpson", "Gibson", "Margo", "Bonaparte", "Starbuck", "Pentecost", "Vostok", "Quan", "Pamir"}
# The oceans' short names, kept although "pacific" and "arctic" are words too.
OCEAN_SHORT = {"Atlantic", "Pacific"}


def title(name):
    name = clean(name.replace("\r", ""))
    shouted = name.upper() == name
    for pat, rep in ABBREV:
        name = re.sub(pat, rep, name, flags=re.IGNORECASE)
    if shouted:
        words = []
        for k, wd in enumerate(name.split(" ")):
            low = wd.lower()
            words.append(low if k and low in LOWER else "-".join(p[:1].upper() + p[1:] for p in low.split("-")))
        name = " ".join(words)
    return name


def rank(p):
    r = p.get("scalerank")
    return 99 if r is None else r


def features(path):
    with open(path, encoding="utf-8") as f:
        for feat in json.load(f)["features"]:
            p = feat["properties"]
            name = p.get("name") or p.get("name_en")
            if name:
                yield p, title(name)


class Writer:
    def __init__(self, taken, words, person_words):
        self.taken, self.words, self.person_words = taken, words, person_words
        self.rows, self.seen_ids = [], set()

    def ok_alias(self, a):
        if fold(a) in self.taken or a in SKIP:
            return False
        if " " in a or "-" in a or a in OCEAN_SHORT:
            return True
        return (len(a) >= 4 and a.lower() not in self.words and a not in SKIP and a not in SKIP_CITY
                and a not in SKIP_NAME and a not in self.person_words)

    def add(self, kind, name, aliases):
        if any(wd.lower() in FOREIGN for wd in name.split(" ")):
            return
        kept = []
        for a in [name] + aliases:
            if a and self.ok_alias(a) and a not in kept:
                kept.append(a)
        if not kept:
            return
        ident = f"naturalearth:{kind}:{slug(kept[0])}"
        if ident in self.seen_ids:
            return
        self.seen_ids.add(ident)
        for a in kept:
            self.taken.add(fold(a))
        self.rows.append(f"LOC\t{kept[0]}\t{ident}\t{'|'.join(kept)}")


def oceans_and_seas(w, path):
    w.rows.append("# --- oceans, seas, gulfs, bays, straits (ne_10m_geography_marine_polys)")
    ocean = {}
    for p, name in features(path):
        cla = p.get("featurecla", "")
        if cla not in MARINE:
            continue
        if cla == "ocean":
            m = re.match(r"(North |South )?(.*) Ocean$", name)
            if m and m.group(1):
                # "North Atlantic Ocean" is a part of the "Atlantic Ocean"
                w.add("marine", name, [name[: -len(" Ocean")]])
            base = m.group(2) if m else name
            ocean.setdefault(base, []).append(name)
            continue
        w.add("marine", name, [])
    for base in sorted(ocean, key=lambda b: -len(ocean[b])):
        # "Atlantic", "Pacific"; "Indian" and "Southern" alone are no oceans, and
        # "Arctic" is as often the region, a weather word or a band ("Arctic blast")
        bare = [base] if base in OCEAN_SHORT else []
        w.add("marine", f"{base} Ocean", bare)


def regions(w, path):
    w.rows.append("# --- mountain ranges, deserts, plateaus, plains, peninsulas, islands "
                  "(ne_10m_geography_regions_polys)")
    rows = sorted((rank(p), name) for p, name in features(path)
                  if p.get("featurecla") in REGIONS and rank(p) <= REGION_MAX_RANK)
    for _, name in rows:
        aliases = []
        # "Gobi", "Negev"; not the adjectives of "Nubian Desert", "Sonoran Desert"
        bare = name[: -len(" Desert")]
        if name.endswith(" Desert") and " " not in bare and not bare.endswith("an"):
            aliases.append(bare)
        w.add("region", name, aliases)


def rivers(w, path):
    w.rows.append("# --- rivers (ne_10m_rivers_lake_centerlines, scalerank <= %d; the bare name <= %d)"
                  % (RIVER_MAX_RANK, RIVER_BARE_MAX_RANK))
    best = {}
    for p, name in features(path):
        r = rank(p)
        if p.get("featurecla") != "River" or r > RIVER_MAX_RANK:
            continue
        best[name] = min(r, best.get(name, 99))
    for name, r in sorted(best.items(), key=lambda x: (x[1], x[0])):
        if name.endswith(" River"):
            continue
        # Named as the encyclopaedia does: "Danube", "Mekong" alone, else "Salween River"
        bare = r <= RIVER_BARE_MAX_RANK and w.ok_alias(name)
        # "River Peace" would be a phrase; "River Thames" style only for a name of its own
        w.add("river", name if bare else f"{name} River", [f"{name} River"] + ([f"River {name}"] if bare else []))


def lakes(w, path):
    w.rows.append("# --- lakes (ne_10m_lakes, scalerank <= %d)" % LAKE_MAX_RANK)
    rows = sorted((rank(p), name) for p, name in features(path) if rank(p) <= LAKE_MAX_RANK)
    for _, name in rows:
        if " " not in name:
            continue  # a lake's name is "Lake X" or "X Lake": one word alone is its town or river
        w.add("lake", name, [])


def taken_aliases(path):
    taken = set()
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        for a in ([f[1]] + (f[3].split("|") if len(f) > 3 else [])):
            taken.add(fold(a.lstrip("=")))
    return taken


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ne", required=True, help="folder with the Natural Earth GeoJSON files")
    ap.add_argument("--words", default="/usr/share/dict/american-english")
    ap.add_argument("--curated", default=os.path.join(HERE, "..", "curated.tsv"))
    ap.add_argument("--generated", default=os.path.join(HERE, "..", "generated.tsv"))
    args = ap.parse_args()
    curated, person_words = read_curated(args.curated)
    words, _ = read_words(args.words)
    w = Writer(set(curated) | taken_aliases(args.generated), words, person_words)
    w.rows.append("# Generated by enrich/kb/tools/build_geography.py from Natural Earth (public domain);")
    w.rows.append("# do not edit. Sources, commit and sha256: enrich/kb/README.md.")
    oceans_and_seas(w, os.path.join(args.ne, "ne_10m_geography_marine_polys.json"))
    regions(w, os.path.join(args.ne, "ne_10m_geography_regions_polys.json"))
    rivers(w, os.path.join(args.ne, "ne_10m_rivers_lake_centerlines.json"))
    lakes(w, os.path.join(args.ne, "ne_10m_lakes.json"))
    sys.stdout.write("\n".join(w.rows) + "\n")
    print(f"build_geography: {sum(1 for r in w.rows if not r.startswith('#'))} places", file=sys.stderr)


if __name__ == "__main__":
    main()
