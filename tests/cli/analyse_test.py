"""plansim analyse end to end: Sobol indices of a saltelli sweep and Morris effects of a morris
sweep, read back from indices.csv and plotted; designs it cannot analyse and runs that are
missing."""

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

PLANSIM = os.environ.get("PLANSIM", "build/plansim")
SCRIPTS = Path(os.environ.get("PLANSIM_SCRIPTS", Path(__file__).resolve().parents[2] / "scripts"))
sys.path.insert(0, str(SCRIPTS))
import plansim_read  # noqa: E402

SWEEP = """\
base: base.yaml
set: {{scale: tiny, calendar.end: 1930-12}}
parameters:
  channels.report.latency: {{range: [0, 6]}}
  enterprises.ratchet: {{range: [0.1, 0.9]}}
design: {design}
samples: {samples}
replicates: 2
seed: 5
metrics:
  - {{series: planner_information_error, statistic: mean, window: [1929-01, 1930-12]}}
  - {{series: output_true, statistic: final}}
"""
PARAMETERS = ["channels.report.latency", "enterprises.ratchet"]
METRICS = ["planner_information_error_mean", "output_true_final"]


def plansim(*args):
    return subprocess.run([PLANSIM, *args], capture_output=True, text=True, timeout=600)


def read_indices(folder):
    with open(folder / "indices.csv", newline="") as f:
        return list(csv.DictReader(f))


class Analyse(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="plansim_analyse_test_"))
        (self.dir / "base.yaml").write_text("run: {name: base}\n")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def sweep(self, design, samples, more=""):
        path = self.dir / f"{design}.yaml"
        path.write_text(SWEEP.format(design=design, samples=samples) + more)
        out = self.dir / design
        result = plansim("sweep", str(path), "--out", str(out), "--jobs", "2", "-q")
        self.assertEqual(result.returncode, 0, result.stderr)
        return out

    def test_saltelli_sweep_gives_first_order_and_total_indices_with_intervals(self):
        out = self.sweep("saltelli", 4)  # 4 base points x (2 + 2) x 2 replicates = 32 runs
        result = plansim("analyse", str(out))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("8 indices from 32 of 32 runs", result.stdout)
        rows = read_indices(out)
        self.assertEqual({(r["metric"], r["parameter"], r["index"]) for r in rows},
                         {(m, p, i) for m in METRICS for p in PARAMETERS for i in ("S1", "ST")})
        for row in rows:
            low, estimate, high = (float(row[k]) for k in ("ci_low", "estimate", "ci_high"))
            self.assertLessEqual(low, estimate)
            self.assertLessEqual(estimate, high)
            self.assertEqual(row["blocks"], "4")
        self.assertTrue((out / "summary.csv").exists())
        plot = subprocess.run(["/usr/bin/python3", str(SCRIPTS / "plot_indices.py"), str(out)],
                              capture_output=True, text=True)
        self.assertEqual(plot.returncode, 0, plot.stderr)
        self.assertGreater((out / "indices.png").stat().st_size, 10_000)

    def test_morris_sweep_gives_mu_star_mu_and_sigma(self):
        out = self.sweep("morris", 3, "levels: 6\n")  # 3 x (2 + 1) points x 2 replicates
        self.assertIn("levels: 6", (out / "sweep.yaml").read_text())  # analyse needs the grid
        result = plansim("analyse", str(out))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        rows = read_indices(out)
        self.assertEqual(len(rows), 2 * 2 * 3)
        for row in rows:
            if row["index"] == "mu_star":
                self.assertGreaterEqual(float(row["estimate"]), 0.0)
                self.assertLessEqual(float(row["ci_low"]), float(row["estimate"]))
            else:
                self.assertEqual(row["ci_low"], "")
            if row["index"] == "sigma":
                self.assertGreaterEqual(float(row["estimate"]), 0.0)
        plot = subprocess.run(["/usr/bin/python3", str(SCRIPTS / "plot_indices.py"), str(out),
                               "--out", str(self.dir / "m.png")], capture_output=True, text=True)
        self.assertEqual(plot.returncode, 0, plot.stderr)
        self.assertTrue((self.dir / "m.png").exists())
        # The sweep as one table, BehaviorSpace-style: a column per swept parameter.
        table = plansim_read.read_sweep(out, series="output_true")
        self.assertEqual(list(table.columns),
                         ["run", *PARAMETERS, "seed", "date", "series", "value"])
        self.assertEqual(set(table["series"]), {"output_true"})
        self.assertEqual(len(table), 18 * 36)
        with open(out / "summary.csv", newline="") as f:
            summary = {int(r["index"]): r for r in csv.DictReader(f)}
        for run, rows in table.groupby("run"):
            self.assertEqual(float(rows["enterprises.ratchet"].iloc[0]),
                             float(summary[run]["enterprises.ratchet"]))
            self.assertEqual(str(rows["seed"].iloc[0]), summary[run]["seed"])

    def test_a_block_with_a_missing_run_is_left_out_and_said(self):
        out = self.sweep("saltelli", 4)
        (out / "runs" / "5.h5").unlink()  # point 2 of block 0 (2 replicates a point)
        result = plansim("analyse", str(out))
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)  # as collect
        self.assertIn("31 of 32 runs", result.stdout)
        self.assertIn("1 runs not complete", result.stdout)
        self.assertNotIn("left out", result.stdout)  # its point still has a replicate
        (out / "runs" / "4.h5").unlink()  # now the point has no replicate left
        result = plansim("analyse", str(out))
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertIn("1 of 4 blocks left out", result.stdout)
        self.assertTrue(all(r["blocks"] == "3" for r in read_indices(out)))

    def test_designs_without_indices_and_folders_without_a_sweep_are_refused(self):
        out = self.sweep("lhs", 4)
        result = plansim("analyse", str(out))
        self.assertEqual(result.returncode, 2)
        self.assertIn("analyse needs a saltelli design", result.stderr)
        self.assertIn("'lhs'", result.stderr)
        result = plansim("analyse", str(self.dir / "nothing"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("not found", result.stderr)
        plot = subprocess.run(["/usr/bin/python3", str(SCRIPTS / "plot_indices.py"), str(out)],
                              capture_output=True, text=True)
        self.assertEqual(plot.returncode, 2)
        self.assertIn("run plansim analyse", plot.stderr)

    def test_validate_names_the_blocks_and_refuses_odd_levels(self):
        path = self.dir / "m.yaml"
        path.write_text(SWEEP.format(design="morris", samples=3) + "levels: 6\n")
        result = plansim("validate", str(path))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("18 runs: 9 morris points (3 trajectories of 3) x 2 replicates",
                      result.stdout)
        path.write_text(SWEEP.format(design="morris", samples=3) + "levels: 5\n")
        result = plansim("validate", str(path))
        self.assertEqual(result.returncode, 2)
        self.assertIn(f"{path}:13:9: 'levels' must be even", result.stderr)
        path.write_text(SWEEP.format(design="lhs", samples=3) + "levels: 4\n")
        result = plansim("validate", str(path))
        self.assertEqual(result.returncode, 2)
        self.assertIn("'levels' is for a morris design", result.stderr)


if __name__ == "__main__":
    unittest.main()
