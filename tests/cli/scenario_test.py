"""The shipped scenarios: configs/ussr.yaml (at the tiny scale, to stay quick) runs with its
whole policy timeline, and the scripts that summarise and draw a run work on its file."""

import os
import shutil
import subprocess
import sys
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
                          "artel_nationalisation", "policy", "mobilisation", "conversion",
                          "evacuation", "demobilisation"):
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

    def test_demobilised_soldiers_come_back_to_work(self):
        kept = self.dir / "still_serving.h5"
        result = plansim("run", str(SOURCE / "configs/ussr.yaml"), "--out", str(kept), "--quiet",
                         "--set", "scale=tiny", "--set", "calendar.end=1950-12", "--set",
                         "run.without_events=demobilisation")
        self.assertEqual(result.returncode, 0, result.stderr)
        with h5py.File(kept, "r") as f, h5py.File(self.out, "r") as history:
            year = f["time/year"][:]
            before, after = year < 1945.4, (year > 1947.3) & (year < 1950.99)
            workers = history["series/workers"][:][:len(year)]
            np.testing.assert_array_equal(f["series/workers"][:][before], workers[before])
            # Without demobilisation the called-up never come back (30 % died anyway).
            self.assertTrue(np.all(f["series/workers"][:][after] < workers[after]))

    def test_validate_and_run_say_nothing_when_the_timeline_overrides_nothing(self):
        self.assertNotIn("warning", plansim("validate", str(SOURCE / "configs/ussr.yaml")).stderr)
        self.assertNotIn("warning", self.result.stderr)
        with h5py.File(self.out, "r") as f:
            self.assertNotIn("warnings", f.attrs)


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
        # A counterfactual overlaid; event labels say what the events did.
        sys.path.insert(0, str(SCRIPTS))
        import plot_run  # noqa: E402
        import plansim_read  # noqa: E402
        labels = plot_run.event_labels(plansim_read.read_events(self.out))
        self.assertIn("accumulation_share 0.3, tautness 1.1", labels.values())
        self.assertIn("artel restriction", labels.values())
        self.assertTrue(plot_run.describe(self.out).startswith("ussr, seed 1, scale tiny, commit "))
        overlaid = self.dir / "against.png"
        plot = subprocess.run(["/usr/bin/python3", str(SCRIPTS / "plot_run.py"), str(self.out),
                               str(overlaid), "--against", str(self.out)], capture_output=True,
                              text=True, timeout=120)
        self.assertEqual(plot.returncode, 0, plot.stderr)
        self.assertGreater(overlaid.stat().st_size, 20_000)
        missing = subprocess.run(["/usr/bin/python3", str(SCRIPTS / "plot_run.py"),
                                  str(self.dir / "none.h5")], capture_output=True, text=True)
        self.assertEqual(missing.returncode, 2)


class Timeline(unittest.TestCase):
    """The policy timeline never overrides what the user asked for in silence."""

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="plansim_timeline_test_"))

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_a_shorter_calendar_leaves_out_later_entries_with_one_warning(self):
        out = self.dir / "short.h5"
        result = plansim("run", str(SOURCE / "configs/ussr.yaml"), "--set", "scale=tiny",
                         "--set", "calendar.end=1930-12", "--out", str(out), "--quiet")
        self.assertEqual(result.returncode, 0, result.stderr)
        warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
        self.assertEqual(len(warnings), 1, result.stderr)
        # Every entry of the timeline dated after 1930 (counted from the file itself).
        import yaml
        timeline = yaml.safe_load((SOURCE / "configs/ussr.yaml").read_text())["policy"]
        later = sum(1 for entry in timeline if str(entry["date"]) > "1930-12")
        self.assertGreater(later, 10)
        self.assertIn(f"{later} policy entries fall outside the run (1928-01 to 1930-12, --set "
                      "calendar.end) and are left out; the first: 1933-01", warnings[0])
        with h5py.File(out, "r") as f:
            self.assertIn(f"{later} policy entries", f.attrs["warnings"][0])
        info = plansim("info", str(out))
        self.assertIn("  warning: ", info.stdout)

    def test_an_override_the_timeline_resets_is_said_and_run_pin_keeps_it(self):
        args = ["run", str(SOURCE / "configs/ussr.yaml"), "--set", "scale=tiny", "--set",
                "calendar.end=1957-12", "--set", "artels.supply_hostility=0.1", "--quiet"]
        said = plansim(*args, "--out", str(self.dir / "said.h5"))
        self.assertEqual(said.returncode, 0, said.stderr)
        self.assertIn("warning: --set artels.supply_hostility=0.1: the policy timeline changes it "
                      "to 0.5 from 1956-04 (event artel_restriction at ", said.stderr)
        pinned = plansim(*args, "--set", "run.pin=artels.supply_hostility",
                         "--out", str(self.dir / "pinned.h5"))
        self.assertEqual(pinned.returncode, 0, pinned.stderr)
        self.assertNotIn("supply_hostility", pinned.stderr)
        with h5py.File(self.dir / "said.h5", "r") as a, h5py.File(self.dir / "pinned.h5") as b:
            self.assertIn("artel_restriction", " ".join(a.attrs["warnings"]))
            # The same run until the decree; after it, the pinned squeeze stays at 0.1 while the
            # timeline's rises to 0.5 (the bureaus' withholding, artel_hostility, shows it).
            months = 28 * 12 + 3  # 1956-03
            said_share = a["series/artel_share_consumer"][:]
            pinned_share = b["series/artel_share_consumer"][:]
            np.testing.assert_array_equal(said_share[:months], pinned_share[:months])
            said_squeeze = a["series/artel_hostility"][:]
            pinned_squeeze = b["series/artel_hostility"][:]
            np.testing.assert_allclose(pinned_squeeze[months:], 0.1)
            self.assertGreater(said_squeeze[-12:].mean(), 0.45)
            self.assertFalse(np.array_equal(said_share[months:], pinned_share[months:]))

    def test_a_sweep_says_each_kind_of_override_once(self):
        (self.dir / "s.yaml").write_text(
            f"base: {SOURCE / 'configs/ussr.yaml'}\n"
            "set: {scale: tiny, calendar.end: 1956-12}\n"
            "parameters:\n  artels.supply_hostility: {values: [0.1, 0.2, 0.3]}\n")
        result = plansim("sweep", str(self.dir / "s.yaml"), "--out", str(self.dir / "out"),
                         "--jobs", "2", "--quiet")
        self.assertEqual(result.returncode, 0, result.stderr)
        said = [line for line in result.stderr.splitlines() if "supply_hostility" in line]
        self.assertEqual(len(said), 1, result.stderr)
        self.assertIn("sweep: warning: --set artels.supply_hostility=", said[0])
        for run in range(3):
            with h5py.File(self.dir / "out" / "runs" / f"{run}.h5", "r") as f:
                self.assertTrue(any("artel_restriction" in w for w in f.attrs["warnings"]))
        collected = plansim("collect", str(self.dir / "out"))
        self.assertEqual(collected.returncode, 0, collected.stderr)
        rows = (self.dir / "out" / "summary.csv").read_text().splitlines()
        self.assertTrue(rows[0].endswith(",warnings"))
        self.assertTrue(all(row.endswith(",2") for row in rows[1:]), rows)  # reset + left out


if __name__ == "__main__":
    unittest.main()
