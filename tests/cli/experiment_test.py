"""plansim experiment end to end on a tiny world: arms x replicates through the sweep
machinery, a verdict computed from the run files, resumption, a verdict that flips with the
expected direction, failed runs kept apart, and errors in experiment files."""

import csv
import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np
import yaml

PLANSIM = os.environ.get("PLANSIM", "build/plansim")

BASE = """scale: tiny
calendar: {start: 1928-01, end: 1931-12}
"""

EXPERIMENT = """claim: A larger accumulation share makes the investment share larger.
source: {{seed_file: 003_0a5c3cda2204476e.txt, title: Stalinism's long shadow, author: T. T.-E.}}
base: base.yaml
set: {{scale: tiny}}
arms:
  high: {{planner.accumulation_share: 0.4}}
  low: {{planner.accumulation_share: 0.1}}
{extra_arms}replicates: 3
seed: 5
hypothesis:
  metric: investment_share
  window: [1929-01, 1931-12]
  statistic: mean
  compare: high - low
  expect: {expect}
  alpha: 0.05
  knockout: {{mechanism: the accumulation share, set: {{planner.accumulation_share: 0.25}}}}
  placebo: {{window: [1928-01, 1928-01]}}
robustness:
  parameters:
    enterprises.ratchet: {{range: [0.2, 0.8]}}
  design: lhs
  samples: 2
  replicates: 2
"""


def plansim(*args):
    return subprocess.run([PLANSIM, *args], capture_output=True, text=True, timeout=600)


def make_experiment(folder, expect="greater", extra_arms=""):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "base.yaml").write_text(BASE)
    (folder / "experiment.yaml").write_text(
        EXPERIMENT.format(expect=expect, extra_arms=extra_arms))
    return folder


def window_mean(path):
    with h5py.File(path, "r") as f:
        year = f["time/year"][:]
        values = f["series/investment_share"][:]
    inside = (year >= 1929.0) & (year <= 1931.0 + 11 / 12 + 1e-9)
    return values[inside].mean()


