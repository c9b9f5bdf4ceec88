#!/usr/bin/env python3
"""Generates enrich/kb/generated.tsv and generated_lists.tsv from open data and the
hand-written lists (see enrich/kb/README.md for every source's address, commit, licence
and sha256).

Usage:
  python3 enrich/kb/tools/build_kb.py --gaz "$CORPORA/gaz" \
      --lists-out enrich/kb/generated_lists.tsv > enrich/kb/generated.tsv

Inputs:
  --gaz DIR      the gazetteer folder: geonames-cities15000.zip, geonames-countryInfo.tsv,
                 geonames-admin1-regionInfo.tsv, mledoze-countries.json, iso-3166-2.js,
                 sp500-constituents.csv, index-constituents-*.csv,
                 intl-orgs-supraverden-general_list.yaml, partyfacts-core-parties.csv,
                 partyfacts-wikidata.csv
  --football DIR a checkout of openfootball/clubs (the commit and the digest of its club
                 lists that --stats prints are in the README)
  --iso-codes DIR  Debian package iso-codes (iso_3166-1.json, iso_3166-3.json)
  --words FILE   lower-case English words (Debian package wamerican); a one-word place
                 or company short form that is also an ordinary word is left out
  --curated FILE curated.tsv: its aliases win anyway, so they are not repeated here, and
                 the words of its PERSON names are not taken as one-word place names
  tools/facts_*.tsv  hand-written facts in the KB format (UK nations, continents,
                 international bodies, news agencies, sports bodies and clubs, peoples,
                 events, legislatures, public institutions, universities and other
                 bodies, parties and other groups, companies, other sports' teams;
                 and, written to --lists-out, islands, mountains, regions, districts
                 and camps, facilities, past events, news media)
  --lists-out FILE  the second output (generated_lists.tsv): each file stays under 2 MiB

The output is committed; the engine never runs this script. The order of the output is
the priority of an ambiguous alias (the first definition wins): countries, UK nations and
continents, former countries, peoples (NORP), hand-listed organisations, events,
legislatures, public institutions, international organisations, companies, political parties, cities of >= 1M people, subdivisions, the other cities by
population, then football clubs and the other sports' teams; then, in --lists-out, the
places, facilities, past events and media of the later lists. Output is deterministic for
the same inputs.
Format: type <TAB> canonical name <TAB> id <TAB> alias|alias|...  (see README).
"""
import argparse
import ast
import csv
import glob
import hashlib
import io
import json
import os
import re
import sys
import unicodedata
import urllib.parse
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

# Cities above this population are kept worldwide; in the focus countries, above
# MIN_POP_FOCUS. All of cities15000 (32,800 places) would make the KB's start-up
# about 0.5 s; these thresholds keep about 8,000 cities. Cities of at least BIG_CITY people come before subdivisions and are
# kept even when their name is an ordinary word ("Phoenix").
MIN_POP_WORLD = 100_000
MIN_POP_FOCUS = 15_000
BIG_CITY = 1_000_000
# A country's or territory's capital (GeoNames PPLC) is kept from this population
# up whatever MIN_POP_WORLD says: news names small capitals as their governments'
# seats ("Suva", "Apia", "Mbabane", "Kuwait City").
MIN_POP_CAPITAL = 1_000
# The seat of a first-order division (GeoNames PPLA: a state's, a province's, a
# county's of Kenya) is kept from this population up: news names them as their
# governments' seats ("Harrisburg", "Lokoja", "Kohima").
MIN_POP_SEAT = 15_000
FOCUS = {"SY", "IQ", "LB", "JO", "TR", "IL", "PS", "IR", "SA", "YE", "EG", "LY", "UA",
         "RU", "AF", "QA"}
# GeoNames feature codes left out: abandoned, destroyed, historical, religious site.
SKIP_FEATURE = {"PPLQ", "PPLW", "PPLH", "PPLR"}
# Place names that are ordinary English words, first names or far more often
# something else in news text (kept in addition to the --words test).
SKIP_CITY = {"Of", "Nice", "Mobile", "Reading", "Bath", "Split", "Derby", "Hope", "Mark",
             "Victoria", "Florence", "Georgetown", "Marion", "Lincoln", "Jackson", "Madison",
             "Columbia", "Aurora", "Independence", "Vista", "Union", "Nancy",
             "Essen", "Hamilton", "Kent", "Cork", "Batman", "Van", "Bor", "Ob", "Hit", "Ur",
             "Tyre", "Sur", "Sale", "Tours", "Metro", "Como", "Cuba", "Man", "Bar", "Mons",
             "Alexandria", "Washington", "Jordan", "Trump", "Bush", "Jolani", "Salt",
             "Best", "Kerry", "Douglas", "Wells", "Ely", "March", "Said", "Bay", "Soldier",
             "Mosul", "Clinton", "Franklin", "Warren", "Lawrence", "Monroe", "Carson",
             "Irving", "Austin", "Tyler", "Eugene", "Chester", "Gary", "Kennedy", "Murray",
             "Taylor", "Allen", "Troy", "Charlotte",
             "Logan", "Lafayette", "Lorain", "Lowell", "Kent",
             "Santa", "San", "Mary", "Elizabeth", "Adelaide",
             "Preston", "Stanley", "Bradford", "Norman", "Lewis", "Sterling",
             "Plymouth",
             "Nelson", "Ashley", "Ramsey", "Greeley", "Pau",
             "Marx", "Lenin", "Kirov", "Engels",
             "Pushkin", "Gagarin", "Chekhov", "Stalin", "Ataturk", "Sadat", "Assad",
             "Khomeini", "Mandela", "Obama", "Putin", "Erdogan", "Rouhani", "Hariri",
             "Nasser", "Mubarak", "Sisi", "Saddam", "Gaddafi", "Hussein", "Ali", "Omar",
             "Hassan", "Mohammed", "Muhammad", "Ahmed", "Ahmad", "Abbas", "Karim", "Rashid",
             "Khalid", "Mansour", "Salem", "Hamid", "Nasir", "Nasser", "Aziz", "Faisal",
             "Idlib"}
# One-word place names (cities below BIG_CITY, subdivisions) that are mostly people's
# first names or surnames, peoples, companies or generic words in news text.
SKIP_NAME = {"Alexandra", "Nigel", "Mary", "Ann", "Anna", "Isabel", "Elva", "Rae", "Tara",
             "Kara", "Lara", "Miranda", "Alba", "Gilbert", "Henderson", "Richardson",
             "Thornton", "Rodriguez", "Santana", "Herrera", "Rivera", "Rocha", "Flores",
             "Maldonado", "Trujillo", "Guerrero", "Santos", "Nelson", "Brent", "Sutton",
             "Bolton", "Dudley", "Merton", "Angus", "Stirling", "Clarendon", "Marlborough",
             "Pembroke", "Durham", "Langley", "Hastings", "Stamford", "Mansfield",
             "Livingstone", "Lancaster", "Chesterfield", "Brandon", "Everett", "Richmond",
             "Montgomery", "Burlington", "Lexington", "Windsor", "Kimberley", "Beaumont",
             "Fairfield", "Hampton", "Wilmington", "Taft", "Lyman", "Ariel", "Adler", "Carnot",
             "Cesar", "Sucre", "Magdalena", "Concepción", "Bono", "Mon", "Nan", "Toyota",
             "Hitachi", "Edison", "Latina", "Americana", "Carolina", "Delta", "Rivers",
             "Cascades", "Canaries", "Grenadines", "Mara", "Bender", "Masai", "Kikuyu", "Imus",
             "Batu", "Serra", "Rosetta", "Savannah", "Victoria", "Eastern", "Western",
             "Northern", "Southern", "Central", "Centre", "Capital", "North", "South", "East",
             "West", "Coast", "Lakes", "Islands", "Upper", "Lower", "Littoral", "Plateau",
             "Highlands", "Interior", "Orange", "Kent", "Reading", "Derby", "Essex",
             "Hollywood", "Chinatown", "Harlem", "Salvador", "Bahia", "Granada", "Valencia",
             # divisions' seats typed more often as people's names than as places in
             # the name model's training corpora (GMB, WikiGold, WNUT-17, BTC, CrossNER)
             "Harper", "Kanye", "Falun", "Napier", "Buchanan", "Rawson", "Pilar"}
