"""plansim sweep and collect end to end: resume, failures, shards, damaged files."""

import csv
import fcntl
import os
import re
import resource
import shutil
import signal
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

import h5py
from small_disk import fill, small_disk

PLANSIM = os.environ.get("PLANSIM", "build/plansim")

SWEEP = """\
base: base.yaml
set: {scale: tiny, calendar.end: 1933-12}
parameters:
  channels.report.latency: {values: [0, 6]}
  enterprises.ratchet: {range: [0.1, 0.9], samples: 2}
design: grid
replicates: 2
seed: 11
metrics:
  - {series: planner_information_error, statistic: mean, window: [1932-01, 1933-12]}
  - {series: output_true, statistic: final}
"""


def plansim(*args, timeout=600):
    return subprocess.run([PLANSIM, *args], capture_output=True, text=True, timeout=timeout)


def children_of(pid):
    """The ids of the processes whose parent is `pid`."""
    children = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path("/proc", entry, "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(entry))
    return children


class Sweep(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="plansim_sweep_test_"))
        (self.dir / "base.yaml").write_text("run: {name: base}\n")
        self.sweep = self.dir / "s.yaml"
        self.sweep.write_text(SWEEP)
        self.out = self.dir / "out"

    def tearDown(self):
        shutil.rmtree(self.dir)

    def summary(self):
        with open(self.out / "summary.csv", newline="") as f:
            return list(csv.DictReader(f))

    def test_sweep_runs_all_then_resumes_without_redoing(self):
        first = plansim("sweep", str(self.sweep), "--out", str(self.out), "--jobs", "2")
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertIn("8 runs selected of 8, 8 run, 0 already done, 0 failed", first.stdout)
        self.assertEqual(sorted(p.name for p in (self.out / "runs").iterdir()),
                         sorted(f"{i}.h5" for i in range(8)))
        again = plansim("sweep", str(self.sweep), "--out", str(self.out))
        self.assertIn("0 run, 8 already done", again.stdout)

        collected = plansim("collect", str(self.out))
        self.assertEqual(collected.returncode, 0, collected.stderr)
        self.assertIn("8 runs, 8 complete, 0 failed, 0 broken, 0 missing", collected.stdout)
        rows = self.summary()
        self.assertEqual(len(rows), 8)
        self.assertEqual(rows[0]["channels.report.latency"], "0")
        self.assertEqual(rows[2]["enterprises.ratchet"], "0.9")
        self.assertEqual({r["status"] for r in rows}, {"complete"})
        self.assertEqual({r["warnings"] for r in rows}, {"0"})  # nothing the timeline resets
        errors = [float(r["planner_information_error_mean"]) for r in rows]
        self.assertTrue(all(0 <= e < 10 for e in errors))
        self.assertEqual(len(set(errors)), 8)  # every run differs (seeds and parameters)
        # The run files carry their own seed and parameters.
        with h5py.File(self.out / "runs" / "5.h5", "r") as f:
            self.assertEqual(str(f.attrs["seed"]), rows[5]["seed"])
            self.assertIn("latency: 6", f.attrs["config"])

    def test_collect_needs_only_the_sweep_folder_and_blanks_metrics_a_run_cannot_give(self):
        self.sweep.write_text(SWEEP.replace("calendar.end: 1933-12", "calendar.end: 1929-12")
                              .replace("window: [1932-01, 1933-12]", "window: [1932-01, 1933-12]"
                                       "}\n  - {series: shortage_consumer, statistic: mean}"
                                       "\n  - {series: artels_formed, statistic: growth"))
        result = plansim("sweep", str(self.sweep), "--out", str(self.out), "--index", "0")
        self.assertEqual(result.returncode, 0, result.stderr)
        moved = self.dir / "moved"
        shutil.copytree(self.out, moved)
        (self.dir / "base.yaml").unlink()  # the base scenario is gone; the results are not
        collected = plansim("collect", str(moved))
        self.assertEqual(collected.returncode, 1, collected.stderr)  # 7 runs never ran
        self.assertIn("1 complete", collected.stdout)
        self.assertIn("metric left blank: planner_information_error_mean: the window", collected.stdout)
        with open(moved / "summary.csv", newline="") as f:
            row = list(csv.DictReader(f))[0]
        self.assertEqual(row["status"], "complete")
        self.assertEqual(row["planner_information_error_mean"], "")
        self.assertNotEqual(row["shortage_consumer_mean"], "")
        # A growth rate needs positive values at both ends: a count that is 0 has none.
        self.assertEqual(row["artels_formed_growth"], "")
        self.assertIn("metric left blank: artels_formed_growth: 'artels_formed_growth' needs "
                      "positive values", collected.stdout)

    def test_collect_metric_adds_statistics_to_a_finished_sweep(self):
        result = plansim("sweep", str(self.sweep), "--out", str(self.out), "--index", "0")
        self.assertEqual(result.returncode, 0, result.stderr)
        record = (self.out / "sweep.yaml").read_text()
        collected = plansim("collect", str(self.out), "--metric",
                            "{series: output_true, statistic: p90, window: [1930-01, 1933-12]}",
                            "--metric", "{series: output_true, statistic: sd, name: spread}",
                            "--metric", "{series: output_true, statistic: trend}")
        self.assertEqual(collected.returncode, 1, collected.stderr)  # 7 runs never ran
        row = self.summary()[0]
        self.assertLess(float(row["spread"]), float(row["output_true_p90"]))
        self.assertGreater(float(row["output_true_p90"]), 0.0)
        self.assertNotEqual(row["output_true_trend"], "")
        self.assertNotEqual(row["output_true_final"], "")  # the sweep's own metrics stay
        self.assertEqual((self.out / "sweep.yaml").read_text(), record)  # the record does not change
        bad = plansim("collect", str(self.out), "--metric", "{series: output_true, statistic: p100}")
        self.assertEqual(bad.returncode, 2)
        self.assertIn("--metric:1:34: statistic must be", bad.stderr)
        bad = plansim("collect", str(self.out), "--metric", "{series: [")
        self.assertEqual(bad.returncode, 2)
        self.assertIn("--metric:", bad.stderr)
        self.assertIn("invalid YAML", bad.stderr)

    def test_collect_flags_runs_made_by_different_versions(self):
        result = plansim("sweep", str(self.sweep), "--out", str(self.out), "--jobs", "2")
        self.assertEqual(result.returncode, 0, result.stderr)
        collected = plansim("collect", str(self.out))
        self.assertNotIn("versions of plansim", collected.stdout)
        with h5py.File(self.out / "runs" / "3.h5", "r+") as f:
            del f.attrs["git_commit"]
            f.attrs["git_commit"] = "0123456789ab"
        collected = plansim("collect", str(self.out))
        self.assertEqual(collected.returncode, 0, collected.stderr)
        self.assertIn("warning: the runs were made by 2 versions of plansim", collected.stdout)
        self.assertIn("0123456789ab: 1", collected.stdout)

    def test_resume_redoes_runs_another_sweep_made(self):
        first = plansim("sweep", str(self.sweep), "--out", str(self.out), "--jobs", "2")
        self.assertEqual(first.returncode, 0, first.stderr)
        # Without its record, the folder's runs say themselves which sweep they belong to.
        (self.out / "sweep.yaml").unlink()
        self.sweep.write_text(SWEEP.replace("values: [0, 6]", "values: [0, 9]"))
        other = plansim("sweep", str(self.sweep), "--out", str(self.out))
        self.assertEqual(other.returncode, 0, other.stderr)
        self.assertIn("4 run, 4 already done", other.stdout)  # latency 6 became 9: runs 4-7
        self.assertIn(f"{self.out / 'runs' / '4.h5'} was made with other parameters or another "
                      "seed: it is made again", other.stderr)
        with h5py.File(self.out / "runs" / "5.h5", "r") as f:
            self.assertIn("latency: 9", f.attrs["config"])
        (self.out / "sweep.yaml").unlink()
        self.sweep.write_text(SWEEP.replace("values: [0, 6]", "values: [0, 9]")
                              .replace("seed: 11", "seed: 12"))
        reseeded = plansim("sweep", str(self.sweep), "--out", str(self.out))
        self.assertEqual(reseeded.returncode, 0, reseeded.stderr)
        self.assertIn("8 run, 0 already done", reseeded.stdout)

    def test_partial_and_damaged_runs_are_redone_and_reported(self):
        plansim("sweep", str(self.sweep), "--out", str(self.out))
        damaged = self.out / "runs" / "3.h5"
        damaged.write_bytes(damaged.read_bytes()[:1000])
        (self.out / "runs" / "6.h5").rename(self.out / "runs" / "6.h5.partial")
        # A global heap object claiming an absurd size crashes the HDF5 library on reading.
        crashing = self.out / "runs" / "1.h5"
        data = bytearray(crashing.read_bytes())
        heap = data.find(b"GCOL")
        data[heap + 24:heap + 32] = (2 ** 62).to_bytes(8, "little")
        crashing.write_bytes(bytes(data))
        collected = plansim("collect", str(self.out))
        self.assertEqual(collected.returncode, 1, collected.stderr)
        self.assertIn("5 complete, 0 failed, 3 broken", collected.stdout)
        self.assertEqual(self.summary()[3]["status"], "broken")
        self.assertEqual(self.summary()[1]["status"], "broken")
        self.assertEqual(self.summary()[3]["output_true_final"], "")
        redo = plansim("sweep", str(self.sweep), "--out", str(self.out))
        self.assertIn("3 run, 5 already done", redo.stdout)
        self.assertFalse((self.out / "runs" / "6.h5.partial").exists())
        self.assertEqual(plansim("collect", str(self.out)).returncode, 0)

    def test_a_series_shorter_than_the_time_axis_is_a_broken_run(self):
        made = plansim("sweep", str(self.sweep), "--out", str(self.out), "--index", "0")
        self.assertEqual(made.returncode, 0, made.stderr)
        with h5py.File(self.out / "runs" / "0.h5", "r+") as f:
            f["series/output_true"].resize(10, axis=0)
        collected = plansim("collect", str(self.out))
        self.assertIn("0 complete, 0 failed, 1 broken", collected.stdout)
        self.assertEqual(self.summary()[0]["status"], "broken")
        self.assertEqual(self.summary()[0]["output_true_final"], "")

    def test_a_run_another_process_is_writing_is_left_to_it(self):
        # A second copy of the sweep in the same folder (a resubmitted Slurm array while the
        # first still runs) must not touch the runs the first is writing.
        partial = self.out / "runs" / "1.h5.partial"
        partial.parent.mkdir(parents=True)
        partial.write_bytes(b"the other process's run")
        with open(partial, "rb+") as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            result = plansim("sweep", str(self.sweep), "--out", str(self.out), "--jobs", "2")
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assertIn("7 run, 0 already done, 0 failed, 1 being written by another process",
                          result.stdout)
            self.assertEqual(partial.read_bytes(), b"the other process's run")
            self.assertFalse((self.out / "failures" / "1.txt").exists())
        again = plansim("sweep", str(self.sweep), "--out", str(self.out))
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("1 run, 7 already done", again.stdout)

    def test_a_full_disk_leaves_no_empty_text_file_under_a_final_name(self):
        with small_disk(self, self.dir / "small-disk", "1m") as disk:
            self.sweep.write_text(SWEEP.replace("  enterprises.ratchet: {range: [0.1, 0.9], "
                                                "samples: 2}\n", "")
                                  .replace("[0, 6]", "[0]").replace("replicates: 2",
                                                                    "replicates: 1"))
            made = plansim("sweep", str(self.sweep), "--out", str(self.out))
            self.assertEqual(made.returncode, 0, made.stderr)
            full = disk / "out"
            shutil.copytree(self.out, full)
            filler = fill(disk)
            collected = plansim("collect", str(full))
            self.assertEqual(collected.returncode, 1, collected.stdout)
            self.assertIn("No space left on device", collected.stderr)
            self.assertEqual(sorted(p.name for p in full.iterdir()),
                             ["failures", "runs", "sweep.yaml"])
            started = plansim("sweep", str(self.sweep), "--out", str(disk / "new"))
            self.assertEqual(started.returncode, 1, started.stdout)
            self.assertIn("No space left on device", started.stderr)
            self.assertFalse((disk / "new" / "sweep.yaml").exists())
            filler.unlink()
            # With room again, nothing left behind stands in the way.
            self.assertEqual(plansim("collect", str(full)).returncode, 0)
            again = plansim("sweep", str(self.sweep), "--out", str(disk / "new"))
            self.assertEqual(again.returncode, 0, again.stderr)

    def test_sigterm_ends_a_resume_stuck_reading_a_run_file(self):
        made = plansim("sweep", str(self.sweep), "--out", str(self.out), "--index", "1")
        self.assertEqual(made.returncode, 0, made.stderr)
        # A run file whose reader never returns, as when the HDF5 library loops for ever on a
        # damaged file: a named pipe nobody writes to blocks the reader in open(). (Damaged
        # files that make the library loop depend on the file's layout, which changes as
        # series are added; the pipe does not.)
        stuck = self.out / "runs" / "1.h5"
        stuck.unlink()
        os.mkfifo(stuck)
        process = subprocess.Popen([PLANSIM, "sweep", str(self.sweep), "--out", str(self.out)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   start_new_session=True)
        try:
            deadline = time.time() + 60
            while not children_of(process.pid) and time.time() < deadline:
                time.sleep(0.05)
            self.assertTrue(children_of(process.pid), "the sweep never started its reader")
            process.send_signal(signal.SIGTERM)
            _, stderr = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.fail("the sweep did not stop on SIGTERM")
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
        self.assertEqual(process.returncode, 3, stderr)
        self.assertIn("stopped by a signal", stderr)

    def test_a_failing_run_is_recorded_and_the_others_complete(self):
        # 5 enterprises cannot make the tiny world's 12 goods: that run is refused.
        self.sweep.write_text(SWEEP.replace("enterprises.ratchet: {range: [0.1, 0.9], samples: 2}",
                                            "scale.enterprises: {values: [60, 5]}"))
        result = plansim("sweep", str(self.sweep), "--out", str(self.out), "--jobs", "2")
        self.assertEqual(result.returncode, 1)
        self.assertIn("4 run, 0 already done, 4 failed", result.stdout)
        failures = sorted(p.name for p in (self.out / "failures").iterdir())
        self.assertEqual(failures, ["2.txt", "3.txt", "6.txt", "7.txt"])
        self.assertIn("5 enterprises cannot make 12 goods",
                      (self.out / "failures" / "2.txt").read_text())
        collected = plansim("collect", str(self.out))
        self.assertIn("4 complete, 4 failed", collected.stdout)
        self.assertIn("failed (see failures/INDEX.txt): 2 3 6 7", collected.stdout)

    def test_a_failure_record_that_cannot_be_written_does_not_end_the_sweep(self):
        self.sweep.write_text(SWEEP.replace("enterprises.ratchet: {range: [0.1, 0.9], samples: 2}",
                                            "scale.enterprises: {values: [60, 5]}"))
        (self.out / "failures" / "2.txt" / "in-the-way").mkdir(parents=True)
        for jobs in ("2", "1"):
            with self.subTest(jobs=jobs):
                shutil.rmtree(self.out / "runs", ignore_errors=True)
                result = plansim("sweep", str(self.sweep), "--out", str(self.out), "--jobs", jobs)
                self.assertEqual(result.returncode, 1, result.stderr)
                self.assertIn("4 run, 0 already done, 4 failed", result.stdout)
                self.assertIn("run 2 failed and its failure record could not be written",
                              result.stderr)
                self.assertIn("5 enterprises cannot make 12 goods",
                              (self.out / "failures" / "3.txt").read_text())

    def test_threads_that_cannot_be_started_do_not_end_the_sweep(self):
        # Under a memory limit, not all of 1000 jobs get a thread (each wants a stack).
        def limit_memory():
            resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

        probe = subprocess.run([PLANSIM, "--version"], capture_output=True, preexec_fn=limit_memory)
        if probe.returncode != 0:
            self.skipTest("this build cannot run under a memory limit (a sanitizer build)")
        result = subprocess.run([PLANSIM, "sweep", str(self.sweep), "--out", str(self.out),
                                 "--jobs", "1000"], capture_output=True, text=True, timeout=600,
                                preexec_fn=limit_memory)
        self.assertIn(result.returncode, (0, 1), result.stderr)  # not killed by SIGABRT
        self.assertRegex(result.stderr, r"sweep: started \d+ of 1000 jobs: ")
        # Every run is accounted for: made, or failed (the stacks of so many threads may leave
        # too little memory for a run) with its record.
        counts = re.search(r"8 runs selected of 8, (\d+) run, 0 already done, (\d+) failed",
                           result.stdout)
        self.assertIsNotNone(counts, result.stdout)
        self.assertEqual(int(counts[1]) + int(counts[2]), 8)
        self.assertEqual(len(list((self.out / "runs").glob("*.h5"))), int(counts[1]))
        self.assertEqual(len(list((self.out / "failures").glob("*.txt"))), int(counts[2]))

    def test_one_index_reproduces_the_same_run_and_shards_cover_the_sweep(self):
        for shard in ("0/3", "1/3", "2/3"):
            result = plansim("sweep", str(self.sweep), "--out", str(self.out), "--shard", shard)
            self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(list((self.out / "runs").glob("*.h5"))), 8)
        alone = self.dir / "alone"
        result = plansim("sweep", str(self.sweep), "--out", str(alone), "--index", "5")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual([p.name for p in (alone / "runs").iterdir()], ["5.h5"])
        with h5py.File(self.out / "runs" / "5.h5") as a, h5py.File(alone / "runs" / "5.h5") as b:
            self.assertEqual(a["series/output_true"][:].tobytes(),
                             b["series/output_true"][:].tobytes())

    def test_bad_selections_and_files_are_usage_errors(self):
        self.assertEqual(plansim("sweep", str(self.sweep), "--out", str(self.out), "--index",
                                 "8").returncode, 2)
        bad = plansim("sweep", str(self.sweep), "--out", str(self.out), "--shard", "3/3")
        self.assertEqual(bad.returncode, 2)
        self.assertIn("--shard wants I/N", bad.stderr)
        self.assertEqual(plansim("collect", str(self.dir)).returncode, 2)
        plansim("sweep", str(self.sweep), "--out", str(self.out), "--index", "0")
        self.sweep.write_text(SWEEP.replace("seed: 11", "seed: 12"))
        other = plansim("sweep", str(self.sweep), "--out", str(self.out))
        self.assertEqual(other.returncode, 2)
        self.assertIn("holds another sweep", other.stderr)
        # The same sweep file over a base scenario that has changed is another sweep too.
        self.sweep.write_text(SWEEP)
        base = self.dir / "base.yaml"
        base.write_text(base.read_text() + "planner: {tautness: 1.2}\n")
        changed = plansim("sweep", str(self.sweep), "--out", str(self.out))
        self.assertEqual(changed.returncode, 2)
        self.assertIn("holds another sweep", changed.stderr)

    def test_a_large_latin_hypercube_is_listed_without_redrawing_its_strata_per_run(self):
        # Listing the 100,000 runs of the record took O(samples^2 x axes): some six minutes
        # here. The timeout only guards against that; the listing takes seconds.
        self.sweep.write_text("base: base.yaml\nparameters:\n" + "".join(
            f"  {path}: {{range: [0.1, 0.9]}}\n" for path in (
                "enterprises.ratchet", "enterprises.hoarding", "enterprises.audit_probability",
                "enterprises.honesty_mean", "enterprises.audit_penalty",
                "enterprises.bailout_probability", "artels.waste_share",
                "artels.switch_probability")) + "design: lhs\nsamples: 100000\n")
        result = plansim("slurm", str(self.sweep), "--out", str(self.out), timeout=200)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("(100000 runs in 32 array tasks)", result.stdout)
        self.assertIn("index: 99999", (self.out / "sweep.yaml").read_text())

    def test_slurm_scripts_quote_every_value_and_refuse_control_characters(self):
        for option in ("--partition", "--time", "--mem"):
            with self.subTest(option=option):
                result = plansim("slurm", str(self.sweep), "--out", str(self.out), option,
                                 "normal\ntouch /tmp/plansim-pwned")
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(f"{option} holds a control character", result.stderr)
                self.assertFalse((self.out / "job.sbatch").exists())
        result = plansim("slurm", str(self.sweep), "--out", str(self.dir / "a\nb"))
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("holds a control character", result.stderr)
        self.assertFalse((self.dir / "a\nb").exists())
        result = plansim("slurm", str(self.sweep), "--out", str(self.out), "--partition",
                         'say "hi"')
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn('--partition cannot hold " or \\', result.stderr)
        result = plansim("slurm", str(self.sweep), "--out", str(self.dir / "out dir"),
                         "--partition", "long queue", "--mem", "4G")
        self.assertEqual(result.returncode, 0, result.stderr)
        job = (self.dir / "out dir" / "job.sbatch").read_text()
        self.assertIn('#SBATCH --partition="long queue"\n', job)
        self.assertIn('#SBATCH --mem="4G"\n', job)
        self.assertIn(f'#SBATCH --output="{self.dir}/out dir/logs/sweep-%A_%a.out"\n', job)

    def test_slurm_passes_sbatch_lines_and_setup_caps_tasks_and_resubmits_missing_shards(self):
        result = plansim("slurm", str(self.sweep), "--out", str(self.out), "--tasks", "50",
                         "--sbatch-arg=--account=proj", "--sbatch-arg=--exclusive",
                         "--setup", "module load hdf5", "--signal-lead", "300")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("8 runs in 8 array tasks (--tasks 50 capped at the number of runs)",
                      result.stdout)
        job = (self.out / "job.sbatch").read_text()
        self.assertIn('#SBATCH --account="proj"\n#SBATCH --exclusive\n', job)
        self.assertIn('#SBATCH --array="0-7"', job)
        self.assertIn('#SBATCH --signal="B:TERM@300"\n#SBATCH --requeue\n', job)
        self.assertIn("\nmodule load hdf5\n", job)
        self.assertIn("\nmodule load hdf5\nexec ", (self.out / "collect.sbatch").read_text())
        for bad in ("account=proj", "--account=a\nb", '--account="x"'):
            refused = plansim("slurm", str(self.sweep), "--out", str(self.dir / "bad"),
                              f"--sbatch-arg={bad}")
            self.assertEqual(refused.returncode, 2, bad)
        # Only the shards with runs still to make: shard i holds runs i, i + 3, ...
        made = plansim("sweep", str(self.sweep), "--out", str(self.out), "--shard", "1/3")
        self.assertEqual(made.returncode, 0, made.stderr)
        again = plansim("slurm", str(self.sweep), "--out", str(self.out), "--tasks", "3",
                        "--only-missing")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("2 of them with runs still to make", again.stdout)
        self.assertIn('#SBATCH --array="0,2"', (self.out / "job.sbatch").read_text())
        plansim("sweep", str(self.sweep), "--out", str(self.out))
        done = plansim("slurm", str(self.sweep), "--out", str(self.out), "--only-missing")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("is made: nothing to submit", done.stdout)

    def test_a_task_told_to_stop_at_its_time_limit_stops_cleanly_and_requeues_itself(self):
        # The job script run as Slurm runs it, with a stand-in scontrol: SIGTERM to the batch
        # shell (--signal=B:TERM) reaches plansim, which stops after the run in progress.
        self.sweep.write_text(SWEEP.replace("scale: tiny, calendar.end: 1933-12",
                                            "scale: small, calendar.end: 1940-12"))
        result = plansim("slurm", str(self.sweep), "--out", str(self.out), "--tasks", "1")
        self.assertEqual(result.returncode, 0, result.stderr)
        bin_dir = self.dir / "bin"
        bin_dir.mkdir()
        (bin_dir / "scontrol").write_text(f"#!/bin/sh\necho \"$@\" >> {self.dir}/scontrol.log\n")
        (bin_dir / "scontrol").chmod(0o755)
        env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", SLURM_ARRAY_TASK_ID="0",
                   SLURM_ARRAY_JOB_ID="77", SLURM_CPUS_PER_TASK="1")
        task = subprocess.Popen(["bash", str(self.out / "job.sbatch")], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 120
        while not (self.out / "runs" / "0.h5").exists() and time.time() < deadline:
            time.sleep(0.05)
        task.send_signal(signal.SIGTERM)
        out, err = task.communicate(timeout=120)
        self.assertEqual(task.returncode, 3, err)
        self.assertIn("requeueing to resume", out)
        self.assertEqual((self.dir / "scontrol.log").read_text(), "requeue 77_0\n")
        self.assertEqual(list((self.out / "runs").glob("*.partial")), [])
        made = sorted(p.name for p in (self.out / "runs").iterdir())
        self.assertLess(len(made), 8)
        # The requeued task resumes: the runs made are skipped, the others made.
        again = subprocess.run(["bash", str(self.out / "job.sbatch")], env=env,
                               capture_output=True, text=True, timeout=600)
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn(f"{len(made)} already done", again.stdout)
        self.assertEqual(len(list((self.out / "runs").glob("*.h5"))), 8)
        # Past the cap on requeues, a stopped task just ends.
        self.assertIn('"${SLURM_RESTART_COUNT:-0}" -lt 3', (self.out / "job.sbatch").read_text())

    def test_slurm_writes_a_job_array_and_a_dependent_collect(self):
        result = plansim("slurm", str(self.sweep), "--out", str(self.out), "--tasks", "3",
                         "--cpus-per-task", "2", "--time", "00:10:00", "--max-parallel", "2")
        self.assertEqual(result.returncode, 0, result.stderr)
        job = (self.out / "job.sbatch").read_text()
        self.assertIn('#SBATCH --array="0-2%2"', job)
        self.assertIn('#SBATCH --time="00:10:00"', job)
        self.assertIn('--shard "${SLURM_ARRAY_TASK_ID}/3"', job)
        self.assertIn('--cpus-per-task="2"', job)
        self.assertIn(" collect ", (self.out / "collect.sbatch").read_text())
        self.assertIn("--dependency=afterany:", (self.out / "submit.sh").read_text())
        self.assertTrue(os.access(self.out / "submit.sh", os.X_OK))


if __name__ == "__main__":
    unittest.main()
