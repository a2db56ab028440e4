"""Tests of the plaintext yardstick: python3 -m unittest discover -s benchmarks/yardstick -p 'test_*.py'"""

import csv
import os
import tempfile
import unittest

import fs_plaintext as fs


class JaroWinklerTests(unittest.TestCase):
    # Published values (Winkler 1990; the usual textbook pairs), to three decimals.
    def test_known_pairs(self):
        self.assertAlmostEqual(fs.jaro("martha", "marhta"), 0.944, places=3)
        self.assertAlmostEqual(fs.jaro_winkler("martha", "marhta"), 0.961, places=3)
        self.assertAlmostEqual(fs.jaro("dwayne", "duane"), 0.822, places=3)
        self.assertAlmostEqual(fs.jaro_winkler("dwayne", "duane"), 0.840, places=3)
        self.assertAlmostEqual(fs.jaro("dixon", "dicksonx"), 0.767, places=3)
        self.assertAlmostEqual(fs.jaro_winkler("dixon", "dicksonx"), 0.813, places=3)

    def test_edges(self):
        self.assertEqual(fs.jaro_winkler("", ""), 0.0)
        self.assertEqual(fs.jaro_winkler("abc", ""), 0.0)
        self.assertEqual(fs.jaro_winkler("abc", "abc"), 1.0)
        self.assertEqual(fs.jaro_winkler("abc", "xyz"), 0.0)
        self.assertAlmostEqual(fs.jaro_winkler("ab", "ba"), fs.jaro_winkler("ba", "ab"))


class NormalisationTests(unittest.TestCase):
    def test_scripts_and_renderings_fold_together(self):
        self.assertEqual(fs.fold_parts("Ђорђевић"), fs.fold_parts("Đorđević"))
        self.assertEqual(fs.fold_parts("Đorđević"), fs.fold_parts("Djordjevic"))
        self.assertEqual(fs.fold_parts("Hoxha"), fs.fold_parts("Hodža"))
        self.assertEqual(fs.fold_parts("Ana-Marija"), ["ana", "marija"])

    def test_dates(self):
        self.assertEqual(fs.parse_date("07.03.1980"), (1980, 3, 7))
        self.assertEqual(fs.parse_date("1980-03-07"), (1980, 3, 7))
        self.assertEqual(fs.parse_date("1980"), (1980, None, None))
        self.assertEqual(fs.parse_date("01.01.1980"), (1980, None, None))
        self.assertEqual(fs.parse_date("19800101", placeholders=False), (1980, 1, 1))
        self.assertIsNone(fs.parse_date("not a date"))
        self.assertEqual(fs.date_level((1980, 3, 7), (1980, 7, 3)), fs.DATE_LEVELS.index("swap_dm"))
        self.assertEqual(fs.date_level((1980, 3, 7), (1980, None, None)), fs.DATE_LEVELS.index("year_only"))
        self.assertEqual(fs.date_level((1980, 3, 7), None), fs.DATE_LEVELS.index(fs.MISSING))

    def test_jmbg_date_needs_its_check_digit(self):
        # a made-up id: DDMMYYY 0703980 (YYY >= 800 reads as 1YYY), region 71, serial 012, then the check digit
        body = "070398071012"
        weights = fs.JMBG_WEIGHTS
        k = 11 - sum(int(body[i]) * weights[i] for i in range(12)) % 11
        k = 0 if k > 9 else k
        self.assertEqual(fs.id_date(body + str(k)), (1980, 3, 7))
        self.assertIsNone(fs.id_date(body + str((k + 1) % 10)))

    def test_albanian_personal_number_shape(self):
        # decade letter I (1980s), year digit 0, month 53 (a woman born in March), day 07, serial, control letter
        self.assertEqual(fs.id_date("I05307123X"), (1980, 3, 7))
        self.assertIsNone(fs.id_date("I05307123"))


class TinyDataSetTests(unittest.TestCase):
    """A hand-made data set of two parties: one true pair (a typo in the family name, day and month swapped) among
    namesakes and strangers. Tuned on a copy of itself, the scorer must hit exactly that pair at both precisions."""

    HEADER = ["record_id", "family_name", "given_name", "father_name", "sex", "date_of_birth", "place_of_birth",
              "nationality", "document_number", "national_id", "subject_category"]

    A = [
        ["a1", "Petrovic", "Marko", "Jovan", "M", "07.03.1980", "Nis", "RS", "", "", ""],
        ["a2", "Hoxha", "Arben", "Ilir", "M", "1975", "Tirane", "AL", "", "", ""],
        ["a3", "Kovac", "Ana", "Ivan", "F", "12.11.1990", "Mostar", "BA", "", "", ""],
        ["a4", "Markovic", "Petar", "Milan", "M", "02.02.1966", "Bar", "ME", "", "", ""],
    ]
    B = [
        ["b1", "Petorvic", "Marko", "Jovan", "M", "03.07.1980", "Nis", "RS", "", "", ""],   # the true pair of a1
        ["b2", "Petrovic", "Marko", "Dragan", "M", "19.05.1961", "Subotica", "RS", "", "", ""],  # a namesake
        ["b3", "Hoxha", "Besnik", "Agim", "M", "1952", "Durres", "AL", "", "", ""],
        ["b4", "Kovacevic", "Jelena", "Zoran", "F", "30.08.1985", "Zagreb", "HR", "", "", ""],
    ]

    def write(self, directory):
        for party, rows in (("RS", self.A), ("BA", self.B)):
            with open(os.path.join(directory, party + ".csv"), "w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh)
                w.writerow(self.HEADER)
                w.writerows(rows)
        with open(os.path.join(directory, "truth.csv"), "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["person_id", "party", "record_id"])
            person = 0
            for party, rows in (("RS", self.A), ("BA", self.B)):
                for row in rows:
                    w.writerow([0 if row[0] in ("a1", "b1") else 100 + person, party, row[0]])
                    person += 1

    def test_finds_the_one_true_pair(self):
        with tempfile.TemporaryDirectory() as d:
            self.write(d)
            ds = fs.DataSet("tiny", d, False, 60, 6)
            self.assertEqual(ds.true_pairs, 1)
            self.assertEqual(ds.true_candidates, 1)
            self.assertGreater(ds.candidates, 1)  # the namesake is a candidate too
            m, u = fs.fit_supervised([ds])
            w = fs.weights(m, u)
            rows = fs.ranked(ds, lambda v: fs.score(w, v))
            for target in fs.TARGETS:
                thr = fs.threshold_for(rows, target)
                found = fs.at_threshold(rows, thr, ds.true_pairs)
                self.assertEqual(found["recall"], 1.0)
                self.assertEqual(found["precision"], 1.0)
                self.assertEqual(found["hits"], 1)
            # the true pair's levels: family close, given exact, day and month swapped
            (v, counts), = [(v, c) for v, c in ds.patterns.items() if c[0] == 1]
            self.assertIn(fs.NAME_LEVELS[v[1]], ("jw94", "jw88"))
            self.assertIn(v[0], fs.NAME_EXACT)
            self.assertEqual(fs.DATE_LEVELS[v[3]], "swap_dm")

    def test_em_ranks_the_true_pair_first(self):
        with tempfile.TemporaryDirectory() as d:
            self.write(d)
            ds = fs.DataSet("tiny", d, False, 60, 6)
            m, u, p = fs.fit_em(ds)
            rows = fs.ranked(ds, lambda v: fs.posterior(m, u, p, v))
            self.assertEqual(rows[0][1], 1)  # the best-scored pattern holds the true pair
            self.assertEqual(rows[0][2], 0)


if __name__ == "__main__":
    unittest.main()