# Divisions' seats below the population floor whose names a review found as often
# people's, peoples', countries' or words ("Bismarck unified Germany", "Helena
# said", "the Cheyenne and Arapaho", "Trinidad"): left out as seats (a larger city
# of the name stays).
SKIP_SEAT = {"Bismarck", "Helena", "Olympia", "Augusta", "Cheyenne", "Mercedes", "Leticia", "Mandeville",
             "Melo", "Rosso", "Pala", "Kandi", "Keren", "Tena", "Trinidad", "Liberia", "Nola"}
# Other spellings of cities common in English news (GeoNames has the first name).
EXTRA_ALIASES = {"New York City": ["New York", "NYC"], "Kyiv": ["Kiev"], "Odesa": ["Odessa"],
                 "Kharkiv": ["Kharkov"], "Dnipro": ["Dnipropetrovsk"], "Lviv": ["Lvov"],
                 "Luhansk": ["Lugansk"], "Zaporizhzhia": ["Zaporozhye"],
                 "Mykolaiv": ["Nikolaev", "Mykolayiv"], "Mumbai": ["Bombay"],
                 "Chennai": ["Madras"], "Kolkata": ["Calcutta"], "Yangon": ["Rangoon"],
                 "Ho Chi Minh City": ["Saigon"], "Beijing": ["Peking"],
                 "Mexico City": ["Ciudad de México"], "Gaza": ["Gaza City"],
                 # English names of European and Arab cities GeoNames has in their own language
                 "Sevilla": ["Seville"], "Köln": ["Cologne"], "Nürnberg": ["Nuremberg"],
                 "Hannover": ["Hanover"], "Braunschweig": ["Brunswick"], "Antwerpen": ["Antwerp"],
                 "Gent": ["Ghent"], "Brugge": ["Bruges"], "A Coruña": ["La Coruña", "Corunna"],
                 "Göteborg": ["Gothenburg"], "Genève": ["Geneva"], "Frankfurt am Main": ["Frankfurt"],
                 "Lyon": ["Lyons"], "Marseille": ["Marseilles"], "Makkah": ["Mecca"]}
# Cities and company short forms kept although their name is an ordinary word.
KEEP_WORD = {"Phoenix", "Reading", "Gent", "Apple", "Alphabet", "Amazon", "Oracle", "Shell",
             "Boeing", "Intel", "Meta", "Tesla", "Nvidia", "Microsoft", "Chevron", "Caterpillar",
             "Honeywell", "Prudential", "Allianz", "Siemens", "Unilever", "Vodafone",
             "Paramount", "Dominion", "Sainsbury", "Aviva", "Tesco", "Rio Tinto", "Micron",
             # a capital written capitalised; the grape is "muscat"
             "Muscat"}
# Companies kept although a city of 50,000 people or more bears their name:
# the company is far the more often written ("Toyota", a city of 420,000
# named after it).
KEEP_CITY = {"Toyota"}
# Company short forms left out although they are no common lower-case word: a
# person's name, a city, or too short or vague to stand alone.
SKIP_COMPANY = {"Target", "Visa", "Ball", "Ford", "Johnson", "Harris", "Morgan", "Hess", "Ross",
                "Williams", "Franklin", "Lowe", "Baker", "Fox", "Hilton", "News", "Southern",
                "Progressive", "Mosaic", "Match", "Gap", "Block", "Snap", "Equity", "Public",
                "American", "General", "First", "United", "Universal", "Digital", "Global",
                "Edison", "Dover", "Textron", "Lam", "Eaton", "Hubbell", "Moody", "McCormick",
                "Next", "Smith", "Nathan", "Experian", "Sage", "Halma", "Howden",
                "Persimmon", "Intertek", "Schroders", "Compass",
                "Severn Trent", "United Utilities", "Land", "Admiral", "Legal", "Standard",
                "Phoenix", "Games Workshop", "Whitbread", "Weir", "Entain", "Rightmove",
                "Auto Trader", "Airtel", "Coca", "Procter", "Marsh", "Jack",
                "Hormel", "Kellanova", "Pool", "Cooper", "Arch", "Axon", "Ameriprise",
                "Regency", "Invitation", "Essex", "Camden", "Kimco", "Federal", "Welltower",
                "Ventas", "Extra", "Iron", "Crown", "Republic", "Waste", "Old", "Grid",
                "Vertex", "Cadence", "Synopsys", "Copart", "Fastenal", "Paychex", "Exelon",
                "Constellation", "Quanta", "Vistra", "Cboe", "Gartner", "Jacobs",
                "Leidos", "Loews", "Mohawk", "Packaging", "Regions", "Truist", "Citizens",
                "Fifth Third", "Huntington", "Northern", "State", "Principal", "Lincoln",
                "Unum", "Everest", "Assurant", "Globe", "Aptiv", "Henry",
                "Rollins", "Tyler", "Monster", "Brown", "Carrier", "Otis", "Trane", "Lennox",
                "Masco", "Allegion", "Pentair", "Xylem", "Dow", "Linde", "Albemarle",
                "Amcor", "Sealed Air", "International Paper", "Steel", "Mercedes",
                "Continental", "Brenntag", "Heidelberg", "Zalando", "Symrise",
                "Beiersdorf", "Prysmian",
                "Poste", "Generali", "Intesa", "Banco", "Campari", "Moncler", "Ferrari",
                "Nexi", "Hera", "Terna", "Snam", "Saipem", "Tenaris",
                "Recordati", "Unipol", "Iveco", "Amplifon", "Avio", "Telecom", "Inwit",
                "Mediobanca", "Link", "Sands", "Galaxy", "China", "Orient",
                "Power", "Sino", "Hang", "Wharf", "Swire", "Henderson", "New World",
                "Techtronic", "Meituan", "Baidu",
                "Country Garden", "Longfor", "Li Ning", "Anta", "Bank", "Trip",
                "Super", "Bath",
                # pytickersymbols' indices: surnames, a university, an era, a band,
                # a philosopher, a deer, a headline's words
                "Shimizu", "Kubota", "Okuma", "Kao", "Keio", "Meiji", "Olympus", "Toto", "Vinci", "Roche",
                "Nomura", "Thales", "Aegon", "Sika", "International Airlines",
                # a Dutch region, a myth's treasure
                "Randstad", "Sampo"}
# Legal-form and share-class words dropped to get a company's short form.
COMPANY_SUFFIX = re.compile(
    r"(?:,?\s+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Company|Companies|plc|PLC|"
    r"Plc|AG|AB|SE|N\.V\.|NV|S\.A\.|SA|S\.p\.A\.|SpA|S\.p\.a\.|Ltd\.?|Limited|LLC|L\.P\.|LP|"
    r"Holdings?|Group|Co\.,? Ltd\.?|& Co\.?|KGaA|AG & Co\.|Class [A-C]|\(Class [A-C]\)|"
    r"\(The\)|Trust|Technologies|International|Worldwide|Enterprises|Industries|"
    r"Financial|Bancorp|Brands|Systems|Networks|Labs|Pharmaceuticals|Therapeutics|"
    r"Communications|Platforms|Technology|Sciences|Banking|"
    r"Holdings Inc\.|ADR|Ordinary Shares|Common Stock))+$")


def clean(n):
    return re.sub(r"\s+", " ", n).strip()


