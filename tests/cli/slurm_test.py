"""The batch path for real: a single-node Slurm (scripts/local-slurm) runs a sweep as a job
array with plansim slurm --submit --wait, and the collect job summarises it; an experiment
runs its arms and robustness sweep the same way with --runner slurm."""

import csv
import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

PLANSIM = os.environ.get("PLANSIM", "build/plansim")
SCRIPTS = Path(os.environ.get("PLANSIM_SCRIPTS", "scripts"))

SWEEP = """\
base: base.yaml
set: {scale: tiny, calendar.end: 1931-12}
parameters:
  channels.report.latency: {values: [0, 3, 6]}
design: grid
replicates: 2
seed: 5
metrics:
  - {series: output_true, statistic: mean}
"""


EXPERIMENT = """\
claim: A larger accumulation share makes the investment share larger.
source: {seed_file: 003_0a5c3cda2204476e.txt, title: Stalinism's long shadow, author: T. T.-E.}
base: base.yaml
set: {scale: tiny, calendar.end: 1930-12}
arms:
  high: {planner.accumulation_share: 0.4}
  low: {planner.accumulation_share: 0.1}
replicates: 2
hypothesis:
  {metric: investment_share, statistic: mean, compare: high - low, expect: greater,
   knockout: {mechanism: the accumulation share, set: {planner.accumulation_share: 0.25}},
   placebo: {window: [1928-01, 1928-01]}}
robustness:
  parameters: {enterprises.ratchet: {values: [0.2, 0.8]}}
  design: list
  replicates: 1
"""


class LocalSlurm(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="plansim_slurm_test_"))
        self.env = dict(os.environ, PLANSIM_SLURM_DIR=str(self.dir / "cluster"))

    def tearDown(self):
        subprocess.run([str(SCRIPTS / "local-slurm"), "stop"], env=self.env,
                       capture_output=True, text=True, timeout=120)
        shutil.rmtree(self.dir, ignore_errors=True)

    def test_a_sweep_runs_as_a_job_array_and_is_collected(self):
        start = subprocess.run([str(SCRIPTS / "local-slurm"), "start"], env=self.env,
                               capture_output=True, text=True, timeout=600)
        self.assertEqual(start.returncode, 0, start.stdout + start.stderr)
        exports = subprocess.run([str(SCRIPTS / "local-slurm"), "env"], env=self.env,
                                 capture_output=True, text=True, check=True).stdout
        for line in exports.splitlines():
            if line.startswith("export "):
                key, _, value = line[len("export "):].partition("=")
                self.env[key] = value.strip("'\"")
        self.assertIn("SLURM_CONF", self.env)

        (self.dir / "base.yaml").write_text("run: {name: slurm-test}\n")
        (self.dir / "sweep.yaml").write_text(SWEEP)
        out = self.dir / "out"
        result = subprocess.run(
            [PLANSIM, "slurm", str(self.dir / "sweep.yaml"), "--out", str(out), "--tasks", "3",
             "--time", "00:10:00", "--submit", "--wait"],
            env=self.env, capture_output=True, text=True, timeout=600)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertRegex(result.stdout, r"submitted job array \d+")
        self.assertRegex(result.stdout, r"submitted collect job \d+ \(after \d+\)")

        self.assertEqual(sorted(p.name for p in (out / "runs").glob("*.h5")),
                         sorted(f"{i}.h5" for i in range(6)))
        with open(out / "summary.csv", newline="") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual([r["status"] for r in rows], ["complete"] * 6)
        self.assertTrue(all(float(r["output_true_mean"]) > 0 for r in rows))
        logs = sorted(p.name for p in (out / "logs").iterdir())
        self.assertEqual(sum(name.startswith("sweep-") for name in logs), 3)
        self.assertEqual(sum(name.startswith("collect-") for name in logs), 1)

        # An experiment on the same cluster: its arms and its robustness sweep run as job
        # arrays, and the verdict is computed once both have been collected.
        experiment = self.dir / "e11_slurm"
        experiment.mkdir()
        (experiment / "base.yaml").write_text("run: {name: slurm-experiment}\n")
        (experiment / "experiment.yaml").write_text(EXPERIMENT)
        out = self.dir / "experiment_out"
        result = subprocess.run(
            [PLANSIM, "experiment", str(experiment), "--runner", "slurm", "--out", str(out),
             "--tasks", "2", "--time", "00:10:00"],
            env=self.env, capture_output=True, text=True, timeout=600)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(result.stdout.count("submitted job array"), 2)
        self.assertIn("Verdict:", result.stdout)
        self.assertTrue((out / "verdict.yaml").exists())
        self.assertEqual(len(list((out / "arms" / "runs").glob("*.h5"))), 8)
        self.assertEqual(len(list((out / "robustness" / "runs").glob("*.h5"))), 4)
        self.assertTrue(any((out / "arms" / "logs").glob("sweep-*")))


if __name__ == "__main__":
    unittest.main()
