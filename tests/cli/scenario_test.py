"""The shipped scenarios: configs/ussr.yaml (at the tiny scale, to stay quick) runs with its
whole policy timeline, and the scripts that summarise and draw a run work on its file."""

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
SCRIPTS = SOURCE / "scripts"


def plansim(*args):
    return subprocess.run([PLANSIM, *args], capture_output=True, text=True, timeout=600)


class UssrScenario(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = Path(tempfile.mkdtemp(prefix="plansim_scenario_test_"))
        cls.out = cls.dir / "ussr.h5"
        cls.result = plansim("run", str(SOURCE / "configs/ussr.yaml"), "--out", str(cls.out),
                             "--quiet", "--set", "scale=tiny")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def test_validates(self):
        result = plansim("validate", str(SOURCE / "configs/ussr.yaml"))
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_runs_1928_to_1991_with_every_event_of_its_timeline(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        self.assertIn("768 ticks (1928-01 to 1991-12)", self.result.stdout)
        with h5py.File(self.out, "r") as f:
            names = {name.decode() for name in f["events"]["name"]}
            for event in ("capital_loss", "war_destruction", "artel_restriction",
                          "artel_nationalisation", "policy"):
                self.assertIn(event, names)
            year = f["time/year"][:]
            workers = f["series/workers"][:]
            # The war takes workers in the west: fewer in 1942 than in mid-1941.
            self.assertLess(workers[np.searchsorted(year, 1942.0)],
                            workers[np.searchsorted(year, 1941.4)])
            # After nationalisation no artel closes or forms (they are state enterprises).
            after = year >= 1960.9
            self.assertEqual(f["series/artels_formed"][:][after].sum(), 0)
            self.assertEqual(f["series/artels_closed"][:][after].sum(), 0)

    def test_a_counterfactual_leaves_out_the_artel_decrees_and_nothing_else(self):
        kept = self.dir / "kept.h5"
        result = plansim("run", str(SOURCE / "configs/ussr.yaml"), "--out", str(kept), "--quiet",
                         "--set", "scale=tiny", "--set",
                         "run.without_events=artel_restriction,artel_nationalisation")
        self.assertEqual(result.returncode, 0, result.stderr)
        with h5py.File(kept, "r") as f, h5py.File(self.out, "r") as history:
            names = {name.decode() for name in f["events"]["name"]}
            self.assertNotIn("artel_restriction", names)
            self.assertNotIn("artel_nationalisation", names)
            self.assertIn("war_destruction", names)
            year = f["time/year"][:]
            before, after = year < 1956.2, year > 1957.0
            # The same seed: identical until the first decree, different after it.
            np.testing.assert_array_equal(f["series/consumption_per_capita"][:][before],
                                          history["series/consumption_per_capita"][:][before])
            self.assertFalse(np.array_equal(f["series/artel_output"][:][after],
                                            history["series/artel_output"][:][after]))

    def test_summary_table_and_plot(self):
        table = subprocess.run(["/usr/bin/python3", str(SCRIPTS / "summarise_run.py"),
                                str(self.out)], capture_output=True, text=True, timeout=120)
        self.assertEqual(table.returncode, 0, table.stderr)
        for column in ("growth %/yr", "cons./head", "shortage", "artel share", "officials/1000"):
            self.assertIn(column, table.stdout)
        self.assertIn("1950", table.stdout)
        png = self.dir / "ussr.png"
        plot = subprocess.run(["/usr/bin/python3", str(SCRIPTS / "plot_run.py"), str(self.out),
                               str(png)], capture_output=True, text=True, timeout=120)
        self.assertEqual(plot.returncode, 0, plot.stderr)
        self.assertEqual(png.read_bytes()[:8], b"\x89PNG\r\n\x1a\n")
        self.assertGreater(png.stat().st_size, 20_000)


if __name__ == "__main__":
    unittest.main()
