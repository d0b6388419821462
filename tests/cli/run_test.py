"""plansim run end to end: scenario in, HDF5 run file out, read back with h5py."""

import fcntl
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

import h5py
import numpy as np
from small_disk import small_disk

PLANSIM = os.environ.get("PLANSIM", "build/plansim")

TINY = """\
run: {name: tiny-test, seed: 3}
scale: tiny
calendar: {start: 1928-01, end: 1931-12}
policy:
  - {date: 1930-01, set: {enterprises.audit_probability: 0.5}}
"""


def plansim(*args, timeout=300):
    return subprocess.run([PLANSIM, *args], capture_output=True, text=True, timeout=timeout)


class Run(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="plansim_run_test_"))
        self.scenario = self.dir / "tiny.yaml"
        self.scenario.write_text(TINY)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def run_to(self, name, *extra):
        out = self.dir / name
        result = plansim("run", str(self.scenario), "--out", str(out), "--quiet", *extra)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"wrote {out}: 48 ticks", result.stdout)
        return out

    def test_run_writes_a_complete_file_with_the_economy_series(self):
        out = self.run_to("run.h5")
        self.assertFalse(Path(str(out) + ".partial").exists())
        with h5py.File(out, "r") as f:
            self.assertEqual(f.attrs["status"], "complete")
            self.assertEqual(f.attrs["seed"], 3)
            self.assertIn("name: \"tiny-test\"", f.attrs["config"])
            self.assertEqual(len(f["time/tick"]), 48)
            for name in ("output_true", "output_reported", "planner_information_error",
                         "hidden_capacity_share", "hoarding_ratio", "report_inflation",
                         "bureaucrats_per_1000_workers", "shortage_consumer", "tension_index"):
                series = f["series"][name]
                self.assertEqual(series.shape, (48,), name)
                self.assertTrue(np.all(np.isfinite(series[:])), name)
                self.assertTrue(series.attrs["units"], name)
            self.assertEqual(list(f["series/by_sector/output_true"].attrs["columns"]),
                             ["military", "heavy", "materials", "consumer"])
            self.assertGreater(f["series/output_true"][0], 0)
            events = f["events"][:]
            self.assertEqual(events[0]["tick"], 24)
            self.assertEqual(events[0]["detail"], b"enterprises.audit_probability = 0.5")

    def test_the_consumer_side_is_recorded(self):
        out = self.run_to("consumers.h5")
        with h5py.File(out, "r") as f:
            for name in ("consumption_per_capita", "monetary_overhang", "queue_length",
                         "artel_count", "artel_share_consumer", "wage_state", "wage_artel",
                         "job_moves", "discontent", "forced_substitution"):
                self.assertTrue(np.all(np.isfinite(f["series"][name][:])), name)
            self.assertEqual(list(f["series/by_region/shortage_consumer"].attrs["columns"]),
                             ["region_0", "region_1"])
            self.assertEqual(f["series/by_consumer_good/shortage_consumer"].shape[1], 3)
            self.assertGreater(f["series/artel_count"][0], 0)

    def test_bad_event_arguments_are_refused_with_their_place(self):
        self.scenario.write_text(TINY + "  - {date: 1930-02, event: war_destruction, "
                                        "args: {regions: \"0,7\"}}\n")
        result = plansim("validate", str(self.scenario))
        self.assertEqual(result.returncode, 2)
        self.assertIn(f"{self.scenario}:6:5: war_destruction: '7' is not a region", result.stderr)

    def test_panel_snapshots_of_enterprises(self):
        out = self.run_to("panel.h5", "--set", "output.panel.every=6", "--set",
                          "output.panel.fields=capital,output,good")
        with h5py.File(out, "r") as f:
            panel = f["panel/enterprises"]
            self.assertEqual(sorted(panel), ["capital", "good", "output", "tick"])
            self.assertEqual(list(panel["tick"][:]), [0, 6, 12, 18, 24, 30, 36, 42])
            self.assertEqual(panel["capital"].shape, (8, 60))
            self.assertTrue(np.all(panel["capital"][:] > 0))
            goods = panel["good"][0]
            self.assertEqual(goods.min(), 0)
            self.assertEqual(goods.max(), 11)
            # The panel's total output agrees with the recorded series.
            self.assertAlmostEqual(panel["output"][2].sum(), f["series/output_true"][12],
                                   delta=1e-6 * f["series/output_true"][12])
        bad = plansim("run", str(self.scenario), "--out", str(self.dir / "x.h5"), "--set",
                      "output.panel.fields=captial")
        self.assertEqual(bad.returncode, 2)
        self.assertIn("unknown panel field 'captial' (did you mean 'capital'?)", bad.stderr)

    def test_stored_config_runs_back_to_the_same_series(self):
        first = self.run_to("first.h5")
        with h5py.File(first, "r") as f:
            stored = f.attrs["config"]
        again_scenario = self.dir / "stored.yaml"
        again_scenario.write_text(stored)
        second = self.dir / "second.h5"
        result = plansim("run", str(again_scenario), "--out", str(second), "--quiet")
        self.assertEqual(result.returncode, 0, result.stderr)
        with h5py.File(first, "r") as a, h5py.File(second, "r") as b:
            self.assertEqual(a["series/output_true"][:].tobytes(),
                             b["series/output_true"][:].tobytes())

    def test_one_and_two_threads_give_identical_datasets(self):
        one = self.run_to("one.h5", "--threads", "1", "--set", "scale.enterprises=700")
        two = self.run_to("two.h5", "--threads", "2", "--set", "scale.enterprises=700")
        with h5py.File(one, "r") as a, h5py.File(two, "r") as b:
            self.assertEqual(a.attrs["threads"], 1)
            self.assertEqual(b.attrs["threads"], 2)
            paths = []
            a.visititems(lambda name, obj: paths.append(name)
                         if isinstance(obj, h5py.Dataset) and name.startswith(("series", "time"))
                         else None)
            self.assertGreater(len(paths), 20)
            for path in paths:
                data_a, data_b = a[path][()], b[path][()]
                if data_a.dtype.hasobject:  # column names: compare strings, not pointers
                    self.assertEqual(data_a.tolist(), data_b.tolist(), path)
                else:
                    self.assertEqual(data_a.tobytes(), data_b.tobytes(), path)

    def test_the_kantorovich_planner_runs_and_records_shadow_prices(self):
        out = self.run_to("kantorovich.h5", "--set", "planner.method=kantorovich", "--set",
                          "enterprises.material_use_sigma=0.2")
        with h5py.File(out, "r") as f:
            prices = f["series/by_good/shadow_price"][:]
            self.assertEqual(prices.shape[1], 12)
            self.assertTrue(np.all(prices >= 0))
            self.assertGreater(prices.max(), 0)
            self.assertGreater(f["series/output_true"][-1], 0)

    def test_a_different_seed_gives_a_different_run(self):
        a = self.run_to("a.h5")
        b = self.run_to("b.h5", "--seed", "4")
        with h5py.File(a, "r") as fa, h5py.File(b, "r") as fb:
            self.assertNotEqual(fa["series/output_true"][:].tobytes(),
                                fb["series/output_true"][:].tobytes())

    def test_inputs_the_model_cannot_run_are_refused_with_their_place(self):
        self.scenario.write_text("planner:\n  method: kantorovic\n")
        result = plansim("run", str(self.scenario), "--out", str(self.dir / "k.h5"))
        self.assertEqual(result.returncode, 2)
        self.assertIn(f"{self.scenario}:2:11: 'planner.method' must be one of", result.stderr)
        self.scenario.write_text("policy:\n  - {date: 1950-01, set: {scale.goods: 5}}\n")
        result = plansim("run", str(self.scenario), "--out", str(self.dir / "k.h5"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("'scale.goods' is fixed when the world is built", result.stderr)
        self.assertFalse((self.dir / "k.h5").exists())

    def test_an_output_that_names_a_folder_is_refused_before_running(self):
        folder = self.dir / "results"
        folder.mkdir()
        for option in (["--out", str(folder)], ["--set", f"output.file={folder}"],
                       ["--out", str(self.dir / "new") + "/"]):
            with self.subTest(option=option):
                result = plansim("run", str(self.scenario), "--quiet", *option)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn("names a folder, not a run file", result.stderr)
                self.assertEqual(sorted(p.name for p in self.dir.iterdir()),
                                 ["results", "tiny.yaml"])

    def test_a_second_writer_is_refused_before_it_touches_the_first_ones_file(self):
        out = self.dir / "x.h5"
        partial = Path(str(out) + ".partial")
        partial.write_bytes(b"the first writer's data")
        with open(partial, "rb+") as held:
            fcntl.flock(held, fcntl.LOCK_EX)  # what a writer holds while it writes
            result = plansim("run", str(self.scenario), "--out", str(out), "--quiet")
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn(f"another process is writing {partial}", result.stderr)
            self.assertEqual(partial.read_bytes(), b"the first writer's data")
            self.assertFalse(out.exists())
        # Once nobody holds it, it is what a killed writer left behind: taken over.
        self.run_to("x.h5")
        self.assertFalse(partial.exists())

    def test_a_planted_partial_link_is_not_followed(self):
        victim = self.dir / "victim.txt"
        victim.write_text("not yours")
        out = self.dir / "x.h5"
        Path(str(out) + ".partial").symlink_to(victim)
        result = plansim("run", str(self.scenario), "--out", str(out), "--quiet")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("is a symbolic link", result.stderr)
        self.assertEqual(victim.read_text(), "not yours")
        self.assertFalse(out.exists())
        self.assertTrue(Path(str(out) + ".partial").is_symlink())  # left for its owner to see

    def test_missing_output_folder_is_refused_before_running(self):
        result = plansim("run", str(self.scenario), "--out", str(self.dir / "no" / "x.h5"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("does not exist", result.stderr)

    def test_a_full_disk_fails_the_run_cleanly(self):
        with small_disk(self, self.dir / "small-disk", "200k") as disk:
            out = disk / "full.h5"
            result = plansim("run", str(self.scenario), "--out", str(out), "--quiet", "--set",
                             "scale=small", "--set", "output.panel.every=1", "--set",
                             "calendar.end=2100-12")
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assertIn("No space left on device", result.stderr)
            # The run stops as soon as the writer fails, not at the end of its calendar.
            self.assertRegex(result.stderr, r"the run stopped after \d+ of 2076 ticks")
            self.assertNotIn("HDF5-DIAG", result.stderr)
            self.assertEqual(list(disk.iterdir()), [])

    def test_sigterm_stops_a_run_and_leaves_no_file(self):
        out = self.dir / "long.h5"
        partial = Path(str(out) + ".partial")
        process = subprocess.Popen(
            [PLANSIM, "run", str(self.scenario), "--out", str(out), "--quiet", "--set",
             "scale=large", "--set", "calendar.end=2300-12", "--threads", "1"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 60
        while not partial.exists() and time.time() < deadline:
            time.sleep(0.05)
        self.assertTrue(partial.exists(), "the run never created its partial file")
        time.sleep(0.5)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=120)
        self.assertEqual(process.returncode, 3, stderr)
        self.assertIn("stopped by signal 15", stderr)
        self.assertFalse(out.exists())
        self.assertFalse(partial.exists())


if __name__ == "__main__":
    unittest.main()