class Experiment(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = Path(tempfile.mkdtemp(prefix="plansim_experiment_test_"))
        cls.folder = make_experiment(cls.dir / "e11_accumulation")
        cls.out = cls.dir / "out"
        cls.result = plansim("experiment", str(cls.folder), "--out", str(cls.out), "--quiet",
                             "--jobs", "2", "--set", "scale=tiny")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def verdict(self, out=None):
        return yaml.safe_load(((out or self.out) / "verdict.yaml").read_text())

    def test_runs_every_arm_and_replicate_and_writes_a_verdict(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        verdict = self.verdict()
        self.assertEqual(verdict["experiment"], "e11_accumulation")
        self.assertEqual(verdict["n"], {"high": 3, "low": 3})
        self.assertEqual(verdict["design"], "paired")
        for key in ("effect", "ci", "bootstrap_ci", "p_value", "effect_size", "t", "df"):
            self.assertIn(key, verdict)
        self.assertEqual(verdict["robustness"]["points"], 2)
        self.assertIn("Verdict: " + verdict["verdict"], self.result.stdout)
        self.assertEqual(len(list((self.out / "arms" / "runs").glob("*.h5"))), 12)
        # Provenance: the published settings, what the command line changed, exploratory.
        self.assertTrue(verdict["exploratory"])
        self.assertEqual(verdict["overrides"], ["--set scale=tiny"])
        self.assertEqual(verdict["published"]["replicates"], 3)
        self.assertIn("commit", verdict["plansim"])
        # The knock-out arms run the same comparison with the mechanism off: no effect left.
        main = verdict["hypotheses"][0]
        self.assertEqual(main["knockout"]["compare"], "high/knockout - low/knockout")
        self.assertAlmostEqual(main["knockout"]["effect"], 0.0, places=12)
        self.assertIn("passed", main["placebo"])
        self.assertEqual(len(list((self.out / "robustness" / "runs").glob("*.h5"))), 8)

    def test_the_verdict_is_computed_from_the_run_files(self):
        rows = list(csv.DictReader((self.out / "summary.csv").open()))
        self.assertEqual([r["arm"] for r in rows],
                         ["high"] * 3 + ["low"] * 3 + ["high/knockout"] * 3 + ["low/knockout"] * 3)
        self.assertTrue(all(r["status"] == "complete" for r in rows))
        # Paired: replicate r of both arms ran with the same seed.
        self.assertEqual([r["seed"] for r in rows[:3]], [r["seed"] for r in rows[3:6]])
        self.assertEqual([r["seed"] for r in rows[:3]], [r["seed"] for r in rows[9:]])
        figures = {(r["arm"], r["replicate"]): window_mean(self.out / r["file"]) for r in rows}
        differences = [figures[("high", str(k))] - figures[("low", str(k))] for k in range(3)]
        verdict = self.verdict()
        self.assertAlmostEqual(verdict["effect"], float(np.mean(differences)), places=9)
        self.assertAlmostEqual(verdict["mean"]["high"],
                               float(np.mean([figures[("high", str(k))] for k in range(3)])),
                               places=9)
        low, high = verdict["ci"]
        self.assertLess(low, verdict["effect"])
        self.assertGreater(high, verdict["effect"])

    def test_the_verdict_flips_with_the_expected_direction_and_reuses_the_runs(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        before = self.verdict()
        # The same experiment expecting the other direction, on a copy of the finished runs.
        out = self.dir / "flipped_out"
        shutil.copytree(self.out, out)
        first_run = out / "arms" / "runs" / "0.h5"
        stamp = first_run.stat().st_mtime_ns
        other = "less" if before["hypothesis"]["expect"] == "greater" else "greater"
        flipped = self.folder / "flipped.yaml"
        flipped.write_text((self.folder / "experiment.yaml").read_text()
                           .replace("expect: greater", "expect: " + other))
        result = plansim("experiment", str(flipped), "--out", str(out), "--quiet", "--set",
                         "scale=tiny")
        self.assertEqual(result.returncode, 0, result.stderr)
        after = self.verdict(out)
        self.assertEqual(first_run.stat().st_mtime_ns, stamp)  # the runs were not redone
        self.assertEqual(after["effect"], before["effect"])
        self.assertAlmostEqual(after["p_value"], 1 - before["p_value"], places=9)
        self.assertNotEqual(after["verdict"], before["verdict"])

    def test_the_sweep_records_read_back_as_the_same_sweeps(self):
        # What a Slurm shard does: run the recorded sweep into its own folder. A record that
        # did not read back as itself (e.g. --set scale=tiny written as 'scale', or next to the
        # file's own 'scale: tiny' as a second key) is refused.
        for part, runs in (("arms", 12), ("robustness", 8)):
            result = plansim("sweep", str(self.out / part / "sweep.yaml"), "--out",
                             str(self.out / part), "--quiet")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn(f"0 run, {runs} already done", result.stdout)

    def test_validate_accepts_the_folder(self):
        result = plansim("validate", str(self.folder))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("valid experiment (2 arms + 2 knock-out arms x 3 replicates, 1 hypothesis, "
                      "robustness 8 runs)",
                      result.stdout)


class ExperimentErrors(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="plansim_experiment_errors_"))

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_a_failing_arm_does_not_stop_the_others(self):
        # 100 goods cannot be made by a tiny world's 60 enterprises: every run of that arm
        # fails, is recorded, and the compared arms still give their verdict. (Its name, with a
        # comma, must come back whole from summary.csv.)
        folder = make_experiment(self.dir / "e11_broken",
                                 extra_arms="  \"broken, too\": {scale.goods: 100}\n")
        result = plansim("experiment", str(folder), "--out", str(self.dir / "out"), "--quiet")
        self.assertEqual(result.returncode, 1, result.stderr)
        verdict = yaml.safe_load((self.dir / "out" / "verdict.yaml").read_text())
        self.assertEqual(verdict["n"], {"high": 3, "low": 3})
        failures = sorted(p.name for p in (self.dir / "out" / "arms" / "failures").iterdir())
        self.assertEqual(failures, ["6.txt", "7.txt", "8.txt"])  # the third arm's runs
        rows = list(csv.DictReader((self.dir / "out" / "summary.csv").open()))
        self.assertEqual([r["status"] for r in rows if r["arm"] == "broken, too"], ["failed"] * 3)

    def test_a_refused_slurm_submission_stops_the_experiment(self):
        # A cluster that refuses the job array (failure injected with an sbatch on PATH that
        # always fails): the experiment says so once, submits nothing more and judges nothing.
        bin_dir = self.dir / "bin"
        bin_dir.mkdir()
        sbatch = bin_dir / "sbatch"
        sbatch.write_text("#!/bin/sh\necho 'sbatch: error: Batch job submission failed'\nexit 1\n")
        sbatch.chmod(0o755)
        folder = make_experiment(self.dir / "e11_refused")
        env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}")
        result = subprocess.run([PLANSIM, "experiment", str(folder), "--runner", "slurm",
                                 "--out", str(self.dir / "out"), "--quiet"],
                                capture_output=True, text=True, timeout=600, env=env)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(result.stderr.count("sbatch failed"), 1, result.stderr)
        self.assertIn("Batch job submission failed", result.stderr)
        self.assertFalse((self.dir / "out" / "robustness").exists())
        self.assertFalse((self.dir / "out" / "verdict.yaml").exists())

    def test_bad_files_and_overrides_exit_2_with_their_place(self):
        folder = make_experiment(self.dir / "e11_bad")
        text = (folder / "experiment.yaml").read_text().replace("expect: greater",
                                                                "expect: more")
        (folder / "experiment.yaml").write_text(text)
        result = plansim("experiment", str(folder), "--out", str(self.dir / "out"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("experiment.yaml:15:11: 'hypothesis.expect' must be greater or less",
                      result.stderr)
        good = make_experiment(self.dir / "e11_good")
        result = plansim("experiment", str(good), "--out", str(self.dir / "out"), "--set",
                         "planner.tautnes=1.1")
        self.assertEqual(result.returncode, 2)
        self.assertIn("unknown parameter 'planner.tautnes'", result.stderr)
        result = plansim("experiment", str(good), "--out", str(self.dir / "out"), "--set",
                         "run.seed=5")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--set run.seed: the seed of each run comes from the experiment's seed",
                      result.stderr)
        # A column the runs would not record is refused before any run, also when --set
        # changes the world (one region: no region_1).
        by_region = make_experiment(self.dir / "e11_by_region")
        text = (by_region / "experiment.yaml").read_text().replace(
            "metric: investment_share", "metric: by_region/shortage_consumer\n  column: region_1")
        (by_region / "experiment.yaml").write_text(text)
        self.assertEqual(plansim("validate", str(by_region)).returncode, 0)
        result = plansim("experiment", str(by_region), "--out", str(self.dir / "out"), "--set",
                         "scale.regions=1")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("no column 'region_1' in by_region/shortage_consumer for arm 'high' (its "
                      "columns: region_0)", result.stderr)
        result = plansim("experiment", str(good), "--replicates", "1")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--replicates must be at least 2", result.stderr)
        # Refused before anything is made, not grown for minutes.
        result = plansim("experiment", str(good), "--out", str(self.dir / "out"),
                         "--replicates", "1000000000")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("the arms (4 x 1000000000 replicates) would have more than 100000 runs",
                      result.stderr)
        self.assertFalse((self.dir / "out").exists())


if __name__ == "__main__":
    unittest.main()