def fold(s):
    """A comparison key: no accents, no '.', hyphens as spaces, lower case."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace(".", "").replace("-", " ").replace("\u2019", "'")
    return clean(s).lower()


def ascii_form(s):
    """The name without diacritics ("Ḩalab" -> "Halab"), or None if not Latin."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("\u02bf", "").replace("\u02be", "").replace("\u2019", "'")
    return s if all(ord(ch) < 128 for ch in s) else None


def latin(s):
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) or 0x1E00 <= ord(ch) < 0x1F00
               or ch in "\u02bf\u02be\u2019" for ch in s)


def slug(s):
    s = ascii_form(s) or s
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


class Writer:
    """Collects entity lines; drops aliases that an earlier line or curated.tsv defines,
    except that a place may share a name with an earlier generated entity of another
    country or type ("Georgia" the country and the US state, "Tripoli" in Libya and in
    Lebanon, "Liverpool" the club and the city): the engine then chooses among them by
    the mention's type and the document's other places (the context column)."""

    def __init__(self, curated):
        self.rows = []
        self.curated = curated  # folded alias -> curated id
        self.holders = {}  # folded alias -> [(type, country)] of the generated entities
        self.ids = set()
        self.counts = {}
        self.country_ctx = {}  # ISO 3166-1 code -> ids of the country

    def section(self, title):
        self.rows.append(f"# --- {title} ---")

    def shareable(self, k, typ, country):
        held = self.holders.get(k)
        return bool(held) and country is not None and all(
            t != typ or (c is not None and c != country) for t, c in held)

    def emit(self, typ, name, ident, aliases, group, name_is_alias=True, context=(),
             country=None):
        """Adds an entity with the aliases not defined before; none left: no line.
        `context`: ids of the places that contain it (its country, its region);
        `country`: its ISO 3166-1 code, for a place that may share a name."""
        if ident in self.ids:
            return False
        al, keys = [], set()
        # (Nor the name when an alias is it in its exact case: "=Nordic Capital".)
        cands = ([name] if name_is_alias and "(" not in name and "=" + name not in aliases
                 else []) + list(aliases)
        # An organisation's "&" is written "and" too ("Procter and Gamble").
        if typ == "ORG":
            cands += [c.replace(" & ", " and ") for c in cands if c and " & " in c]
        for a in cands:
            a = clean(a or "")
            exact = a.startswith("=")  # matched in its exact case only
            b = a[1:] if exact else a
            if not b or "," in b or "(" in b or "|" in b or "\t" in b or not latin(b):
                continue
            if not (b[:1].isupper() or b[:1].isdigit() or (exact and any(c.isupper() for c in b))):
                continue  # a lower-case alias would match in any case ("=medRxiv" only so)
            k = fold(b)
            if len(k) < 2 or k in self.curated or (
                    k in self.holders and not self.shareable(k, typ, country)):
                continue
            if k in keys:
                # A name written first in lower case ("=medRxiv" after "MedRxiv") is
                # matched so from a lower-case word: both stay.
                if exact and b[:1].islower() and a not in al:
                    al.append(a)
                    continue
                # "Fifa" matches "FIFA" too; "FIFA" would match only capitals.
                j = next(x for x, c in enumerate(al) if fold(c.lstrip("=")) == k)
                if al[j].lstrip("=").isupper() and not b.isupper():
                    al[j] = a
                continue
            keys.add(k)
            al.append(a)
        if not al:
            return False
        for k in keys:
            self.holders.setdefault(k, []).append((typ, country))
        self.ids.add(ident)
        ctx = "|".join(dict.fromkeys(c for c in context if c and c != ident))
        # The loader matches the canonical name anyway (enrich/kb.cc, ParseTsvLine; not
        # a NORP's, which may be an -ism or "... people"): not written again where
        # the column keeps something, another alias or an empty column before the
        # context (the file stays under 2 MiB).
        written = al
        if typ != "NORP" and al[0] == name and (len(al) > 1 or ctx):
            written = al[1:]
        self.rows.append(f"{typ}\t{name}\t{ident}\t{'|'.join(written)}" + (f"\t{ctx}" if ctx else ""))
        self.counts[(typ, group)] = self.counts.get((typ, group), 0) + 1
        return True


def read_curated(path):
    """The folded aliases of curated.tsv with their ids, and the words of its PERSON names."""
    aliases, person_words = {}, set()
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        names = [x.lstrip("=") for x in f[3].split("|")] if len(f) > 3 else []
        if "(" not in f[1]:
            names.append(f[1])
        for a in names:
            aliases.setdefault(fold(a), f[2])
            if f[0] == "PERSON":
                person_words.update(w for w in a.split() if w[:1].isupper())
    return aliases, person_words


def read_words(path):
    """The English word list's lower-case words and its capitalised entries, the
    proper nouns ("Thames", "Saturn", "Norma"), read once."""
    if not path or not os.path.exists(path):
        print(f"build_kb: no word list at {path}; ordinary-word test off", file=sys.stderr)
        return set(), set()
    entries = [w.strip() for w in open(path, encoding="utf-8", errors="replace") if "'" not in w]
    return {w for w in entries if w[:1].islower()}, {w for w in entries if w[:1].isupper()}


def countries(w, iso, gaz):
    """ISO 3166-1 countries with their names from iso-codes and mledoze/countries."""
    md = {c["cca2"]: c for c in json.load(open(f"{gaz}/mledoze-countries.json", encoding="utf-8"))}
    w.section("countries (iso-codes, mledoze/countries)")
    for c in json.load(open(f"{iso}/iso_3166-1.json", encoding="utf-8"))["3166-1"]:
        name = c.get("common_name") or c["name"]
        m = md.get(c["alpha_2"], {})
        if "," in name or "(" in name:
            name = m.get("name", {}).get("common") or c.get("official_name", name).removeprefix("the ")
        aliases = [name, c["name"], c.get("official_name", "").removeprefix("the ")]
        if m:
            aliases += [m["name"]["common"], m["name"]["official"]]
            eng = m.get("demonyms", {}).get("eng", {})
            demonyms = {eng.get("m"), eng.get("f")}
            for a in m.get("altSpellings", []):
                # Codes ("GB", "AF") only as a known acronym of 3+ letters ("UAE").
                if a.isupper() and len(a) <= 2:
                    continue
                # The country's own adjective is its people's (peoples()): "Thai"
                # of Thailand; not where it is the name's first word ("Vatican" City).
                if a in demonyms and not name.startswith(a + " "):
                    continue
                aliases.append(a)
        cc = c["alpha_2"]
        # The ids a mention of the country links to: ISO's, and curated.tsv's when it
        # defines the country's name ("Syria" is Q858): the context of its places.
        w.country_ctx[cc] = [f"iso3166:{cc}"] + [
            w.curated[fold(a)] for a in (name, c["name"]) if fold(a) in w.curated]
        w.emit("LOC", name, f"iso3166:{cc}", aliases, "country", country=cc)
    return md


def proper_last(alias, words):
    """The alias's last word is no English common noun in lower case ("Port of
    Hodeidah", "Power of Siberia 2", "Côte d'Azur", "Lidové noviny"; not "Grasberg
    mine", "Dadaab refugee camp"); `words`: the word list's lower-case words."""
    last = alias.lstrip("=").split()[-1] if alias.strip("= ") else ""
    return not (last[:1].islower() and last in words)


