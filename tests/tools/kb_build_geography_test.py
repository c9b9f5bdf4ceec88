#!/usr/bin/env python3
"""enrich/kb/tools/build_geography.py on tiny Natural Earth themes: labels
title-cased and written out, oceans joined, filters, the aliases the other
knowledge-base files define left to them.

Usage: kb_build_geography_test.py REPO_ROOT
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = sys.argv[1]
SCRIPT = os.path.join(ROOT, "enrich/kb/tools/build_geography.py")


def theme(rows):
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "geometry": None, "properties": p} for p in rows]}


class BuildGeography(unittest.TestCase):
    def run_tool(self):
        with tempfile.TemporaryDirectory() as d:
            files = {
                "ne_10m_geography_marine_polys.json": [
                    {"featurecla": "ocean", "name": "NORTH ATLANTIC OCEAN", "scalerank": 0},
                    {"featurecla": "ocean", "name": "SOUTH ATLANTIC OCEAN", "scalerank": 0},
                    {"featurecla": "ocean", "name": "INDIAN OCEAN", "scalerank": 0},
                    {"featurecla": "sea", "name": "Baltic  Sea", "scalerank": 1},
                    {"featurecla": "generic", "name": "Inner Seas", "scalerank": 1},
                    {"featurecla": "gulf", "name": "Golfo San Jorge", "scalerank": 2}],
                "ne_10m_geography_regions_polys.json": [
                    {"featurecla": "Range/mtn", "name": "CAUCASUS MTS.", "scalerank": 1},
                    {"featurecla": "Desert", "name": "GOBI DESERT", "scalerank": 1},
                    {"featurecla": "Desert", "name": "NUBIAN DESERT", "scalerank": 3},
                    {"featurecla": "Island", "name": "Tiny Atoll", "scalerank": 8},
                    {"featurecla": "Island group", "name": "JAPAN", "scalerank": 1}],
                "ne_10m_rivers_lake_centerlines.json": [
                    {"featurecla": "River", "name": "Danube", "scalerank": 2},
                    {"featurecla": "River", "name": "Danube", "scalerank": 4},
                    {"featurecla": "River", "name": "Peace", "scalerank": 2},
                    {"featurecla": "River", "name": "Salween", "scalerank": 4},
                    {"featurecla": "River", "name": "Smallbrook", "scalerank": 9}],
                "ne_10m_lakes.json": [
                    {"featurecla": "Lake", "name": "Lake Victoria", "scalerank": 0},
                    {"featurecla": "Lake", "name": "Chad", "scalerank": 0}],
            }
            for name, rows in files.items():
                with open(os.path.join(d, name), "w") as f:
                    json.dump(theme(rows), f)
            words = os.path.join(d, "words")
            with open(words, "w") as f:
                f.write("peace\nsea\n")
            gen = os.path.join(d, "generated.tsv")
            with open(gen, "w") as f:
                f.write("LOC\tJapan\tiso3166:JP\tJapan\n")
            out = subprocess.run([sys.executable, SCRIPT, "--ne", d, "--words", words, "--generated", gen],
                                 check=True, capture_output=True, text=True).stdout
        rows = [line.split("\t") for line in out.splitlines() if not line.startswith("#")]
        return {r[1]: (r[0], r[2], r[3].split("|")) for r in rows}

    def test_features(self):
        got = self.run_tool()
        self.assertEqual(got["Atlantic Ocean"][2], ["Atlantic Ocean", "Atlantic"])
        self.assertIn("North Atlantic", got["North Atlantic Ocean"][2])
        self.assertEqual(got["Indian Ocean"][2], ["Indian Ocean"])  # "Indian" alone is the people
        self.assertIn("Baltic Sea", got)
        self.assertEqual(got["Caucasus Mountains"][1], "naturalearth:region:caucasus-mountains")
        self.assertEqual(got["Gobi Desert"][2], ["Gobi Desert", "Gobi"])
        self.assertEqual(got["Nubian Desert"][2], ["Nubian Desert"])  # not the adjective alone
        self.assertEqual(got["Danube"][2], ["Danube", "Danube River", "River Danube"])
        self.assertEqual(got["Peace River"][2], ["Peace River"])  # an ordinary word alone
        self.assertEqual(got["Salween"][2], ["Salween", "Salween River", "River Salween"])
        self.assertIn("Lake Victoria", got)
        for left_out in ("Inner Seas", "Golfo San Jorge", "Tiny Atoll", "Japan", "Smallbrook River", "Chad"):
            self.assertNotIn(left_out, got)
        self.assertTrue(all(t == "LOC" for t, _, _ in got.values()))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]])
