"""scripts/compare_history.py: a run of configs/ussr.yaml (tiny scale) against data/history/,
each comparison recomputed here from the run file itself."""

import csv
import math
import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np

PLANSIM = os.environ.get("PLANSIM", "build/plansim")
SOURCE = Path(os.environ.get("PLANSIM_SOURCE", Path(__file__).resolve().parents[2]))
SCRIPT = SOURCE / "scripts" / "compare_history.py"


def compare(*args):
    return subprocess.run(["/usr/bin/python3", str(SCRIPT), *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def yearly_mean(path, series, year):
    with h5py.File(path, "r") as f:
        years = np.floor(f["time/year"][:] + 1e-9)
        return float(f["series"][series][:][years == year].mean())


def rows_of(path):
    with open(path) as f:
        return list(csv.DictReader(f))


class CompareHistory(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = Path(tempfile.mkdtemp(prefix="plansim_history_test_"))
        cls.run_file = cls.dir / "ussr.h5"
        result = subprocess.run([PLANSIM, "run", str(SOURCE / "configs/ussr.yaml"), "--out",
                                 str(cls.run_file), "--quiet", "--set", "scale=tiny"],
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def test_the_record_in_the_repository_against_a_run(self):
        out = self.dir / "shipped"
        result = compare(self.run_file, "--out", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = rows_of(out / "history_comparison.csv")
        gdp = {(int(r["start"]), int(r["end"])): r for r in rows if r["measure"] == "gdp"}
        # 1928-40 is calibration, 1960-65 a test; the model's rate is computed from value added.
        self.assertEqual(gdp[(1928, 1940)]["window"], "calibration")
        self.assertEqual(gdp[(1960, 1965)]["window"], "test")
        expected = 100 * ((yearly_mean(self.run_file, "value_added", 1940)
                           / yearly_mean(self.run_file, "value_added", 1928)) ** (1 / 12) - 1)
        self.assertAlmostEqual(float(gdp[(1928, 1940)]["model"]), expected, places=9)
        self.assertAlmostEqual(float(gdp[(1928, 1940)]["record"]), 5.3)
        # Employment levels become growth rates between the years the record gives.
        employment = {(int(r["start"]), int(r["end"])): r for r in rows
                      if r["measure"] == "employment"}
        self.assertAlmostEqual(float(employment[(1928, 1932)]["record"]),
                               100 * ((24.2 / 11.4) ** (1 / 4) - 1))
        workers = (yearly_mean(self.run_file, "workers", 1932) / yearly_mean(self.run_file, "workers", 1928))
        self.assertAlmostEqual(float(employment[(1928, 1932)]["model"]),
                               100 * (workers ** (1 / 4) - 1), places=9)
        # The RMSE is over the five-year GDP periods of 1960-1990 in the table.
        five = [float(r["difference"]) for (start, end), r in gdp.items()
                if end - start == 5 and start >= 1960]
        self.assertEqual(len(five), 2)
        rmse = math.sqrt(sum(d * d for d in five) / len(five))
        table = (out / "history_comparison.md").read_text()
        self.assertIn(f"({len(five)} periods, out of sample): {rmse:.2f} points", table)
        # Maddison's levels give growth rates between the years listed, and their own RMSE over
        # the six five-year periods 1960-1990.
        maddison = {(int(r["start"]), int(r["end"])): r for r in rows
                    if r["measure"] == "gdp_maddison"}
        self.assertAlmostEqual(float(maddison[(1960, 1965)]["record"]),
                               100 * ((1068117 / 843434) ** (1 / 5) - 1))
        model_rate = 100 * ((yearly_mean(self.run_file, "value_added", 1990)
                             / yearly_mean(self.run_file, "value_added", 1985)) ** (1 / 5) - 1)
        self.assertAlmostEqual(float(maddison[(1985, 1990)]["model"]), model_rate, places=9)
        five = [float(r["difference"]) for (start, end), r in maddison.items()
                if end - start == 5 and start >= 1960]
        self.assertEqual(len(five), 6)
        rmse = math.sqrt(sum(d * d for d in five) / len(five))
        self.assertIn(f"GDP (gdp_maddison) growth rates 1960-1990 (6 periods, out of sample): "
                      f"{rmse:.2f} points", table)
        self.assertEqual((out / "history_comparison.png").read_bytes()[:8], b"\x89PNG\r\n\x1a\n")
        self.assertFalse(list(out.glob("*.tmp")))

    def test_consumption_per_head_divides_by_the_records_population(self):
        data = self.dir / "data"
        data.mkdir()
        (data / "made_up.csv").write_text(
            "# a test record\nmeasure,start,end,value,units\n"
            "population,1950,1950,100,million\npopulation,1960,1960,400,million\n"
            "consumption_per_head,1950,1955,0.01,share/year\n"
            "defence_share,1950,1950,0.2,share\n")
        out = self.dir / "made_up"
        result = compare(self.run_file, "--out", out, "--data", data)
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = {r["measure"]: r for r in rows_of(out / "history_comparison.csv")}
        # Population is interpolated log-linearly: 200 million in 1955.
        ratio = (yearly_mean(self.run_file, "consumption", 1955) / 200) / (
            yearly_mean(self.run_file, "consumption", 1950) / 100)
        self.assertAlmostEqual(float(rows["consumption_per_head"]["model"]),
                               100 * (ratio ** (1 / 5) - 1), places=9)
        self.assertEqual(rows["consumption_per_head"]["window"], "calibration")
        self.assertAlmostEqual(float(rows["defence_share"]["model"]),
                               yearly_mean(self.run_file, "defence_share", 1950), places=12)
        self.assertIn("no periods in both run and record",
                      (out / "history_comparison.md").read_text())

    def test_bad_reference_data_and_a_missing_run_exit_with_2(self):
        data = self.dir / "bad"
        data.mkdir()
        (data / "broken.csv").write_text("measure,start,end,value,units\ngdp,1950,x,1,share\n")
        result = compare(self.run_file, "--out", self.dir / "bad_out", "--data", data)
        self.assertEqual(result.returncode, 2)
        self.assertIn("broken.csv: row 2", result.stderr)
        self.assertFalse((self.dir / "bad_out" / "history_comparison.csv").exists())
        missing = compare(self.dir / "none.h5")
        self.assertEqual(missing.returncode, 2)
        self.assertIn("compare_history.py:", missing.stderr)


if __name__ == "__main__":
    unittest.main()