def facts(w, path, group, name_is_alias=True, types=None, words=None):
    """Hand-written facts; `name_is_alias`: the name is matched too (not for
    peoples, whose names are "Igbo people": the guidelines tag "Igbo" alone);
    `types`: only the lines of these types (a file of two kinds, each under its
    own header); `words` (lower-case English words): no alias that ends in one (a
    place's or a facility's common noun, which the guidelines leave out of the
    mention: "the Dadaab refugee camps" is "Dadaab")."""
    for no, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) != 4 or f[0] not in ("PERSON", "ORG", "LOC", "NORP", "EVENT"):
            sys.exit(f"{path}:{no}: malformed line")
        if types is None or f[0] in types:
            name, aliases = f[1], f[3].split("|")
            # An Arabic article in lower case before a capital ("al-Hol"): the loader
            # matches it so from the alias with a capital article ("Al-Hol"); an alias
            # in lower case would be dropped.
            aliases = [re.sub(r"^(=?)([ae])l-(?=[A-Z])", lambda m: m.group(1) + m.group(2).upper() + "l-", a)
                       for a in aliases]
            if words is not None:
                # The loader matches a canonical name too: one that ends in a common
                # noun gives way to the first alias that does not ("Panguna mine" is
                # named "Panguna").
                aliases = [a for a in aliases if proper_last(a, words)]
                if not proper_last(name, words):
                    if not aliases:
                        continue
                    name = aliases[0].lstrip("=")
            w.emit(f[0], name, f[2], aliases, group, name_is_alias=name_is_alias)


def former_countries(w, iso):
    w.section("former countries (iso-codes ISO 3166-3)")
    for c in json.load(open(f"{iso}/iso_3166-3.json", encoding="utf-8"))["3166-3"]:
        name = c["name"].split(",")[0]
        if "(" in name:
            continue
        w.emit("LOC", name, f"iso3166-3:{c['alpha_4']}", [name], "former country")


# Peoples: nouns and plurals that are not the demonym + "s" (mledoze gives adjectives).
PEOPLE_NOUNS = {
    "British": ["Britons", "Briton", "Brits"], "Danish": ["Danes", "Dane"],
    "Swedish": ["Swedes", "Swede"], "Finnish": ["Finns", "Finn"], "Polish": ["Poles", "Pole"],
    "Turkish": ["Turks", "Turk"], "Spanish": ["Spaniards", "Spaniard"],
    "Dutch": ["Dutchman", "Dutchmen", "Dutchwoman"], "Irish": ["Irishman", "Irishmen"],
    "Filipino": ["Filipinos", "Filipina", "Filipinas"], "Thai": ["Thais"],
    "Icelandic": ["Icelanders", "Icelander"], "Luxembourgish": ["Luxembourgers"],
    "Bangladeshi": ["Bangladeshis"], "Kenyan": ["Kenyans"], "French": ["Frenchman", "Frenchmen"],
    "Emirati": ["Emiratis"], "Afghan": ["Afghans"], "Kuwaiti": ["Kuwaitis"],
    "Malagasy": [], "Swiss": [], "New Zealander": ["New Zealanders", "Kiwis"],
}
# Demonyms that are mostly something else in English text.
SKIP_DEMONYM = {"Guinea-Bissauan", "American Islander", "Heard and McDonald Islander",
                "French Polynesian", "Christmas Islander", "Cocos Islander", "Saint Helenian",
                "Dominican", "Georgian", "Jordanian", "Mahoran", "Chadian"} - {"Jordanian"}


def tongue_peoples(md, iso_dir):
    """The people's word a country takes from its language, where mledoze gives
    another demonym: a one-word language name of ISO 639-2 that the country's
    common name is made of ("Kazakh" of Kazakhstan, "Uzbek" of Uzbekistan,
    "Kyrgyz" of Kyrgyzstan, "Lao" of Laos), with its plural ("Kazakhs") where
    that is no country's name and the word ends in no sibilant."""
    names = set()
    for lang in json.load(open(f"{iso_dir}/iso_639-2.json", encoding="utf-8"))["639-2"]:
        for n in lang["name"].split(";"):
            n = n.strip()
            if n and " " not in n and "(" not in n:
                names.add(n)
    out = {}
    for cca2, c in md.items():
        common = c["name"]["common"]
        for n in sorted(names):
            if common in (n + "stan", n + "istan", n + "s"):
                words = [n] + ([] if n + "s" == common or re.search(r"(s|z|sh|ch)$", n) else [n + "s"])
                out.setdefault(cca2, []).extend(words)
    return out


def peoples(w, md, iso_dir):
    """NORP: the people of each country, named as in curated.tsv ("Syrians" for
    "Syrian", "French people" for "French"), with the people's word a country
    takes from its language (tongue_peoples)."""
    w.section("peoples: demonyms and adjectives (mledoze/countries; ISO 639-2 for Kazakh, Lao, ...)")
    seen = set()
    tongues = tongue_peoples(md, iso_dir)
    for cca2 in sorted(md, key=lambda k: md[k]["name"]["common"]):
        c = md[cca2]
        eng = c.get("demonyms", {}).get("eng", {})
        extra = [t for t in tongues.get(cca2, []) if t not in (eng.get("m"), eng.get("f"))]
        for d in dict.fromkeys([eng.get("m"), eng.get("f")]):
            if not d or d in seen or d in SKIP_DEMONYM or not d[:1].isupper():
                continue
            seen.add(d)
            nouns = PEOPLE_NOUNS.get(d)
            invariant = re.search(r"(ese|sh|ch|ss|Malagasy)$", d) is not None
            if invariant:
                canon = f"{d} people"
                aliases = [d] + (nouns or [])
            elif nouns and nouns[0].endswith("s"):
                canon = nouns[0]
                aliases = [d] + nouns
            else:
                canon = d + "s"
                aliases = [d, canon] + (nouns or [])
            if extra:
                # The people's own word names it ("Kazakhs", "Kyrgyz people"), as
                # the English Wikipedia does; mledoze's demonym is an alias.
                aliases = [canon] + aliases + [t for t in extra if t not in aliases]
                canon = next((t for t in extra if t.endswith("s")), extra[0] + " people")
                extra = []
            # (Not "Sudanese people" as an alias where "Sudanese" is one: the
            # guidelines tag "Sudanese" in "ordinary Sudanese people".)
            def spelt_alone(a):
                bare = a[:-len(" people")]
                return (a.endswith(" people") and bare in aliases and fold(bare) not in w.curated and
                        fold(bare) not in w.holders)
            w.emit("NORP", canon, f"tidings:{slug(canon)}", [a for a in aliases if not spelt_alone(a)], "people",
                   name_is_alias=not spelt_alone(canon), context=w.country_ctx.get(cca2, ()))


def read_yaml_orgs(path):
    try:
        import yaml
    except ImportError:
        sys.exit("pip install pyyaml (or apt-get install python3-yaml)")
    return yaml.safe_load(open(path, encoding="utf-8"))


def intl_orgs(w, gaz):
    """International organisations from SupraVerden, with its Wikidata codes."""
    data = read_yaml_orgs(f"{gaz}/intl-orgs-supraverden-general_list.yaml")
    w.section("international organisations (SupraVerden)")
    # Families and kinds that news names most first; the rest after, in file order.
    def rank(item):
        v = item[1]
        fam = v.get("Org_family") or "none"
        return (0 if fam in ("UN and affiliates", "none") else 1 if fam.startswith("EU") else 2)
    for key, v in sorted(data.items(), key=rank):
        name = clean(v.get("Name_en") or key)
        qid = v.get("Wikidata_code") or ""
        ident = qid if re.fullmatch(r"Q\d+", qid) else f"tidings:{slug(name)}"
        aliases = [name]
        for k in sorted(v):
            if re.fullmatch(r"Name_(other(_\d)?|former)_en", k) and isinstance(v[k], str):
                aliases.append(v[k])
        for k in sorted(v):
            if re.fullmatch(r"Abbreviation(_other(_\d)?|_former)?_en", k) and isinstance(v[k], str):
                a = v[k].strip()
                # Abbreviations of two letters are too ambiguous ("EU" is curated).
                if len(re.sub(r"[^A-Za-z0-9]", "", a)) >= 3:
                    aliases.append(a)
        w.emit("ORG", name, ident, aliases, "international organisation")


