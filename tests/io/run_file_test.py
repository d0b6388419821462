"""Run files read back without plansim: h5py and pandas, as a user would (Debian python3-h5py)."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

import h5py
import numpy as np
import xarray as xr

PLANSIM = os.environ.get("PLANSIM", "build/plansim")
sys.path.insert(0, os.environ.get("PLANSIM_SCRIPTS", "scripts"))
import plansim_read  # noqa: E402


def contents(dataset):
    """A dataset's values as comparable bytes (strings by value, not by pointer)."""
    data = dataset[()]
    return repr(data.tolist()).encode() if data.dtype.hasobject else data.tobytes()


def is_scale(item):
    return item.attrs.get("CLASS") == b"DIMENSION_SCALE"


def write_run(path, threads=1, ticks=24, agents=3000):
    result = subprocess.run(
        [PLANSIM, "bench", "--output-only", "--quiet", "--agents", str(agents), "--ticks",
         str(ticks), "--threads", str(threads), "--out", str(path)],
        capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise AssertionError(result.stderr)
    return result


class RunFiles(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = Path(tempfile.mkdtemp(prefix="plansim_run_file_test_"))
        cls.one = cls.dir / "one.h5"
        cls.two = cls.dir / "two.h5"
        write_run(cls.one, threads=1)
        write_run(cls.two, threads=2)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def test_schema_and_provenance_attributes(self):
        with h5py.File(self.one, "r") as f:
            for key in ("schema", "plansim_version", "git_commit", "seed", "threads", "created",
                        "config", "status"):
                self.assertIn(key, f.attrs)
            self.assertEqual(f.attrs["schema"], "plansim-run/1")
            self.assertEqual(f.attrs["status"], "complete")
            self.assertRegex(f.attrs["created"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
            self.assertEqual(f.attrs["threads"], 1)

    def test_time_axis_and_series_with_units(self):
        with h5py.File(self.one, "r") as f:
            np.testing.assert_array_equal(f["time/tick"][:], np.arange(24, dtype=np.int32))
            self.assertEqual(f["time/year"][3], 2000.25)
            names = []
            f["series"].visititems(lambda name, obj: names.append(name)
                                   if isinstance(obj, h5py.Dataset) and not is_scale(obj)
                                   else None)
            self.assertIn("population", names)
            self.assertIn("by_hub/hub_intake", names)
            for name in names:
                dataset = f["series"][name]
                self.assertEqual(dataset.dtype, np.float64)
                self.assertEqual(dataset.shape[0], 24)
                self.assertTrue(dataset.attrs["units"])
                self.assertTrue(dataset.attrs["description"])
                self.assertIsNotNone(dataset.chunks)
            self.assertEqual(list(f["series/by_hub/hub_intake"].attrs["columns"]),
                             ["hub_0", "hub_1", "hub_2", "hub_3"])
            self.assertEqual(f["series/by_hub/hub_intake"].shape, (24, 4))
            self.assertEqual(set(f["profile"].dtype.names), {"phase", "seconds", "calls"})
            self.assertEqual(set(f["events"].dtype.names), {"tick", "name", "detail"})

    def test_datasets_identical_at_one_and_two_threads(self):
        with h5py.File(self.one, "r") as a, h5py.File(self.two, "r") as b:
            paths = []
            a.visititems(lambda name, obj: paths.append(name)
                         if isinstance(obj, h5py.Dataset) and name.startswith(("series", "time"))
                         else None)
            self.assertGreater(len(paths), 5)
            for path in paths:
                self.assertEqual(contents(a[path]), contents(b[path]), path)

    def test_series_carry_netcdf4_dimension_scales_with_cf_time(self):
        with h5py.File(self.one, "r") as f:
            time = f["series/time"]
            self.assertTrue(is_scale(time))
            self.assertEqual(time.attrs["units"], "days since 2000-01-01 00:00:00")
            self.assertEqual(list(time[:4]), [0, 31, 60, 91])  # 2000 is a leap year
            self.assertEqual(f["series/population"].dims[0][0].name, "/series/time")
            hub = f["series/by_hub/hub_intake"]
            self.assertEqual(hub.dims[0][0].name, "/series/by_hub/time")
            self.assertEqual(hub.dims[1][0].name, "/series/by_hub/hub")
            self.assertEqual([h.decode() if isinstance(h, bytes) else h
                              for h in f["series/by_hub/hub"][:]], list(hub.attrs["columns"]))

    def test_xarray_opens_the_series_with_time_and_column_coordinates(self):
        with xr.open_dataset(self.one, engine="h5netcdf", group="series") as series:
            self.assertEqual(series["population"].dims, ("time",))
            self.assertEqual(str(series["time"].values[0])[:10], "2000-01-01")
            self.assertEqual(str(series["time"].values[-1])[:10], "2001-12-01")
            self.assertEqual(series["population"].attrs["units"], "agents")
            with h5py.File(self.one, "r") as f:
                np.testing.assert_array_equal(series["population"].values,
                                              f["series/population"][:])
        with xr.open_dataset(self.one, engine="h5netcdf", group="series/by_hub") as hubs:
            self.assertEqual(hubs["hub_intake"].dims, ("time", "hub"))
            self.assertEqual(list(hubs["hub"].values), ["hub_0", "hub_1", "hub_2", "hub_3"])
            self.assertEqual(hubs["hub_intake"].sel(hub="hub_2").shape, (24,))
            self.assertEqual(str(hubs["time"].values[3])[:10], "2000-04-01")

    def test_pandas_helper_indexes_by_date(self):
        run = plansim_read.read_run(self.one)
        self.assertEqual(str(run.index[0].date()), "2000-01-01")
        self.assertEqual(str(run.index[-1].date()), "2001-12-01")
        self.assertEqual(len(run), 24)
        self.assertIn("population", run.columns)
        self.assertNotIn("time", run.columns)  # the time coordinate is the index, not a series
        self.assertEqual(run.attrs["units"]["population"], "agents")
        only = plansim_read.read_run(self.one, series="population")
        self.assertEqual(list(only.columns), ["tick", "population"])
        with self.assertRaisesRegex(ValueError, "no scalar series"):
            plansim_read.read_run(self.one, series=["populaton"])
        one = plansim_read.read_series(self.one, "population")
        self.assertTrue(one.index.equals(run.index))
        self.assertEqual(one.tolist(), run["population"].tolist())
        hubs = plansim_read.read_grouped(self.one, "by_hub/hub_intake")
        self.assertEqual(list(hubs.columns), ["hub_0", "hub_1", "hub_2", "hub_3"])
        sweep = self.dir / "sweep"
        (sweep / "runs").mkdir(parents=True)
        shutil.copy(self.one, sweep / "runs" / "0.h5")
        shutil.copy(self.two, sweep / "runs" / "1.h5")
        (sweep / "runs" / "2.h5").write_bytes(b"truncated")
        long = plansim_read.read_sweep(sweep)
        self.assertEqual(sorted(long["run"].unique()), [0, 1])
        self.assertEqual(len(long), 2 * 24 * 4)

    def test_the_reader_script_exits_2_on_a_missing_or_damaged_file(self):
        script = Path(os.environ.get("PLANSIM_SCRIPTS", "scripts")) / "plansim_read.py"
        for path in (self.dir / "missing.h5", self.dir / "text.h5"):
            path.parent.mkdir(exist_ok=True)
            if path.name == "text.h5":
                path.write_text("not hdf5\n")
            result = subprocess.run(["/usr/bin/python3", str(script), str(path)],
                                    capture_output=True, text=True)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn("plansim_read.py: ", result.stderr)
        result = subprocess.run(["/usr/bin/python3", str(script), str(self.one)],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(result.stdout.splitlines()), 25)  # a header and 24 ticks

    def test_info_shows_provenance_and_series(self):
        result = subprocess.run([PLANSIM, "info", str(self.one)], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("plansim run (plansim-run/1), complete", result.stdout)
        self.assertIn("24 ticks from 2000-01 to 2001-12", result.stdout)
        self.assertIn("population [agents]", result.stdout)
        self.assertIn("series (5)", result.stdout)

    def test_info_on_damaged_or_foreign_files_is_a_clear_error(self):
        truncated = self.dir / "truncated.h5"
        data = self.one.read_bytes()
        truncated.write_bytes(data[: len(data) // 2])
        text = self.dir / "text.h5"
        text.write_text("not hdf5\n")
        for path, message in ((truncated, str(truncated)), (text, "not an HDF5 file"),
                              (self.dir / "missing.h5", "no such file")):
            with self.subTest(path=path.name):
                result = subprocess.run([PLANSIM, "info", str(path)], capture_output=True,
                                        text=True)
                self.assertEqual(result.returncode, 2)
                self.assertIn("plansim info: ", result.stderr)
                self.assertIn(message, result.stderr)
                self.assertNotIn("HDF5-DIAG", result.stderr)

    def test_info_on_a_file_whose_heap_crashes_hdf5_is_a_clear_error(self):
        # The first object of the global heap (the schema string) claims an absurd size: the
        # HDF5 library itself crashes reading it. plansim reads in a child process.
        data = bytearray(self.one.read_bytes())
        heap = data.find(b"GCOL")
        self.assertGreater(heap, 0)
        data[heap + 24:heap + 32] = (2 ** 62).to_bytes(8, "little")
        damaged = self.dir / "heap.h5"
        damaged.write_bytes(bytes(data))
        result = subprocess.run([PLANSIM, "info", str(damaged)], capture_output=True, text=True)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn(f"plansim info: {damaged}: damaged run file", result.stderr)

    def run_alone(self, *args, timeout=120):
        """Runs plansim in a process group of its own, and ends the group if it hangs."""
        process = subprocess.Popen([PLANSIM, *args], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            self.fail(f"plansim {' '.join(args)} did not end in {timeout} s")
        return process.returncode, out, err

    def test_info_on_a_file_whose_heap_makes_hdf5_loop_is_a_clear_error(self):
        # One flipped bit in the size of the global heap collection: the HDF5 library loops for
        # ever reading it. The reading child has a time limit.
        data = bytearray(self.one.read_bytes())
        heap = data.find(b"GCOL")
        data[heap + 8] ^= 0x80
        damaged = self.dir / "looping.h5"
        damaged.write_bytes(bytes(data))
        code, _, err = self.run_alone("info", str(damaged))
        self.assertEqual(code, 2, err)
        self.assertIn(f"plansim info: {damaged}: damaged run file (reading it took longer than",
                      err)

    def test_info_on_a_file_claiming_far_more_data_than_it_holds_is_a_clear_error(self):
        # Lengths that claim 2^28 ticks: each series would need 2 GiB to read, from a file of
        # some 50 kB. The reading child has a memory limit.
        claims = self.dir / "claims.h5"
        shutil.copy(self.one, claims)
        with h5py.File(claims, "r+") as f:
            datasets = []
            f.visititems(lambda name, obj: datasets.append(obj)
                         if isinstance(obj, h5py.Dataset) and name.startswith(("series", "time"))
                         and obj.chunks is not None else None)
            for dataset in datasets:
                dataset.resize(2 ** 28, axis=0)
        code, _, err = self.run_alone("info", str(claims))
        self.assertEqual(code, 2, err)
        # "(reading it needed more than ... MiB)"; a sanitizer build aborts the child instead
        # of throwing std::bad_alloc, which is reported as a crash.
        self.assertIn(f"plansim info: {claims}: damaged run file (reading it ", err)

    def test_unwritable_output_is_refused_with_exit_2(self):
        result = subprocess.run(
            [PLANSIM, "bench", "--output-only", "--quiet", "--out", "/nonexistent-dir/x.h5"],
            capture_output=True, text=True)
        self.assertEqual(result.returncode, 2)
        self.assertIn("folder '/nonexistent-dir' does not exist", result.stderr)


AGENT_PANELS = """\
run: {name: agent-panels, seed: 3}
scale: tiny
calendar: {start: 1928-01, end: 1931-12}
households: {workforce_growth: 0.05}
output: {panel: {every: 12, households: "income, discontent", artels: "output, capital"}}
"""


class AgentPanels(unittest.TestCase):
    """Household and artel snapshots by agent id: columns grow as ids are handed out."""

    @classmethod
    def setUpClass(cls):
        cls.dir = Path(tempfile.mkdtemp(prefix="plansim_agent_panels_"))
        cls.scenario = cls.dir / "panels.yaml"
        cls.scenario.write_text(AGENT_PANELS)
        cls.out = cls.dir / "panels.h5"
        result = subprocess.run([PLANSIM, "run", str(cls.scenario), "--out", str(cls.out),
                                 "--quiet"], capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise AssertionError(result.stderr)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def test_household_columns_grow_with_the_workforce(self):
        with h5py.File(self.out, "r") as f:
            panel = f["panel/households"]
            self.assertEqual(sorted(panel), ["discontent", "income", "tick"])
            self.assertIn("columns agent ids", panel.attrs["description"])
            np.testing.assert_array_equal(panel["tick"][:], [0, 12, 24, 36])
            income = panel["income"][:]
            self.assertEqual(income.dtype, np.float64)
            self.assertEqual(income.shape[0], 4)
            self.assertGreater(income.shape[1], 2000)  # workers joined each January
            self.assertEqual(panel["discontent"].shape, income.shape)
            # The 2,000 households of the start are alive at the first snapshot; the ids handed
            # out later are NaN there, and each January's newcomers appear in the next row.
            self.assertTrue(np.all(np.isfinite(income[0, :2000])))
            self.assertTrue(np.all(np.isnan(income[0, 2000:])))
            alive = np.isfinite(income).sum(axis=1)
            self.assertTrue(np.all(np.diff(alive) > 0), alive)
            self.assertEqual(alive[-1], income.shape[1])  # no one died in this run
            live = np.isfinite(income)
            self.assertTrue(np.all(income[live] >= 0))
            discontent = panel["discontent"][:]
            np.testing.assert_array_equal(np.isfinite(discontent), live)
            self.assertTrue(np.all((discontent[live] >= 0) & (discontent[live] <= 1)))
            # The live columns are the workers the series count in the same month.
            np.testing.assert_array_equal(alive, f["series/workers"][::12])
            chunks = panel["income"].chunks
            self.assertLessEqual(chunks[0] * chunks[1] * 8, 1 << 20)
            self.assertEqual(panel["income"].maxshape, (None, None))

    def test_artel_panel_by_id_and_the_enterprise_panel_unchanged(self):
        with h5py.File(self.out, "r") as f:
            artels = f["panel/artels"]
            np.testing.assert_array_equal(artels["tick"][:], [0, 12, 24, 36])
            output = artels["output"][:]
            self.assertEqual(output.shape[0], 4)
            self.assertGreaterEqual(output.shape[1], 10)
            live = np.isfinite(output)
            np.testing.assert_array_equal(live.sum(axis=1), f["series/artel_count"][::12])
            self.assertTrue(np.all(artels["capital"][:][live] > 0))
            # output.panel.fields keeps its default: every enterprise field, one column each.
            self.assertEqual(f["panel/enterprises/capital"].shape, (4, 60))

    def refused(self, *settings):
        sets = [arg for setting in settings for arg in ("--set", setting)]
        return subprocess.run([PLANSIM, "run", str(self.scenario), "--out",
                               str(self.dir / "bad.h5"), "--quiet", *sets],
                              capture_output=True, text=True, timeout=60)

    def test_info_lists_panels_and_pandas_reads_them_by_agent(self):
        info = subprocess.run([PLANSIM, "info", str(self.out)], capture_output=True, text=True,
                              timeout=60)
        self.assertEqual(info.returncode, 0, info.stderr)
        with h5py.File(self.out, "r") as f:
            ids = f["panel/households/income"].shape[1]
            workers = f["series/workers"][:]
        self.assertIn(f"panel/households: 4 snapshots x {ids} ids (NaN: not alive)", info.stdout)
        self.assertIn("fields: discontent, income", info.stdout)
        homes = plansim_read.read_panel(self.out, "households")
        self.assertEqual(list(homes.columns), ["date", "agent", "discontent", "income"])
        per_snapshot = homes.groupby("date").size().to_numpy()
        np.testing.assert_array_equal(per_snapshot, workers[[0, 12, 24, 36]])
        self.assertEqual(str(homes["date"].iloc[0].date()), "1928-01-01")
        with self.assertRaises(ValueError):
            plansim_read.read_panel(self.out, "ministries")

    def test_unknown_or_unused_agent_fields_are_refused(self):
        bad = self.refused("output.panel.households=income,discontnet")
        self.assertEqual(bad.returncode, 2)
        self.assertIn("unknown household panel field 'discontnet' (did you mean 'discontent'?)",
                      bad.stderr)
        bad = self.refused("output.panel.artels=membres")
        self.assertEqual(bad.returncode, 2)
        self.assertIn("unknown artel panel field 'membres' (did you mean 'members'?)", bad.stderr)
        unused = self.refused("output.panel.every=0")
        self.assertEqual(unused.returncode, 2)
        self.assertIn("output.panel.households is set but output.panel.every is 0", unused.stderr)
        self.assertIn("output.panel.artels is set but output.panel.every is 0", unused.stderr)
        empty = self.refused("output.panel.fields=", "output.panel.households=",
                             "output.panel.artels=")
        self.assertEqual(empty.returncode, 2)
        self.assertIn("output.panel.every is set but output.panel.fields, "
                      "output.panel.households and output.panel.artels are all empty",
                      empty.stderr)
        self.assertEqual(list(self.dir.glob("bad.h5*")), [])


class Interruption(unittest.TestCase):
    def test_sigterm_stops_cleanly_and_removes_the_partial_file(self):
        folder = Path(tempfile.mkdtemp(prefix="plansim_sigterm_"))
        try:
            out = folder / "long.h5"
            partial = folder / "long.h5.partial"
            process = subprocess.Popen(
                [PLANSIM, "bench", "--output-only", "--quiet", "--agents", "20000", "--ticks",
                 "200000", "--threads", "1", "--out", str(out)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            deadline = time.time() + 30
            while not partial.exists() and time.time() < deadline:
                time.sleep(0.05)
            self.assertTrue(partial.exists(), "the run never created its partial file")
            time.sleep(0.5)
            process.send_signal(signal.SIGTERM)
            _, stderr = process.communicate(timeout=60)
            self.assertEqual(process.returncode, 3, stderr)
            self.assertIn("stopped by signal 15", stderr)
            self.assertFalse(out.exists())
            self.assertFalse(partial.exists())
        finally:
            shutil.rmtree(folder)


if __name__ == "__main__":
    unittest.main()
