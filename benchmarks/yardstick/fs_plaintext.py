#!/usr/bin/env python3
"""A plaintext Fellegi-Sunter yardstick for Aquila's stage-2 scoring (issue 16).

Reads the party CSVs that `aquila synth` writes (or FEBRL's own columns), blocks on the raw normalised fields,
compares candidate pairs with graded levels and scores them three ways:

  (a) supervised: m/u per field level counted from the truth of the tuning data sets, applied to each report set;
      thresholds on the summed log2 weight chosen on the tuning sets for precision >= 0.999 and >= 0.98;
  (b) unsupervised: EM on each data set's own candidate pairs (no truth); a posterior threshold chosen on the
      tuning sets (EM fitted on each of them) for the same precisions, applied to the report set's own fit.
  (c) a supervised pattern table: each distinct level pattern's likelihood ratio from the tuning truth, shrunk
      towards (a) by its support (no independence assumption); tuning thresholds scored leave-one-set-out.

Also an oracle: the report set's best recall at those precisions over each ranking (an upper bound: the
threshold is chosen with the report set's truth), and a per-pattern oracle (every distinct level pattern labelled
from the truth; a loose bound, since most patterns hold a single pair).

Prints counts and figures only, never a field value. Python 3 standard library only.
"""

import argparse
import csv
import json
import math
import os
import sys
import time
import unicodedata

# ----------------------------------------------------------------------------------------------------------------
# Normalisation
# ----------------------------------------------------------------------------------------------------------------