def short_company(name):
    s = name
    while True:
        t = COMPANY_SUFFIX.sub("", s).strip().rstrip(",").strip()
        t = re.sub(r"^The ", "", t)
        # "Deere & Company", "McCormick & Company": no "&" left at the end.
        t = re.sub(r"\s+(?:&|and)$", "", t)
        if t == s:
            return s
        s = t


# The large-cap indices read from pytickersymbols that the index-constituents
# files lack, in this order (after those files: a shared alias stays theirs).
TICKER_INDICES = ["EURO STOXX 50", "CAC_40", "AEX", "BEL 20", "IBEX 35", "Switzerland 20",
                  "OMX Stockholm 30", "OMX Helsinki 25", "NIKKEI 225", "MDAX", "TecDAX"]
# Indices the other files already have: their companies are not read again
# from pytickersymbols, under another spelling ("Deutsche Börse", "BMW",
# "Munich Re" for the DAX file's "Deutsche Boerse AG", "Bayerische Motoren
# Werke AG", "Muenchener Rueckversicherungs-Gesellschaft AG").
TICKER_COVERED = ["DAX", "FTSE 100", "S&P 500", "NASDAQ 100", "DOW JONES"]
# Their one-word names left out: a given name or a common surname, a town, a
# word or a figure of myth more often than the company in news ("Elisa", the
# Finnish operator; "Suzuki", "Honda", "Ericsson", "Kone": "Keisuke Honda",
# "Marcus Ericsson" are people; "Hella", "Thales", "Aegon", "Sika").
SKIP_TICKER = {"Elisa", "Kalmar", "Suzuki", "Legrand", "Puig", "Honda", "Ericsson", "Kone", "Philips",
               "Hella", "K Line"}
# Their names in capitals of three letters or fewer name something else as
# often (NEC: a party's National Executive Committee; SCA, AGC, ASM, UCB;
# UPM and SMC are parties' too): left out, but for these.
TICKER_ACRONYMS = {"BMW", "UBS", "ABB", "ING", "KPN", "TUI", "TDK", "SKF", "RTL", "SAP", "H&M"}


def small_acronym(name):
    """A name in capitals of three letters or fewer ("NEC", "T&D")."""
    return name.isupper() and len(re.sub(r"[^A-Z]", "", name)) <= 3


def read_tickers(path):
    """(index, name) of pytickersymbols' TICKER_INDICES, read from its wheel: the
    INDICES literal of pytickersymbols/indices_data.py, parsed, never imported."""
    with zipfile.ZipFile(path) as z:
        src = z.read("pytickersymbols/indices_data.py").decode("utf-8")
    m = re.search(r"^INDICES = ", src, re.M)
    if m is None:
        sys.exit(f"build_kb: {path}: no INDICES in pytickersymbols/indices_data.py")
    data = ast.literal_eval(src[m.end():].strip())
    covered = {i for code in TICKER_COVERED for c in data[code]["companies"] for i in c.get("isins", [])}
    rows = []
    for code in TICKER_INDICES:
        for c in data[code]["companies"]:
            if covered & set(c.get("isins", [])):
                continue
            n = re.sub(r"\s*\([^)]*\)$", "", c["name"])  # "Puma (brand)", "Metso (2020–present)"
            n = re.sub(r"(?<=[a-zäöå])[ABC]$", "", n)      # a share class glued on: "KalmarB"
            rows.append((code, c.get("symbol", ""), clean(n)))
    return rows


def companies(w, gaz, words, city_names, tickers=None):
    """Constituents of the S&P 500, Dow, NASDAQ-100, FTSE 100, DAX, FTSE MIB, HSI,
    then of TICKER_INDICES (`tickers`: the pytickersymbols wheel).
    A short name that is a city's of 50,000 people or more ("Cincinnati" for Cincinnati
    Financial, "Berkeley" for Berkeley Group) is no alias: alone, it names the city far
    more often. The id stays the short name's. A company of one word that is an
    English word, a city's name or on SKIP_TICKER is left out of the tickers'."""
    w.section("companies (stock-index constituents)")
    rows = []
    with open(f"{gaz}/sp500-constituents.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append(("sp500", r["Symbol"], r["Security"]))
    order = ["dowjones", "nasdaq100", "sp500", "ftse100", "dax", "ftsemib", "hsi"]
    for code in order:
        with open(f"{gaz}/index-constituents-{code}.csv", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                rows.append((code, r["Symbol"], r["Name"]))
    # Dow and NASDAQ-100 first: the biggest names win a shared alias.
    rows.sort(key=lambda r: order.index(r[0]) if r[0] in order else 2)
    if tickers:
        for code, sym, name in read_tickers(tickers):
            one_word = " " not in name
            if one_word and (name in SKIP_TICKER or name in SKIP_COMPANY or
                             (fold(name) in city_names and name not in KEEP_CITY) or
                             (name.lower() in words and name not in KEEP_WORD)):
                continue
            if small_acronym(name) and name not in TICKER_ACRONYMS:
                continue
            rows.append((code, sym, name))
    done = {}
    for code, sym, full in rows:
        full = clean(full)
        canon = re.sub(r"\s*\(?Class [A-C]\)?$", "", full)
        canon = re.sub(r"^(.*), (Inc\.|Corp\.|Co\.)$", r"\1 \2", canon)
        if canon.startswith("The ") and canon.endswith(", Inc."):
            canon = canon[4:]
        canon = re.sub(r"\s+(Registered Shares|Ordinary Shares)$", "", canon)
        # A given name in brackets after the surname is the name's start
        # ("Lilly (Eli)" is Eli Lilly; not "(The)", nor a share class).
        canon = re.sub(r"^(\S+) \((?!The\))([A-Z][a-z]+)\)$", r"\2 \1", canon)
        # Upper-case listings ("ANGLO AMERICAN PLC") in title case.
        if canon.isupper() and len(canon) > 6:
            canon = " ".join(x if len(x) <= 3 and x not in ("PLC",) else x.title()
                             for x in canon.split())
        short = short_company(canon)
        key = fold(short)
        # A ticker company whose short form is another company's ("EQT AB",
        # "EQT Corporation") keeps its full name alone.
        full_only = key in done and code in TICKER_INDICES and fold(canon) not in done
        if full_only:
            key = fold(canon)
        elif key in done:
            continue
        done[key] = True
        aliases = [canon]
        ok = not full_only and len(short) >= 3 and short not in SKIP_COMPANY and (
            short in KEEP_WORD or " " in short or short.lower() not in words)
        if code in TICKER_INDICES and small_acronym(short):
            ok = ok and short in TICKER_ACRONYMS  # "T&D", "IHI", "JGC" as above
        if ok and (fold(short) not in city_names or short in KEEP_CITY):
            aliases.append(short)
        ident = f"tidings:{slug(short if ok else canon)}"
        w.emit("ORG", canon, ident, aliases, "company")


def parse_iso_3166_2(path):
    t = open(path, encoding="utf-8").read()
    out = []
    for block in re.findall(r"\{([^{}]*)\}", t):
        fields = {k: a or b for k, a, b in re.findall(
            r"(\w+): (?:'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\")", block)}
        if {"code", "name", "parent"} <= fields.keys():
            out.append((fields["code"], fields["name"].replace("\\'", "'"), fields["parent"]))
    return out


def subdivisions(w, gaz, words, person_words):
    """ISO 3166-2 subdivisions whose parent is a country, merged with the GeoNames
    first-level divisions of the same name (their spellings become aliases). GeoNames
    divisions without an ISO match by name follow with GeoNames ids: mostly the English
    name of a region ISO spells locally ("Bavaria" for "Bayern"), so such a region has
    two entities; the names differ, each alias still has one entity.
    Returns the rows to emit, and the id of each GeoNames admin1 code ("US.GA") for the
    context of the cities (which are read before the rows are written)."""
    admin1, admin1_ids, rows = {}, {}, []
    with open(f"{gaz}/geonames-admin1-regionInfo.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                continue
            code, name, name_ascii, gid = cols[:4]
            admin1.setdefault(code.split(".")[0], []).append((name, name_ascii, gid, code))
    for code, name, parent in parse_iso_3166_2(f"{gaz}/iso-3166-2.js"):
        if len(parent) != 2:
            continue  # second-level: counties of a region, too fine-grained
        m = re.fullmatch(r"(.*), (City of|The|the)", name)
        if m:
            name = f"{m.group(2)[0].upper()}{m.group(2)[1:]} {m.group(1)}"
        name = re.sub(r"\s*\[.*\]$", "", name)
        base = re.sub(r"\s*\(.*\)$", "", name)
        aliases = [base, ascii_form(base)]
        for an, aa, gid, a1 in admin1.get(parent, []):
            if fold(an) == fold(base) or fold(aa) == fold(base):
                aliases += [an, aa]
                admin1_ids.setdefault(a1, f"iso3166-2:{code}")
        aliases = [a for a in aliases if a and not ordinary(a, words, person_words)]
        rows.append((name, f"iso3166-2:{code}", aliases, parent))
    for cc in sorted(admin1):
        for an, aa, gid, a1 in admin1[cc]:
            aliases = [a for a in (an, aa) if not ordinary(a, words, person_words)]
            rows.append((an, f"geonames:{gid}", aliases, cc))
            admin1_ids.setdefault(a1, f"geonames:{gid}")
    return rows, admin1_ids


def emit_subdivisions(w, rows):
    w.section("subdivisions (ISO 3166-2 from wooorm/iso-3166; GeoNames admin1)")
    for name, ident, aliases, cc in rows:
        w.emit("LOC", name, ident, aliases, "subdivision", name_is_alias=False,
               context=w.country_ctx.get(cc, ()), country=cc)


# Party names and acronyms that news uses more often for something else: time zones,
# common abbreviations ("MEP", "PLC", "APR", "MSM"), words of other languages.
PARTY_NAME_SKIP = {"Democratas", "Majorité", "Principlists", "Republica", "Unionists",
                   "ADA", "APR", "ATR", "CDS", "CPT", "CST", "DNA", "GPC", "ICP", "IDP",
                      "IRL", "JRM", "LPA", "MEP", "MMA", "MSM", "NDA", "NFC", "PAC", "PDT",
                      "PGP", "PLC", "PPA", "REU", "SNS", "TIM"}

# Words that say a name is a party's ("Democratic Alliance" is one, "We Can" may not be).
PARTY_HEADS = {"Alliance", "Bloc", "Coalition", "Congress", "Democrats", "Federation",
               "Front", "Greens", "League", "Movement", "Party", "Platform", "Rally",
               "Socialists", "Union"}

# Words a party's name may keep in lower case ("Party of the Regions", "Partido dos
# Trabalhadores", "Prawo i Sprawiedliwość").
PARTY_LINKS = {"of", "for", "and", "the", "in", "de", "del", "des", "do", "dos", "da",
               "das", "di", "la", "le", "les", "el", "los", "las", "y", "e", "i", "et",
               "und", "van", "der", "voor", "en", "na", "ng", "za", "pour", "per", "al"}


def party_names(r):
    """The English and native names of a Party Facts row, split at " / " and without
    bracketed notes ("Irish Nationalist [Northern Ireland]", "Democratic Party (2007)")."""
    out = []
    for field in ("name_english", "name"):
        for n in re.split(r"\s*/\s*", r.get(field) or ""):
            n = clean(re.sub(r"\s*\[[^\]]*\]", "", n))
            n = re.sub(r"\s*\(\d{4}\)$", "", n)
            if n and n not in out:
                out.append(n)
    return out


def party_alias(n, share, active, words, person_words):
    """A party's name as an alias, or None: two words or more, every word but the links
    capitalised, and matched in its exact case when every word is an ordinary English
    word and none says what it is ("=We Can", "=Law and Justice": not a sentence's "We
    can"; "the Labor party" still finds "Labor Party"); one word only for a
    party of 10% of a vote still standing whose name is no English word or given name
    ("Fidesz", "Likud", "Syriza")."""
    ws = n.split()
    if len(ws) == 2 and ws[0] == "The":
        return None  # "The Left", "The Alternative": a phrase's start more often
    if len(ws) >= 2:
        if not (all(x[:1].isupper() or x[:1].isdigit() or x in PARTY_LINKS for x in ws)
                and ws[-1][:1].isupper()):
            return None
        plain = all(x in PARTY_LINKS or x.lower() in words for x in ws) and not any(
            x in PARTY_HEADS for x in ws)
        return "=" + n if plain else n
    if (active and share >= 10 and re.fullmatch(r"[A-Z][a-zà-ÿ]{4,}", n)
            and n not in PARTY_NAME_SKIP and not ordinary(n, words, person_words)):
        return n
    return None


def parties(w, gaz, iso, words, person_words):
    """Political parties from Party Facts' core list: those standing this century with
    1% of a national vote or more, the largest first; their Wikidata ids where Party
    Facts links one. Acronyms of three capitals or more ("ANC", "AKP") only for parties
    still standing with 5% or more, and not when the acronym is an English word or
    names something else more often (PARTY_NAME_SKIP). The canonical name is the
    English Wikipedia title Party Facts links ("Bharatiya Janata Party"), else the
    first English name."""
    alpha3 = {c["alpha_3"]: c["alpha_2"] for c in
              json.load(open(f"{iso}/iso_3166-1.json", encoding="utf-8"))["3166-1"]}
    with open(f"{gaz}/partyfacts-wikidata.csv", encoding="utf-8") as f:
        qids = {r["partyfacts_id"]: r["wikidata_id"] for r in csv.DictReader(f)}
    rows = []
    with open(f"{gaz}/partyfacts-core-parties.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            try:
                share = float(r["share"])
            except ValueError:
                continue
            last = r["year_last"]
            # "CDU/CSU": an alliance of parties listed on their own.
            if r["technical"] or share < 1 or (last and int(last) < 2000) or "/" in r["name_short"]:
                continue
            rows.append((-share, int(r["partyfacts_id"]), r, share, not last))
    rows.sort(key=lambda x: x[:2])
    w.section("political parties (Party Facts)")
    for _, pid, r, share, active in rows:
        names = [a for a in (party_alias(n, share, active, words, person_words)
                             for n in party_names(r)) if a]
        short = clean(r["name_short"] or "")
        if (active and share >= 5 and re.fullmatch(r"[A-Z][A-Za-z]{1,5}", short)
                and sum(ch.isupper() for ch in short) >= 3 and short.lower() not in words
                and short not in PARTY_NAME_SKIP):
            names.append(short)
        if not names:
            continue
        canon = names[0].lstrip("=")
        url = r["wikipedia"] or ""
        if url.startswith("https://en.wikipedia.org/wiki/"):
            canon = clean(urllib.parse.unquote(url.rsplit("/", 1)[1]).replace("_", " "))
            a = party_alias(canon, share, active, words, person_words)
            if a and a not in names:
                names.insert(0, a)
        qid = qids.get(str(pid), "")
        ident = qid if re.fullmatch(r"Q\d+", qid) else f"tidings:party-{pid}"
        cc = alpha3.get(r["country"])
        w.emit("ORG", canon, ident, names, "political party", name_is_alias=False,
               context=w.country_ctx.get(cc, []), country=cc)


# openfootball's file names that are not ISO 3166-1 codes (the UK's nations, Kosovo).
FOOTBALL_CC = {"eng": "GB", "sco": "GB", "wal": "GB", "nir": "GB", "kos": "XK"}
# Words that name a kind of club rather than one ("Sporting", "Dynamo", "United").
CLUB_WORDS = {"United", "City", "Athletic", "Atletico", "Atlético", "Sporting", "Dynamo",
              "Dinamo", "Real", "Inter", "Olympic", "Olympique", "Rovers", "Wanderers", "Town",
              "County", "Albion", "Racing", "Union", "Unión", "Universidad", "Nacional",
              "National", "Club", "Deportivo", "Rapid", "Slavia", "Spartak", "Lokomotiv",
              "Zenit", "Red Star", "Academica", "Académica", "Santos", "Independiente"}


def football_files(root):
    """openfootball/clubs' club lists, sorted: (ISO code, path)."""
    out = []
    for path in sorted(glob.glob(os.path.join(root, "**", "*.clubs.txt"), recursive=True)):
        code = os.path.basename(path).split(".")[0]
        cc = FOOTBALL_CC.get(code, code.upper())
        if re.fullmatch(r"[A-Z]{2}", cc):
            out.append((cc, path))
    return out


def football_digest(root):
    """sha256 over the club lists read (path relative to the checkout, then content)."""
    h = hashlib.sha256()
    for _, path in football_files(root):
        h.update(os.path.relpath(path, root).encode() + b"\0")
        h.update(open(path, "rb").read())
    return h.hexdigest()


def read_football_clubs(path):
    """The first teams of one openfootball club list: (main name, [aliases], [English
    names]). A team's line is "Name, founded, @ Stadium, City" (a few are indented or
    carry "| alias" themselves); its aliases follow on lines starting "|" (or indented
    bare names), "[en]" marking an English name; reserve teams ("ii) ...") and address
    lines ("... // ...") are left out, as are "$sponsor$" names and comments."""
    clubs, cur = [], None
    for raw in open(path, encoding="utf-8"):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("="):
            continue
        # Indented: aliases ("| ..." or a bare name), an address ("... // ...");
        # an indented line with commas is a team's own line.
        if line[:1].isspace() and (line.strip().startswith("|") or "//" in line or "," not in line):
            body = line.strip()
            if cur is not None and not body.startswith("|") and "//" not in body and not re.match(r"[ivx]+\)", body):
                body = "|" + body
            if cur is not None and body.startswith("|"):
                for a in body.split("|"):
                    a = clean(a)
                    if not a or "$" in a:
                        continue
                    en = a.endswith("[en]")
                    a = clean(re.sub(r"\[[a-z]{2}\]", "", a))
                    cur[2 if en else 1].append(a)
            continue
        if re.match(r"[ivx]+\)", line.strip()):  # a reserve team, with its aliases
            cur = None
            continue
        # A team line, indented or not, its aliases maybe after "|" on it.
        head, *inline = line.strip().split("|")
        name = clean(re.sub(r"\([^)]*\)", "", head.split(",", 1)[0]))
        cur = (name, [clean(a) for a in inline if clean(a) and "$" not in a], [])
        clubs.append(cur)
    return clubs


COMPASS = {"new", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
           "upper", "lower", "greater", "central"}


def place_like(key, places):
    """A place's name, or a place's with a compass point or "New" before it ("New
    England" for New England Revolution, "East Bengal")."""
    if key in places:
        return True
    ws = key.split()
    return any(x in places for x in ws) and all(x in places or x in COMPASS for x in ws)


def football_clubs(w, root, words, proper, person_words, places):
    """Football clubs of openfootball/clubs (CC0), with their country as context; last
    in the file, so a club's name never takes a place's. No alias that is a place
    ("Liverpool" stays the city, "Lazio" the region, "New England" too: place_like),
    an abbreviation ("Bayern Mün.", "Gr. Fürth"; "1. FC Köln" keeps its ordinal, "FC
    St. Pauli" its saint) or words of kinds of club only ("Real", "Sporting Club");
    nor one word that is an English word or proper noun ("Europa", "Thames",
    "Celtic"), a given name or surname, or shorter than four letters."""
    w.section("football clubs (openfootball/clubs)")
    for cc, path in football_files(root):
        for name, aliases, english in read_football_clubs(path):
            canon = english[0] if english else name
            keep = []
            for a in [name] + english + aliases:
                if re.search(r"(?<![0-9])(?<!\bSt)\.", a) or place_like(fold(a), places) or not latin(a):
                    continue
                one = a.split()
                if len(one) == 1 and (len(a) < 4 or a in CLUB_WORDS or a in SKIP_NAME
                                      or a in person_words or a.lower() in words
                                      or a in proper or not a[:1].isupper()):
                    continue
                if a in CLUB_WORDS or all(x in CLUB_WORDS for x in one):  # "Red Star" is two clubs
                    continue
                keep.append(a)
            if keep:
                w.emit("ORG", canon, f"tidings:club-{cc.lower()}-{slug(name)}", keep,
                       "football club", name_is_alias=False,
                       context=w.country_ctx.get(cc, []), country=cc)


def read_cities(gaz):
    with zipfile.ZipFile(f"{gaz}/geonames-cities15000.zip") as z:
        text = z.read("cities15000.txt").decode("utf-8")
    cities = []
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) < 15 or f[7] in SKIP_FEATURE:
            continue
        cities.append({"id": f[0], "name": clean(f[1]), "ascii": clean(f[2]),
                       "alt": f[3].split(",") if f[3] else [], "cc": f[8],
                       "admin1": f"{f[8]}.{f[10]}", "capital": f[7] == "PPLC", "seat": f[7] == "PPLA",
                       "pop": int(f[14] or 0)})
    cities.sort(key=lambda c: (-c["pop"], int(c["id"])))
    return cities


def ordinary(name, words, person_words):
    """Whether a one-word place name is more often something else (see SKIP_NAME)."""
    if " " in name or "-" in name or name in KEEP_WORD:
        return False
    return (name in SKIP_CITY or name in SKIP_NAME or name in person_words
            or name.lower() in words)


def emit_cities(w, cities, words, person_words, lo, hi, args, admin1_ids):
    primary = {c["name"] for c in cities}
    for c in cities:
        if not (lo <= c["pop"] < hi):
            continue
        floor = args.min_pop_focus if c["cc"] in FOCUS else args.min_pop_world
        if c["pop"] < (min(floor, MIN_POP_CAPITAL) if c["capital"] else
                       min(floor, MIN_POP_SEAT) if c["seat"] else floor):
            continue
        # A seat kept below the floor only by being one: not one whose name is
        # as often a person's or a people's (SKIP_SEAT).
        if c["seat"] and c["pop"] < floor and c["name"] in SKIP_SEAT:
            continue
        name = c["name"]
        if name in SKIP_CITY or not name[:1].isupper():
            continue
        if c["pop"] < BIG_CITY and ordinary(name, words, person_words):
            continue
        aliases = [name, c["ascii"]] + EXTRA_ALIASES.get(name, [])
        # ASCII transliterations among the alternate names of cities in Syria, Iraq and
        # Lebanon ("Halab" for Aleppo); only capitalised Latin forms.
        if c["cc"] in ("SY", "IQ", "LB"):
            for a in c["alt"]:
                if (re.fullmatch(r"[A-Z][a-z]+(?:[ -][A-Za-z][a-z]+){0,2}", a) and len(a) >= 5
                        and a not in SKIP_CITY and a not in primary
                        and a.lower() not in words and a not in person_words):
                    aliases.append(a)
        context = w.country_ctx.get(c["cc"], []) + [admin1_ids.get(c["admin1"])]
        w.emit("LOC", name, f"geonames:{c['id']}", aliases[:12], "city", context=context,
               country=c["cc"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gaz", required=True, help="folder with the gazetteer files")
    ap.add_argument("--iso-codes", default="/usr/share/iso-codes/json")
    ap.add_argument("--words", default="/usr/share/dict/american-english")
    ap.add_argument("--curated", default=os.path.join(HERE, "..", "curated.tsv"))
    ap.add_argument("--min-pop-world", type=int, default=MIN_POP_WORLD)
    ap.add_argument("--min-pop-focus", type=int, default=MIN_POP_FOCUS)
    ap.add_argument("--football", help="a checkout of openfootball/clubs (see README)")
    ap.add_argument("--tickers", help="the pytickersymbols 1.17.10 wheel (see README); without it the "
                    "companies are those of the index-constituents files only")
    ap.add_argument("--stats", action="store_true", help="entity counts to stderr")
    ap.add_argument("--lists-out", required=True, metavar="PATH",
                    help="where the hand-written lists of places, facilities, history and media go "
                    "(enrich/kb/generated_lists.tsv): a file of their own keeps each under 2 MiB")
    args = ap.parse_args()

    curated, person_words = read_curated(args.curated)
    words, proper = read_words(args.words)
    w = Writer(curated)
    w.rows.append("# Generated by enrich/kb/tools/build_kb.py; do not edit, see curated.tsv")
    w.rows.append("# and enrich/kb/README.md (sources, licences, attribution: GeoNames, "
                  "mledoze/countries (ODbL), SupraVerden (CC BY-SA 4.0), Party Facts (MIT), "
                  "pytickersymbols (MIT)).")
    md = countries(w, args.iso_codes, args.gaz)
    w.section("UK nations, continents (hand-written facts)")
    facts(w, os.path.join(HERE, "facts_places.tsv"), "nation/continent")
    former_countries(w, args.iso_codes)
    peoples(w, md, args.iso_codes)
    w.section("ethnic, indigenous and religious peoples (hand-written facts)")
    facts(w, os.path.join(HERE, "facts_peoples.tsv"), "people", name_is_alias=False)
    # Peoples and dynasties of the past by their adjectives ("Fatimid", "Etruscan");
    # the same file's states go to the places below.
    facts(w, os.path.join(HERE, "facts_past_states.tsv"), "people of the past", name_is_alias=False,
          types={"NORP"})
    w.section("organisations, news agencies, sports bodies and clubs (hand-written facts)")
    facts(w, os.path.join(HERE, "facts_orgs.tsv"), "hand-listed organisation")
    # The loader reads this header: the events' names of two words or more
    # type none of their words (KbEntity::untyped_words).
    w.section("events: competitions, festivals, ceremonies, wars (hand-written facts)")
    facts(w, os.path.join(HERE, "facts_events.tsv"), "event")
    # Read by the loader as the events' header is.
    w.section("legislatures (hand-written facts)")
    facts(w, os.path.join(HERE, "facts_legislatures.tsv"), "legislature", name_is_alias=False)
    # Read by the loader as the events' header is ("Canada" of "Bank of Canada" stays a
    # place's word).
    w.section("institutions: central banks, agencies, regulators, forces, courts (hand-written facts)")
    facts(w, os.path.join(HERE, "facts_institutions.tsv"), "public institution")
    w.section("institutions: universities, think tanks, museums and the arts, sports bodies and "
              "leagues (hand-written facts)")
    facts(w, os.path.join(HERE, "facts_bodies.tsv"), "institution or body", types={"ORG"})
    w.section("events: races, tournaments, festivals, summits (hand-written facts)")
    facts(w, os.path.join(HERE, "facts_bodies.tsv"), "event", types={"EVENT"})
    w.section("groups: parties, armed groups, unions, business groups, NGOs, churches "
              "(hand-written facts)")
    facts(w, os.path.join(HERE, "facts_groups.tsv"), "group")
    intl_orgs(w, args.gaz)
    cities = read_cities(args.gaz)
    companies(w, args.gaz, words,
              {fold(n) for c in cities if c["pop"] >= 50000 for n in (c["name"], c["ascii"])}, args.tickers)
    # After the indices' companies, whose names and short forms win; the loader reads
    # this header as a list of companies too.
    w.section("companies named in the news (hand-written facts)")
    facts(w, os.path.join(HERE, "facts_companies.tsv"), "hand-listed company")
    parties(w, args.gaz, args.iso_codes, words, person_words)
    w.section(f"cities of >= {BIG_CITY:,} people (GeoNames cities15000)")
    sub_rows, admin1_ids = subdivisions(w, args.gaz, words, person_words)
    emit_cities(w, cities, words, person_words, BIG_CITY, 1 << 62, args, admin1_ids)
    emit_subdivisions(w, sub_rows)
    w.section("other cities by population (GeoNames cities15000)")
    emit_cities(w, cities, words, person_words, 0, BIG_CITY, args, admin1_ids)
    if args.football:
        places = {fold(n) for c in cities for n in [c["name"], c["ascii"]] + c["alt"] if n}
        places |= {k for k, held in w.holders.items() if any(t == "LOC" for t, _ in held)}
        football_clubs(w, args.football, words, proper, person_words, places)
    # Read by the loader as the events' header is: "Boston" of "Boston Celtics"
    # stays a place's word.
    w.section("teams of other sports (hand-written facts)")
    facts(w, os.path.join(HERE, "facts_teams.tsv"), "hand-listed team")
    # Read by the loader as a list of teams whose names type no word and match with
    # the last word capitalised only, as the other sports' teams.
    w.section("football clubs: hand-written, of Africa, Asia, the Middle East, the Americas and Oceania")
    facts(w, os.path.join(HERE, "facts_clubs.tsv"), "hand-listed club")
    # Read by the loader as the groups' header is (no team's place).
    w.section("national sides by their nicknames (hand-written facts)")
    facts(w, os.path.join(HERE, "facts_sides.tsv"), "national side")
    # Last, and to their own file (--lists-out): the lists of places, facilities, past
    # events and media, whose names the earlier lines keep where they share one. The
    # loader reads these headers: their names of two words or more type no word for
    # the name model, and the places', facilities' and media's match only with their
    # last word capitalised (KbEntity::untyped_words, strict_case).
    split = len(w.rows)
    w.section("places: islands, mountains, regions, districts, camps (hand-written facts)")
    facts(w, os.path.join(HERE, "facts_features.tsv"), words=words, group="hand-listed place")
    w.section("places: states of the past, empires, caliphates, kingdoms, colonies (hand-written facts)")
    facts(w, os.path.join(HERE, "facts_past_states.tsv"), words=words, group="state of the past", types={"LOC"})
    w.section("facilities: airports, ports, stadiums, seats of government, landmarks (hand-written facts)")
    facts(w, os.path.join(HERE, "facts_facilities.tsv"), words=words, group="hand-listed facility")
    w.section("events: history, wars, disasters, crises, scandals (hand-written facts)")
    facts(w, os.path.join(HERE, "facts_history.tsv"), "past event")
    w.section("events: occasions, competitions, fairs, festivals, holidays (hand-written facts)")
    facts(w, os.path.join(HERE, "facts_occasions.tsv"), "recurring event")
    w.section("media: newspapers, magazines, journals, broadcasters, news sites (hand-written facts)")
    facts(w, os.path.join(HERE, "facts_media.tsv"), words=words, group="hand-listed medium")
    w.section("persons: leaders of states, governments, oppositions, international bodies, banks, "
              "companies (hand-written facts)")
    facts(w, os.path.join(HERE, "facts_leaders.tsv"), "hand-listed person")
    sys.stdout.write("\n".join(w.rows[:split]) + "\n")
    with open(args.lists_out, "w", encoding="utf-8") as f:
        f.write("# Generated by enrich/kb/tools/build_kb.py with generated.tsv (after it, in the same\n"
                "# run); do not edit: hand-written facts, see tools/facts_*.tsv and enrich/kb/README.md.\n")
        f.write("\n".join(w.rows[split:]) + "\n")
    if args.stats:
        for (typ, group), n in sorted(w.counts.items()):
            print(f"{typ}\t{group}\t{n}", file=sys.stderr)
        print(f"total\t{sum(w.counts.values())}", file=sys.stderr)
        if args.football:
            print(f"football lists sha256\t{football_digest(args.football)}", file=sys.stderr)


if __name__ == "__main__":
    main()