# Serbian and Macedonian Cyrillic to Latin (the official Serbian Latin letters, Macedonian ѓ ќ ѕ as gj kj dz).
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "dj", "е": "e", "ж": "z", "з": "z", "и": "i",
    "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "ћ": "c", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "c", "џ": "dz", "ш": "s",
    "ѓ": "dj", "ќ": "c", "ѕ": "dz", "й": "j", "ы": "i", "э": "e", "ю": "ju", "я": "ja", "ё": "e", "щ": "s",
    "ъ": "", "ь": "", "і": "i", "ї": "i", "є": "e",
}
# Letters that Unicode does not decompose into a base letter and a mark.
SPECIAL = {"đ": "dj", "ð": "dj", "ł": "l", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ı": "i", "þ": "th"}
# Albanian renderings of the same sounds, folded onto the Slavic ASCII forms (applied to whole words, longest first).
ALBANIAN = (("xh", "dz"), ("gj", "dj"), ("zh", "z"), ("sh", "s"), ("ch", "c"), ("q", "c"), ("dzh", "dz"))


def _letters(text):
    """Lower case, Cyrillic to Latin, diacritics dropped; other characters kept."""
    out = []
    for ch in text.lower():
        if ch in CYRILLIC:
            out.append(CYRILLIC[ch])
        elif ch in SPECIAL:
            out.append(SPECIAL[ch])
        elif ch in "čćç":  # before decomposition so that they fold like the Cyrillic ones
            out.append("c")
        elif ch in "šž":
            out.append("s" if ch == "š" else "z")
        else:
            for d in unicodedata.normalize("NFKD", ch):
                if not unicodedata.combining(d):
                    out.append(d)
    return "".join(out)


def fold_parts(text):
    """A name as a list of folded parts: letters a-z only, Albanian renderings and doubled letters folded."""
    if not text:
        return []
    s = _letters(text)
    parts = []
    word = []
    for ch in s + " ":
        if "a" <= ch <= "z":
            word.append(ch)
        elif ch in " -,/_;\t":
            if word:
                parts.append("".join(word))
                word = []
        # any other character (digits, apostrophes, dots) is dropped
    folded = []
    for p in parts:
        for a, b in ALBANIAN:
            p = p.replace(a, b)
        p = p.replace("dj", "d")  # Đ written without its stroke (Djordje / Dordje)
        p = p.replace("y", "i")   # Albanian y, written i in Slavic renderings
        q = []
        for ch in p:
            if not q or q[-1] != ch:
                q.append(ch)
        if q:
            folded.append("".join(q))
    return folded


VOWELS = set("aeiou")


def skeleton(part):
    """A coarse phonetic key of one folded part: first letter, then consonant classes without vowels or repeats."""
    if not part:
        return ""
    cls = {"b": "p", "p": "p", "f": "f", "v": "f", "w": "f", "d": "t", "t": "t", "g": "k", "k": "k", "c": "k",
           "q": "k", "x": "k", "s": "s", "z": "s", "j": "j", "h": "", "l": "l", "r": "r", "m": "m", "n": "n"}
    out = [part[0] if part[0] not in VOWELS else "a"]
    last = cls.get(part[0], "")
    for ch in part[1:]:
        c = cls.get(ch, "")
        if c and c != last:
            out.append(c)
        last = c if c else (last if ch == "h" else "")
    return "".join(out)[:6]


# Albanian and Slavic names of the same places (a fact of the region): (Albanian form, Slavic form), folded below.
PLACE_PAIRS = (
    ("Shkodër", "Skadar"), ("Shkodra", "Skadar"), ("Prishtinë", "Priština"), ("Prishtina", "Priština"),
    ("Shkup", "Skopje"), ("Durrës", "Drač"), ("Ulqin", "Ulcinj"), ("Tivar", "Bar"), ("Manastir", "Bitola"),
    ("Pejë", "Peć"), ("Gjakovë", "Đakovica"), ("Mitrovicë", "Mitrovica"), ("Ferizaj", "Uroševac"),
    ("Gjilan", "Gnjilane"), ("Tetovë", "Tetovo"), ("Kumanovë", "Kumanovo"), ("Strugë", "Struga"), ("Ohër", "Ohrid"),
    ("Podgoricë", "Podgorica"), ("Dibër", "Debar"), ("Preshevë", "Preševo"), ("Tiranë", "Tirana"),
    ("Korçë", "Korča"), ("Vlorë", "Valona"), ("Sarajevë", "Sarajevo"), ("Plavë", "Plav"), ("Guci", "Gusinje"),
    ("Rozhajë", "Rožaje"), ("Bujanoc", "Bujanovac"), ("Medvegjë", "Medveđa"), ("Vushtrri", "Vučitrn"),
    ("Podujevë", "Podujevo"), ("Lipjan", "Lipljan"), ("Rahovec", "Orahovac"), ("Istog", "Istok"), ("Deçan", "Dečani"),
    ("Suharekë", "Suva Reka"), ("Klinë", "Klina"), ("Drenas", "Glogovac"), ("Kërçovë", "Kičevo"),
    ("Beograd", "Beograd"), ("Novi Pazar", "Novi Pazar"), ("Elbasan", "Elbasan"), ("Berat", "Berat"),
)


def fold_place(text):
    parts = fold_parts(text)
    if not parts:
        return ""
    joined = " ".join(parts)
    return _PLACE_FOLD.get(joined, joined)


_PLACE_FOLD = {}
for _sq, _sl in PLACE_PAIRS:
    _PLACE_FOLD[" ".join(fold_parts(_sq))] = " ".join(fold_parts(_sl))


def clean_id(text):
    """Identifiers: upper case letters and digits only, letter O read as zero."""
    if not text:
        return ""
    out = []
    for ch in unicodedata.normalize("NFKC", text).upper():
        if ch == "O":
            out.append("0")
        elif ch.isascii() and ch.isalnum():
            out.append(ch)
    return "".join(out)


def parse_date(text, placeholders=True):
    """(year, month, day) with month/day None when not given; None when missing or not a date.
    With placeholders, 01.01.YYYY counts as year only (00.00.YYYY always does)."""
    if not text:
        return None
    t = text.strip().rstrip(".")
    if not t:
        return None
    y = m = d = None
    digits = t.replace(".", "/").replace("-", "/").split("/")
    try:
        if len(digits) == 1 and len(t) == 8 and t.isdigit():
            y, m, d = int(t[:4]), int(t[4:6]), int(t[6:])
        elif len(digits) == 1 and len(t) == 4 and t.isdigit():
            y = int(t)
        elif len(digits) == 3:
            if len(digits[0]) == 4:
                y, m, d = int(digits[0]), int(digits[1]), int(digits[2])
            else:
                d, m, y = int(digits[0]), int(digits[1]), int(digits[2])
        elif len(digits) == 2:
            if len(digits[0]) == 4:
                y, m = int(digits[0]), int(digits[1])
            else:
                m, y = int(digits[0]), int(digits[1])
        else:
            return None
    except ValueError:
        return None
    if y is None or not 1850 <= y <= 2100:
        return None
    if m == 0 or m is None or m > 12:
        return (y, None, None)
    if d is None or d == 0 or d > 31:
        return (y, m, None)
    if placeholders and m == 1 and d == 1:
        return (y, None, None)
    return (y, m, d)


JMBG_WEIGHTS = (7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def id_date(nid):
    """The full date of birth a national id states: a JMBG/EMBG with a valid check digit, or the shape of an
    Albanian personal number (decade letter, year digit, month + 50 for women, day). None otherwise."""
    if len(nid) == 12 and nid.isdigit():
        nid = "0" + nid
    if len(nid) == 13 and nid.isdigit():
        s = sum(int(nid[i]) * JMBG_WEIGHTS[i] for i in range(12))
        k = 11 - s % 11
        if k > 9:
            k = 0
        if k != int(nid[12]):
            return None
        d, m, yyy = int(nid[0:2]), int(nid[2:4]), int(nid[4:7])
        y = 1000 + yyy if yyy >= 800 else 2000 + yyy
    elif len(nid) == 10 and nid[0].isalpha() and nid[1:9].isdigit() and nid[9].isalpha():
        y = 1900 + 10 * (ord(nid[0]) - ord("A")) + int(nid[1])
        m, d = int(nid[2:4]), int(nid[4:6])
        if m > 50:
            m -= 50
    else:
        return None
    if not (1 <= m <= 12 and 1 <= d <= 31) or (m == 1 and d == 1) or not 1850 <= y <= 2100:
        return None
    return (y, m, d)


# ----------------------------------------------------------------------------------------------------------------
# Jaro-Winkler
# ----------------------------------------------------------------------------------------------------------------

def jaro(a, b):
    if a == b:
        return 1.0 if a else 0.0
    la, lb = len(a), len(b)
    if la == 0 or lb == 0:
        return 0.0
    window = max(la, lb) // 2 - 1
    if window < 0:
        window = 0
    used = [False] * lb
    a_matched = []
    for i in range(la):
        ch = a[i]
        lo = i - window if i > window else 0
        hi = i + window + 1
        if hi > lb:
            hi = lb
        for j in range(lo, hi):
            if not used[j] and b[j] == ch:
                used[j] = True
                a_matched.append(ch)
                break
    matches = len(a_matched)
    if matches == 0:
        return 0.0
    k = 0
    half = 0
    for j in range(lb):
        if used[j]:
            if b[j] != a_matched[k]:
                half += 1
            k += 1
    t = half // 2
    return (matches / la + matches / lb + (matches - t) / matches) / 3.0


def jaro_winkler(a, b, prefix_scale=0.1):
    j = jaro(a, b)
    if j <= 0.7:  # Winkler's boost threshold
        return j
    p = 0
    for x, y in zip(a, b):
        if x != y or p == 4:
            break
        p += 1
    return j + p * prefix_scale * (1.0 - j)


# ----------------------------------------------------------------------------------------------------------------
# Records
# ----------------------------------------------------------------------------------------------------------------

class Rec:
    __slots__ = ("party", "rid", "pid", "f")

    def __init__(self, party, rid, pid, f):
        self.party = party
        self.rid = rid
        self.pid = pid
        self.f = f  # field name -> normalised value ("" or None when missing)


def read_truth(path):
    truth = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            truth[(row["party"], row["record_id"])] = row["person_id"]
    return truth


def _name(value):
    """(folded string, parts, count); the count is filled in per data set."""
    parts = fold_parts(value)
    return (" ".join(parts), tuple(parts), 0) if parts else ("", (), 0)


def _dates(raw_date, nid):
    """The written date; a missing, year-only or partial date is replaced by the date the id states (a year-only
    date only by one within a year of it)."""
    d = parse_date(raw_date)
    if d is not None and d[2] is not None:
        return d
    stated = id_date(nid) if nid else None
    if stated is not None and (d is None or abs(stated[0] - d[0]) <= 1):
        return stated
    return d


def read_synth(directory):
    """Records of `aquila synth`'s party files (canonical columns)."""
    truth = read_truth(os.path.join(directory, "truth.csv"))
    recs = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".csv") or name in ("truth.csv", "variations.csv") or len(name) != 6:
            continue
        party = name[:2]
        with open(os.path.join(directory, name), newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                nid = clean_id(row.get("national_id", ""))
                f = {
                    "given": _name(row.get("given_name", "")),
                    "family": _name(row.get("family_name", "")),
                    "father": _name(row.get("father_name", "")),
                    "sex": _sex(row.get("sex", "")),
                    "dob": _dates(row.get("date_of_birth", ""), nid),
                    "place": fold_place(row.get("place_of_birth", "")),
                    "nationality": clean_id(row.get("nationality", "")),
                    "national_id": nid,
                    "document": clean_id(row.get("document_number", "")).lstrip("0"),
                }
                recs.append(Rec(party, row["record_id"], truth.get((party, row["record_id"])), f))
    return recs


def _sex(value):
    v = _letters(value.strip())[:1] if value else ""
    if v in ("m",):
        return "M"
    if v in ("f", "z", "w"):
        return "F"
    return ""


def read_febrl(directory):
    """Records of FEBRL party files (FEBRL's own columns) in directory/parties, truth in directory/truth.csv."""
    truth = read_truth(os.path.join(directory, "truth.csv"))
    recs = []
    pdir = os.path.join(directory, "parties")
    for name in sorted(os.listdir(pdir)):
        if not name.endswith(".csv"):
            continue
        party = name[:-4]
        with open(os.path.join(pdir, name), newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                rid = row.get("record_id") or row.get("rec_id")
                ssn = clean_id(row.get("soc_sec_id", ""))
                f = {
                    "given": _name(row.get("given_name", "")),
                    "family": _name(row.get("surname", "")),
                    "dob": parse_date(row.get("date_of_birth", ""), placeholders=False),
                    "street_number": clean_id(row.get("street_number", "")),
                    "address_1": _name(row.get("address_1", "")),
                    "address_2": _name(row.get("address_2", "")),
                    "suburb": _name(row.get("suburb", "")),
                    "postcode": clean_id(row.get("postcode", "")),
                    "state": clean_id(row.get("state", "")),
                    "national_id": ssn,
                }
                recs.append(Rec(party, rid, truth.get((party, rid)), f))
    return recs


# ----------------------------------------------------------------------------------------------------------------
# Blocking
# ----------------------------------------------------------------------------------------------------------------

def _years(d):
    return () if d is None else (d[0],)


def block_keys(rec, febrl):
    """The blocking keys of one record: (pass name, key) tuples."""
    f = rec.f
    keys = []
    gparts = f["given"][1]
    fparts = f["family"][1]
    gsk = [skeleton(p) for p in gparts]
    fsk = [skeleton(p) for p in fparts]
    dob = f["dob"]
    years = _years(dob)
    for y in years:
        for s in fsk:
            keys.append(("family_sk+year", s + "|" + str(y)))
        for s in gsk:
            keys.append(("given_sk+year", s + "|" + str(y)))
    if dob is not None and dob[2] is not None:
        y, m, d = dob
        keys.append(("dob", "%d%02d%02d" % (y, m, d)))
        if d <= 12 and d != m:
            keys.append(("dob", "%d%02d%02d" % (y, d, m)))
        if gparts and fparts:
            keys.append(("initials+md", gparts[0][0] + fparts[0][0] + "%02d%02d" % (m, d)))
    if gparts and fparts:
        for g in gsk:
            for s in fsk:
                a, b = (g, s) if g <= s else (s, g)
                keys.append(("name_sk", a + "|" + b))
    if f.get("national_id"):
        keys.append(("id", f["national_id"]))
        if len(f["national_id"]) >= 7:
            keys.append(("id_head", f["national_id"][:7]))
            keys.append(("id_tail", f["national_id"][-6:]))
    if not febrl:
        if f["document"]:
            keys.append(("document", f["document"]))
        father = f["father"][1]
        for s in fsk:
            if f["place"]:
                keys.append(("family_sk+place", s + "|" + f["place"]))
            for fa in father:
                keys.append(("family_sk+father", s + "|" + skeleton(fa)))
        for g in gsk:
            if f["place"]:
                keys.append(("given_sk+place", g + "|" + f["place"]))
            for fa in father:
                keys.append(("given_sk+father", g + "|" + skeleton(fa)))
    else:
        if f["postcode"]:
            for s in fsk + gsk:
                keys.append(("sk+postcode", s + "|" + f["postcode"]))
        if f["address_1"][0] and f["street_number"]:
            keys.append(("street", f["street_number"] + "|" + f["address_1"][0]))
        if f["suburb"][0]:
            for s in fsk:
                keys.append(("family_sk+suburb", s + "|" + f["suburb"][0]))
    return keys


def candidates(recs, febrl, max_block, window):
    """Candidate pairs (i < j, different parties) from all passes; blocks larger than max_block are skipped, and
    a sorted-neighbourhood pass on two name orders with the given window. Returns (pairs, stats)."""
    blocks = {}
    for i, r in enumerate(recs):
        for key in set(block_keys(r, febrl)):
            blocks.setdefault(key, []).append(i)
    pairs = set()
    n = len(recs)
    skipped = 0
    for members in blocks.values():
        if len(members) < 2:
            continue
        if len(members) > max_block:
            skipped += 1
            continue
        for x in range(len(members)):
            i = members[x]
            pi = recs[i].party
            for y in range(x + 1, len(members)):
                j = members[y]
                if recs[j].party != pi:
                    pairs.add(i * n + j if i < j else j * n + i)
    # sorted neighbourhood on family+given and on given+family (catches swapped names and typos late in a name)
    for order in (("family", "given"), ("given", "family")):
        keyed = []
        for i, r in enumerate(recs):
            a, b = r.f[order[0]][0], r.f[order[1]][0]
            if a or b:
                keyed.append((a + " " + b, i))
        keyed.sort()
        for x in range(len(keyed)):
            i = keyed[x][1]
            pi = recs[i].party
            for y in range(x + 1, min(x + 1 + window, len(keyed))):
                j = keyed[y][1]
                if recs[j].party != pi:
                    pairs.add(i * n + j if i < j else j * n + i)
    return pairs, {"blocks": len(blocks), "blocks_skipped_over_cap": skipped}


# ----------------------------------------------------------------------------------------------------------------
# Comparison levels
# ----------------------------------------------------------------------------------------------------------------

MISSING = "missing"
NAME_LEVELS = ("exact_rare", "exact_mid", "exact_common", "part", "jw94", "jw88", "jw80", "diff", MISSING)
NAME_EXACT = (0, 1, 2)
NAME_MISSING = 8
# an exact name agreement is graded by how many records of the data set hold the value: <= RARE, <= MID, more
RARE, MID = 3, 15
DATE_LEVELS = ("exact", "swap_dm", "one_part", "md_year_off", "year_full", "year_only", "year_pm1", "diff", MISSING)
EXACT_LEVELS = ("eq", "diff", MISSING)
FUZZY_ID_LEVELS = ("eq", "near", "diff", MISSING)
STRING_LEVELS = ("exact", "jw90", "jw80", "diff", MISSING)

_jw_cache = {}


def jw_cached(a, b):
    key = (a, b) if a <= b else (b, a)
    v = _jw_cache.get(key)
    if v is None:
        v = jaro_winkler(a, b)
        if len(_jw_cache) < 4000000:
            _jw_cache[key] = v
    return v


def name_level(x, y):
    """Level index into NAME_LEVELS and the similarity used to choose the orientation of given/family.
    x and y are (folded string, parts, how many records of the set hold the folded string)."""
    if not x[0] or not y[0]:
        return NAME_MISSING, 0.0
    if x[0] == y[0] or sorted(x[1]) == sorted(y[1]):
        n = x[2]
        return (0 if n <= RARE else (1 if n <= MID else 2)), 1.0
    sx, sy = set(x[1]), set(y[1])
    if (len(x[1]) > 1 or len(y[1]) > 1) and (sx <= sy or sy <= sx):
        return 3, 0.97
    sim = jw_cached(x[0], y[0])
    if len(x[1]) > 1 or len(y[1]) > 1:  # compound: best single part against best single part
        for p in x[1]:
            for q in y[1]:
                t = jw_cached(p, q) - 0.02
                if t > sim:
                    sim = t
    if sim >= 0.94:
        return 4, sim
    if sim >= 0.88:
        return 5, sim
    if sim >= 0.80:
        return 6, sim
    return 7, sim


def string_level(x, y):
    if not x or not y:
        return 4
    if x == y:
        return 0
    s = jw_cached(x, y)
    return 1 if s >= 0.90 else (2 if s >= 0.80 else 3)


def date_level(a, b):
    """Index into DATE_LEVELS. Both full: exact, day/month swapped, year and one of month/day, month and day with
    another year (within ten), year only, different. Otherwise (a side has only a year or a month): year equal,
    year within one, different. Missing when a side has no date."""
    if a is None or b is None:
        return 8
    ya, ma, da = a
    yb, mb, db = b
    if da is not None and db is not None:
        if ya == yb and ma == mb and da == db:
            return 0
        if ya == yb and ma == db and da == mb:
            return 1
        if ya == yb and (ma == mb or da == db):
            return 2
        if ma == mb and da == db and abs(ya - yb) <= 10:
            return 3
        if ya == yb:
            return 4
        return 7
    if ya == yb:
        return 5
    if abs(ya - yb) == 1:
        return 6
    return 7


def exact_level(x, y):
    if not x or not y:
        return 2
    return 0 if x == y else 1


def id_level(x, y):
    if not x or not y:
        return 3
    if x == y:
        return 0
    if len(x) == len(y):
        diffs = [i for i in range(len(x)) if x[i] != y[i]]
        if len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                               and x[diffs[0]] == y[diffs[1]] and x[diffs[1]] == y[diffs[0]]):
            return 1
    elif abs(len(x) - len(y)) == 1 and (x in y or y in x):
        return 1
    return 2


SYNTH_FIELDS = (("given", NAME_LEVELS), ("family", NAME_LEVELS), ("father", NAME_LEVELS), ("dob", DATE_LEVELS),
                ("sex", EXACT_LEVELS), ("place", STRING_LEVELS), ("nationality", EXACT_LEVELS),
                ("national_id", FUZZY_ID_LEVELS), ("document", FUZZY_ID_LEVELS))
FEBRL_FIELDS = (("given", NAME_LEVELS), ("family", NAME_LEVELS), ("dob", DATE_LEVELS),
                ("street_number", EXACT_LEVELS), ("address_1", STRING_LEVELS), ("address_2", STRING_LEVELS),
                ("suburb", STRING_LEVELS), ("postcode", FUZZY_ID_LEVELS), ("state", EXACT_LEVELS),
                ("national_id", FUZZY_ID_LEVELS))


def compare(a, b, febrl):
    """The level vector of one pair (a tuple of level indices, in the order of the fields list)."""
    fa, fb = a.f, b.f
    g, gs = name_level(fa["given"], fb["given"])
    fm, fs = name_level(fa["family"], fb["family"])
    if g > 0 or fm > 0:  # swapped given and family names
        g2, gs2 = name_level(fa["given"], fb["family"])
        f2, fs2 = name_level(fa["family"], fb["given"])
        if g2 < 7 and f2 < 7 and gs2 + fs2 > gs + fs + 0.05:
            g, fm = g2, f2
    dob = date_level(fa["dob"], fb["dob"])
    if febrl:
        return (g, fm, dob, exact_level(fa["street_number"], fb["street_number"]),
                string_level(fa["address_1"][0], fb["address_1"][0]),
                string_level(fa["address_2"][0], fb["address_2"][0]),
                string_level(fa["suburb"][0], fb["suburb"][0]),
                id_level(fa["postcode"], fb["postcode"]), exact_level(fa["state"], fb["state"]),
                id_level(fa["national_id"], fb["national_id"]))
    return (g, fm, name_level(fa["father"], fb["father"])[0], dob, exact_level(fa["sex"], fb["sex"]),
            string_level(fa["place"], fb["place"]), exact_level(fa["nationality"], fb["nationality"]),
            id_level(fa["national_id"], fb["national_id"]), id_level(fa["document"], fb["document"]))


# ----------------------------------------------------------------------------------------------------------------
# A data set: candidates, patterns, truth
# ----------------------------------------------------------------------------------------------------------------

def _pair_id(a, b):
    x, y = (a.party, a.rid), (b.party, b.rid)
    return (x, y) if x <= y else (y, x)


def _count_names(recs, names):
    """Adds to every name value how many records of the set hold its folded string."""
    for name in names:
        counts = {}
        for r in recs:
            v = r.f.get(name)
            if v is not None and v[0]:
                counts[v[0]] = counts.get(v[0], 0) + 1
        for r in recs:
            v = r.f.get(name)
            if v is not None:
                r.f[name] = (v[0], v[1], counts.get(v[0], 0))


class DataSet:
    """One data set's candidate pairs as pattern counts: pattern -> [true pairs, other pairs]."""

    def __init__(self, name, directory, febrl, max_block, window):
        start = time.time()
        self.name = name
        self.febrl = febrl
        self.fields = FEBRL_FIELDS if febrl else SYNTH_FIELDS
        recs = read_febrl(directory) if febrl else read_synth(directory)
        self.records = len(recs)
        _count_names(recs, ("given", "family", "father", "address_1", "address_2", "suburb"))
        # true pairs: records of one person held by two different parties
        by_person = {}
        for i, r in enumerate(recs):
            if r.pid is not None:
                by_person.setdefault(r.pid, []).append(i)
        n = len(recs)
        true_pairs = set()
        for members in by_person.values():
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    i, j = members[x], members[y]
                    if recs[i].party != recs[j].party:
                        true_pairs.add(i * n + j if i < j else j * n + i)
        self.true_pairs = len(true_pairs)
        pairs, self.block_stats = candidates(recs, febrl, max_block, window)
        self.candidates = len(pairs)
        self.patterns = {}
        self.short = [0, 0]  # evidence-short class: [true, other]
        self.thin = [0, 0]  # the looser class: [true, other]
        true_cands = 0
        for key in pairs:
            i, j = divmod(key, n)
            v = compare(recs[i], recs[j], febrl)
            is_true = key in true_pairs
            true_cands += is_true
            c = self.patterns.get(v)
            if c is None:
                c = self.patterns[v] = [0, 0]
            c[0 if is_true else 1] += 1
            if self._evidence_short(v):
                self.short[0 if is_true else 1] += 1
            if self._evidence_thin(v):
                self.thin[0 if is_true else 1] += 1
        self.true_candidates = true_cands
        # the true candidate pairs by record identity, for the comparison with Aquila's own misses
        self.true_by_id = {}
        for key in true_pairs & pairs:
            i, j = divmod(key, n)
            self.true_by_id[_pair_id(recs[i], recs[j])] = compare(recs[i], recs[j], febrl)
        # true pairs never candidates, and how many of them are evidence-short too
        self.short_never_candidates = 0
        for key in true_pairs - pairs:
            i, j = divmod(key, n)
            if self._evidence_short(compare(recs[i], recs[j], febrl)):
                self.short_never_candidates += 1
        self.seconds = time.time() - start

    def _evidence_short(self, v):
        """Strict class: names equal (exact, either order), no full date on both sides, and no other identifying
        field on both sides (Balkan data: father, place, national id and document each missing on a side; FEBRL:
        every address part and the id missing on a side). Nothing in such a pair separates it from a namesake of
        the same birth year but sex and nationality."""
        if v[0] not in NAME_EXACT or v[1] not in NAME_EXACT:
            return False
        if self.febrl:
            return v[2] in (5, 6, 8) and all(lv == len(levels) - 1 for lv, (_, levels)
                                             in zip(v[3:], self.fields[3:]))
        return v[3] in (5, 6, 8) and v[2] == NAME_MISSING and v[5] == 4 and v[7] == 3 and v[8] == 3

    def _evidence_thin(self, v):
        """Loose class (docs/matching.md "Harsh-profile recall"): names equal, no full date on both sides, no id on
        both sides, and father or place missing on a side."""
        if v[0] not in NAME_EXACT or v[1] not in NAME_EXACT or self.febrl:
            return False
        return v[3] in (5, 6, 8) and (v[2] == NAME_MISSING or v[5] == 4) and v[7] == 3 and v[8] == 3


# ----------------------------------------------------------------------------------------------------------------
# Fellegi-Sunter
# ----------------------------------------------------------------------------------------------------------------

def fit_supervised(datasets):
    """m/u per field level from the truth of the tuning sets' candidate pairs (add-0.5 smoothing)."""
    fields = datasets[0].fields
    m = [[0.5] * len(levels) for _, levels in fields]
    u = [[0.5] * len(levels) for _, levels in fields]
    for ds in datasets:
        for v, (t, o) in ds.patterns.items():
            for k, lv in enumerate(v):
                m[k][lv] += t
                u[k][lv] += o
    return _normalise(m), _normalise(u)


def _normalise(table):
    return [[x / sum(row) for x in row] for row in table]


def weights(m, u):
    return [[math.log2(m[k][lv] / u[k][lv]) for lv in range(len(m[k]))] for k in range(len(m))]


def score(w, v):
    s = 0.0
    for k, lv in enumerate(v):
        s += w[k][lv]
    return s


def fit_em(ds, iterations=200, tolerance=1e-7):
    """EM on the data set's own candidate patterns (conditional independence, two classes). Returns (m, u, p)."""
    fields = ds.fields
    pats = list(ds.patterns.items())
    counts = [t + o for _, (t, o) in pats]
    total = float(sum(counts))
    # start: m puts most mass on the agreeing levels, u is the levels' overall distribution
    u = [[0.5] * len(levels) for _, levels in fields]
    for (v, _), c in zip(pats, counts):
        for k, lv in enumerate(v):
            u[k][lv] += c
    u = _normalise(u)
    m = []
    for _, levels in fields:
        row = [0.5 ** i for i in range(len(levels))]
        row[-1] = 0.1  # missing
        m.append(row)
    m = _normalise(m)
    p = 0.02
    nf = len(fields)
    for _ in range(iterations):
        lr = [[math.log(u[k][lv] / m[k][lv]) for lv in range(len(m[k]))] for k in range(nf)]
        prior = math.log((1.0 - p) / p)
        mm = [[1e-9] * len(levels) for _, levels in fields]
        uu = [[1e-9] * len(levels) for _, levels in fields]
        matched = 0.0
        for (v, _), c in zip(pats, counts):
            d = prior
            for k in range(nf):
                d += lr[k][v[k]]
            g = 1.0 / (1.0 + math.exp(d)) if d < 700 else 0.0
            cg = c * g
            matched += cg
            cn = c - cg
            for k in range(nf):
                lv = v[k]
                mm[k][lv] += cg
                uu[k][lv] += cn
        new_p = matched / total
        m, u = _normalise(mm), _normalise(uu)
        done = abs(new_p - p) < tolerance
        p = new_p
        if done:
            break
    return m, u, p


def posterior(m, u, p, v):
    lm = math.log(p)
    lu = math.log(1.0 - p)
    for k, lv in enumerate(v):
        lm += math.log(m[k][lv])
        lu += math.log(u[k][lv])
    d = lu - lm
    return 1.0 / (1.0 + math.exp(d)) if d < 700 else 0.0


class PatternTable:
    """A supervised scorer without the independence assumption: each distinct level pattern's log2 likelihood ratio
    counted from the tuning sets' truth, shrunk towards the Fellegi-Sunter score by the pattern's support:
    score = (n * pattern LR + k * FS LR) / (n + k), n = the pattern's candidate pairs in the tuning sets."""

    def __init__(self, datasets, w, shrink=10.0):
        self.w = w
        self.k = shrink
        self.counts = {}
        true_total = other_total = 0
        for ds in datasets:
            for v, (t, o) in ds.patterns.items():
                c = self.counts.get(v)
                if c is None:
                    c = self.counts[v] = [0, 0]
                c[0] += t
                c[1] += o
                true_total += t
                other_total += o
        self.log_odds = math.log2(max(true_total, 1) / max(other_total, 1))

    def score(self, v, minus=None):
        """minus: a data set whose own counts are left out (leave-one-out scoring of a tuning set)."""
        fs = score(self.w, v)
        c = self.counts.get(v, (0, 0))
        t, o = c[0], c[1]
        if minus is not None:
            own = minus.patterns.get(v, (0, 0))
            t -= own[0]
            o -= own[1]
        n = t + o
        if n == 0:
            return fs
        lr = math.log2((t + 0.5) / (o + 0.5)) - self.log_odds
        return (n * lr + self.k * fs) / (n + self.k)


def ranked(ds, key):
    """(score, true, other) per pattern, best first."""
    rows = [(key(v), t, o) for v, (t, o) in ds.patterns.items()]
    rows.sort(key=lambda r: -r[0])
    return rows


def threshold_for(rows, target):
    """The lowest score s such that the pairs scoring >= s have precision >= target (pooled rows, ties
    grouped); None when no score reaches it."""
    rows = sorted(rows, key=lambda r: -r[0])
    tp = fp = 0
    best = None
    i = 0
    while i < len(rows):
        s = rows[i][0]
        while i < len(rows) and rows[i][0] == s:
            tp += rows[i][1]
            fp += rows[i][2]
            i += 1
        if tp + fp and tp / (tp + fp) >= target:
            best = s
    return best


def at_threshold(rows, thr, true_pairs):
    if thr is None:
        return {"precision": None, "recall": 0.0, "hits": 0}
    tp = sum(t for s, t, o in rows if s >= thr)
    fp = sum(o for s, t, o in rows if s >= thr)
    return {"precision": (tp / (tp + fp)) if tp + fp else None, "recall": tp / true_pairs, "hits": tp + fp}


def oracle(rows, target, true_pairs):
    """Best recall at precision >= target over the ranking, the threshold chosen with this set's truth."""
    thr = threshold_for(rows, target)
    return at_threshold(rows, thr, true_pairs)["recall"]


def pattern_oracle(ds, target):
    """Every distinct level pattern labelled from the truth: patterns taken in order of their own precision
    until the cumulated precision falls below target. Bounds any scorer that sees only these levels, but loosely:
    most patterns hold a single pair, so it labels pairs rather than evidence."""
    rows = [((t / (t + o)), t, o) for v, (t, o) in ds.patterns.items()]
    return oracle(rows, target, ds.true_pairs)


# ----------------------------------------------------------------------------------------------------------------
# Aquila's figures
# ----------------------------------------------------------------------------------------------------------------

def aquila_figures(path):
    """Strong and all-bands precision/recall of stage 1 + 2 from `aquila eval --stage2 --json` output."""
    with open(path, encoding="utf-8") as fh:
        report = json.load(fh)
    out = {}
    for band in report["stage2"]["levels"]:
        if band["bands"] in ("strong", "all"):
            out[band["bands"]] = (band["precision"], band["recall"])
    return out


def aquila_missed(path):
    """From `aquila eval --stage2 --errors E` (E.stage2.csv): the true pairs stage 1 + 2 does not hit at all and
    those it hits below strong, as sets of pair ids."""
    missed, weak = set(), set()
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            x, y = (row["party_a"], row["record_a"]), (row["party_b"], row["record_b"])
            pid = (x, y) if x <= y else (y, x)
            if row["kind"].startswith("miss"):
                missed.add(pid)
            elif row["kind"] == "weak":
                weak.add(pid)
    return missed, weak


def gap_analysis(ds, scorer, thresholds, missed, weak, top=8):
    """True candidate pairs the plaintext scorer finds at a threshold that Aquila does not (strong: not a strong
    hit; all: no hit), and the reverse, each with their plaintext levels per field and as whole patterns."""
    out = {}
    for band, thr in thresholds.items():
        if thr is None:
            continue
        aquila_lacks = missed | weak if band == "strong" else missed
        plain_only, aquila_only = {}, {}
        both_lack = 0
        for pid, v in ds.true_by_id.items():
            plain = scorer(v) >= thr
            if plain and pid in aquila_lacks:
                plain_only[v] = plain_only.get(v, 0) + 1
            elif not plain and pid not in aquila_lacks:
                aquila_only[v] = aquila_only.get(v, 0) + 1
            elif not plain:
                both_lack += 1
        out[band] = {"both_lack_candidates": both_lack,
                     "plain_only": _level_summary(ds, plain_only, top),
                     "aquila_only": _level_summary(ds, aquila_only, top)}
    return out


def _level_summary(ds, patterns, top):
    by_field = {}
    for k, (name, levels) in enumerate(ds.fields):
        counts = {}
        for v, c in patterns.items():
            counts[levels[v[k]]] = counts.get(levels[v[k]], 0) + c
        by_field[name] = dict(sorted(counts.items(), key=lambda kv: -kv[1]))
    best = sorted(patterns.items(), key=lambda kv: -kv[1])[:top]
    return {"pairs": sum(patterns.values()), "by_field": by_field,
            "top_patterns": [{"pairs": c, "levels": " ".join("%s:%s" % (name, levels[v[k]]) for k, (name, levels)
                                                             in enumerate(ds.fields))} for v, c in best]}


# ----------------------------------------------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------------------------------------------

TARGETS = (0.999, 0.98)
CURVE = (0.95, 0.98, 0.99, 0.995, 0.998, 0.999, 1.0)


def load(spec, args):
    """spec: DIR, or NAME=DIR; FEBRL when --febrl."""
    name, _, directory = spec.rpartition("=")
    if not name:
        name = os.path.basename(os.path.normpath(directory))
    ds = DataSet(name, directory, args.febrl, args.max_block, args.window)
    print("# %s: %d records, %d candidate pairs (%.1f s)" % (name, ds.records, ds.candidates, ds.seconds),
          file=sys.stderr)
    return ds


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tune", action="append", required=True, help="tuning data set (DIR or NAME=DIR), repeatable")
    ap.add_argument("--report", action="append", required=True, help="report data set (DIR or NAME=DIR), repeatable")
    ap.add_argument("--aquila", action="append", default=[],
                    help="NAME=FILE: `aquila eval --stage2 --json` output for report set NAME, shown beside it")
    ap.add_argument("--aquila-errors", action="append", default=[],
                    help="NAME=FILE: the .stage2.csv that `aquila eval --stage2 --errors` writes for report set NAME; "
                         "adds which true pairs plaintext finds and Aquila does not, by level")
    ap.add_argument("--febrl", action="store_true", help="FEBRL layout: DIR/parties/*.csv and DIR/truth.csv")
    ap.add_argument("--max-block", type=int, default=60, help="blocks with more records are skipped (default 60)")
    ap.add_argument("--window", type=int, default=6, help="sorted-neighbourhood window (default 6)")
    ap.add_argument("--json", help="write the results as JSON to this file")
    args = ap.parse_args(argv)

    tuning = [load(s, args) for s in args.tune]
    m, u = fit_supervised(tuning)
    w = weights(m, u)
    table = PatternTable(tuning, w)
    loo = len(tuning) > 1  # with one tuning set its table is scored in-sample
    sup_rows = []
    tab_rows = []
    em_rows = []
    tuning_out = []
    for ds in tuning:
        sup_rows += ranked(ds, lambda v: score(w, v))
        tab_rows += ranked(ds, lambda v, ds=ds: table.score(v, ds if loo else None))
        em = fit_em(ds)
        em_rows += ranked(ds, lambda v, em=em: posterior(em[0], em[1], em[2], v))
        tuning_out.append(_set_summary(ds))
    sup_thr = {t: threshold_for(sup_rows, t) for t in TARGETS}
    tab_thr = {t: threshold_for(tab_rows, t) for t in TARGETS}
    em_thr = {t: threshold_for(em_rows, t) for t in TARGETS}

    aquila = {}
    for spec in args.aquila:
        name, _, path = spec.partition("=")
        aquila[name] = aquila_figures(path)

    errors = dict(spec.split("=", 1) for spec in args.aquila_errors)
    results = []
    for spec in args.report:
        ds = load(spec, args)
        rs = ranked(ds, lambda v: score(w, v))
        rt = ranked(ds, table.score)
        em = fit_em(ds)
        re = ranked(ds, lambda v: posterior(em[0], em[1], em[2], v))
        row = _set_summary(ds)
        row["em_match_share"] = em[2]
        for t in TARGETS:
            key = "p%g" % t
            row["supervised_" + key] = at_threshold(rs, sup_thr[t], ds.true_pairs)
            row["table_" + key] = at_threshold(rt, tab_thr[t], ds.true_pairs)
            row["oracle_table_" + key] = oracle(rt, t, ds.true_pairs)
            row["em_" + key] = at_threshold(re, em_thr[t], ds.true_pairs)
            row["oracle_supervised_" + key] = oracle(rs, t, ds.true_pairs)
            row["oracle_em_" + key] = oracle(re, t, ds.true_pairs)
            row["oracle_pattern_" + key] = pattern_oracle(ds, t)
        row["oracle_curve"] = {str(t): max(oracle(rs, t, ds.true_pairs), oracle(rt, t, ds.true_pairs))
                               for t in CURVE}
        if ds.name in aquila:
            row["aquila"] = aquila[ds.name]
            # plaintext at Aquila's own precision: the report set's best recall at precision >= Aquila's strong and
            # all-bands precision over the FS and the table ranking (an oracle threshold, an upper bound)
            for band, (precision, _) in aquila[ds.name].items():
                if precision is not None:
                    row["oracle_at_aquila_" + band] = max(oracle(rs, precision, ds.true_pairs),
                                                          oracle(rt, precision, ds.true_pairs))
        if ds.name in errors:
            missed, weak = aquila_missed(errors[ds.name])
            row["gap_supervised_fs"] = gap_analysis(ds, lambda v: score(w, v), {
                "strong": sup_thr[0.999], "all": sup_thr[0.98]}, missed, weak)
        results.append(row)

    out = {
        "tuning": tuning_out,
        "thresholds": {"supervised_log2": {str(t): sup_thr[t] for t in TARGETS},
                       "table_log2": {str(t): tab_thr[t] for t in TARGETS}, "table_leave_one_out": loo,
                       "em_posterior": {str(t): em_thr[t] for t in TARGETS}},
        "weights": {name: dict(zip(levels, (round(x, 3) for x in w[k])))
                    for k, (name, levels) in enumerate(tuning[0].fields)},
        "reports": results,
        "settings": {"max_block": args.max_block, "window": args.window},
    }
    _print_table(out)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=1)
    return 0


def _set_summary(ds):
    return {"name": ds.name, "records": ds.records, "true_pairs": ds.true_pairs, "candidates": ds.candidates,
            "true_candidates": ds.true_candidates, "true_never_candidates": ds.true_pairs - ds.true_candidates,
            "patterns": len(ds.patterns), "evidence_short_true": ds.short[0], "evidence_short_other": ds.short[1],
            "evidence_short_true_never_candidates": ds.short_never_candidates,
            "evidence_thin_true": ds.thin[0], "evidence_thin_other": ds.thin[1],
            "blocks_skipped_over_cap": ds.block_stats["blocks_skipped_over_cap"], "seconds": round(ds.seconds, 1)}


def _f(x):
    return "-" if x is None else ("%.4f" % x if 0.995 <= x < 1.0 else "%.3f" % x)


def _pr(d):
    return "%s / %s" % (_f(d["precision"]), _f(d["recall"]))


def _print_table(out):
    print("tuning: " + ", ".join("%s (%d true pairs, %d never candidates)" % (t["name"], t["true_pairs"],
                                                                            t["true_never_candidates"])
                                 for t in out["tuning"]))
    print("| data | true pairs | never cand. | cand. | FS P>=0.999 | FS P>=0.98 | table P>=0.999 | table P>=0.98 "
          "| EM P>=0.999 | EM P>=0.98 | oracle R @0.999 / @0.98 | evidence-short true (other) / thin true (other) "
          "| Aquila strong | Aquila all | oracle R at Aquila's P: strong / all |")
    print("|" + "---|" * 15)
    for r in out["reports"]:
        a = r.get("aquila", {})
        s, al = a.get("strong", (None, None)), a.get("all", (None, None))
        o999 = max(r["oracle_supervised_p0.999"], r["oracle_table_p0.999"], r["oracle_em_p0.999"])
        o98 = max(r["oracle_supervised_p0.98"], r["oracle_table_p0.98"], r["oracle_em_p0.98"])
        print("| %s | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s / %s | %d (%d) / %d (%d) | %s / %s | %s / %s "
              "| %s / %s |" % (
            r["name"], r["true_pairs"], r["true_never_candidates"], r["candidates"],
            _pr(r["supervised_p0.999"]), _pr(r["supervised_p0.98"]), _pr(r["table_p0.999"]), _pr(r["table_p0.98"]),
            _pr(r["em_p0.999"]), _pr(r["em_p0.98"]), _f(o999), _f(o98),
            r["evidence_short_true"], r["evidence_short_other"], r["evidence_thin_true"], r["evidence_thin_other"],
            _f(s[0]), _f(s[1]), _f(al[0]), _f(al[1]), _f(r.get("oracle_at_aquila_strong")),
            _f(r.get("oracle_at_aquila_all"))))


if __name__ == "__main__":
    sys.exit(main())
