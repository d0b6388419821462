"""Command-line tests: drive the real plansim binary (path in $PLANSIM) as a user would."""

import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

PLANSIM = os.environ.get("PLANSIM", "build/plansim")
COMMANDS = ["run", "validate", "sweep", "slurm", "collect", "analyse", "experiment", "info", "schema",
            "bench"]
REPO = Path(__file__).resolve().parents[2]


def plansim(*args, timeout=120):
    return subprocess.run([PLANSIM, *args], capture_output=True, text=True, timeout=timeout)


class TopLevel(unittest.TestCase):
    def test_help_lists_every_command(self):
        result = plansim("--help")
        self.assertEqual(result.returncode, 0)
        for command in COMMANDS:
            self.assertRegex(result.stdout, rf"(?m)^  {command} +\S")

    def test_version_names_version_and_commit(self):
        result = plansim("--version")
        self.assertEqual(result.returncode, 0)
        self.assertRegex(result.stdout, r"^plansim \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}(-dirty)?|unknown)\)\n$")

    def test_no_arguments_is_a_usage_error(self):
        result = plansim()
        self.assertEqual(result.returncode, 2)
        self.assertIn("Usage: plansim COMMAND", result.stderr)

    def test_a_missing_argument_is_named_in_the_usage_words(self):
        result = plansim("validate")
        self.assertEqual(result.returncode, 2)
        self.assertIn("plansim validate: missing FILE.yaml (YAML file to check)", result.stderr)
        self.assertNotIn("'--file'", result.stderr)
        result = plansim("run")
        self.assertIn("plansim run: missing CONFIG.yaml (scenario YAML file)", result.stderr)

    def test_man_page_and_completion_follow_the_commands(self):
        man = plansim("--man")
        self.assertEqual(man.returncode, 0)
        self.assertTrue(man.stdout.startswith(".TH PLANSIM 1 "))
        for command in COMMANDS:
            self.assertIn(f".SS {command}\n", man.stdout)
        self.assertIn(".B \\-o, \\-\\-out ARG", man.stdout)
        if shutil.which("man"):  # man itself may be missing from a minimal system
            rendered = subprocess.run(["man", "-l", "-"], input=man.stdout, capture_output=True,
                                      text=True, env={**os.environ, "MANWIDTH": "100"})
            if rendered.returncode == 0:
                self.assertIn("plansim analyse DIR", rendered.stdout)
        completion = plansim("--completion").stdout
        script = (completion + "\nCOMP_WORDS=(plansim an); COMP_CWORD=1; _plansim; "
                  "echo \"${COMPREPLY[@]}\"\nCOMP_WORDS=(plansim sweep --sh); COMP_CWORD=2; "
                  "_plansim; echo \"${COMPREPLY[@]}\"\n")
        completed = subprocess.run(["bash", "-c", script], capture_output=True, text=True)
        self.assertEqual(completed.stdout.splitlines(), ["analyse", "--shard"], completed.stderr)

    def test_cmake_install_puts_the_binary_man_page_completion_and_reader_in_a_prefix(self):
        build = Path(PLANSIM).resolve().parent
        with tempfile.TemporaryDirectory() as prefix:
            result = subprocess.run(["cmake", "--install", str(build), "--prefix", prefix],
                                    capture_output=True, text=True)
            self.assertEqual(result.returncode, 0, result.stderr)
            installed = Path(prefix)
            version = subprocess.run([str(installed / "bin" / "plansim"), "--version"],
                                     capture_output=True, text=True)
            self.assertEqual(version.returncode, 0, version.stderr)
            self.assertTrue((installed / "share/man/man1/plansim.1").read_text()
                            .startswith(".TH PLANSIM 1"))
            self.assertIn("complete -o filenames -F _plansim plansim",
                          (installed / "share/bash-completion/completions/plansim").read_text())
            reader = installed / "share/plansim/scripts/plansim_read.py"
            self.assertTrue(os.access(reader, os.X_OK))
            # compare_history.py finds the record beside its folder, as in the source tree.
            self.assertTrue(os.access(installed / "share/plansim/scripts/compare_history.py",
                                      os.X_OK))
            self.assertTrue((installed / "share/plansim/data/history/population.csv").is_file())

    def test_unknown_command_is_named(self):
        result = plansim("runn")
        self.assertEqual(result.returncode, 2)
        self.assertIn("unknown command 'runn'", result.stderr)
        self.assertIn("Usage:", result.stderr)


class Subcommands(unittest.TestCase):
    def test_every_command_has_its_own_help(self):
        for command in COMMANDS:
            with self.subTest(command=command):
                result = plansim(command, "--help")
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn(f"Usage: plansim {command}", result.stdout)
                self.assertIn("--help", result.stdout)

    def test_unknown_option_prints_usage_and_exits_2(self):
        result = plansim("sweep", "s.yaml", "--out", "d", "--bogus")
        self.assertEqual(result.returncode, 2)
        self.assertIn("unrecognised option '--bogus'", result.stderr)
        self.assertIn("Usage: plansim sweep", result.stderr)

    def test_missing_required_argument_exits_2(self):
        result = plansim("sweep", "s.yaml")
        self.assertEqual(result.returncode, 2)
        self.assertIn("'--out' is required", result.stderr)


class Scenarios(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = Path(self.dir.name)

    def tearDown(self):
        self.dir.cleanup()

    def write(self, name, text):
        (self.path / name).write_text(text)
        return str(self.path / name)

    def test_validate_accepts_a_short_scenario(self):
        path = self.write("ok.yaml", "scale: tiny\nrun:\n  seed: 4\n")
        result = plansim("validate", path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("valid scenario (2 of", result.stdout)

    def test_validate_reports_every_error_with_its_place(self):
        path = self.write("bad.yaml", "calender: {}\nchannels:\n  report:\n    latency: -1\n")
        result = plansim("validate", path)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr.splitlines(), [
            f"{path}:1:1: unknown key 'calender' (did you mean 'calendar'?)",
            f"{path}:4:14: 'channels.report.latency' must be between 0 and 120, got -1",
            "2 errors"])

    def test_validate_names_a_missing_file(self):
        result = plansim("validate", str(self.path / "none.yaml"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("none.yaml: cannot read", result.stderr)

    def test_validate_resolves_every_design_point_as_sweep_does(self):
        self.write("base.yaml", "scale: tiny\n")
        path = self.write("points.yaml", "base: base.yaml\n"
                          "parameters:\n  scale.enterprises: {values: [1, 700, 1]}\n"
                          "  channels.report.latency: {values: [0, 6]}\n")
        result = plansim("validate", path)
        self.assertEqual(result.returncode, 2, result.stdout)
        self.assertIn(f"{path}: design point 0 (scale.enterprises=1, channels.report.latency=0): "
                      "scale: 1 enterprises cannot make 12 goods", result.stderr)
        self.assertEqual(result.stderr.count("cannot make"), 1)  # said once for four points
        self.assertIn("4 of 6 design points cannot run", result.stderr)
        # A `set` the base scenario refuses is found before any point.
        bad_set = self.write("set.yaml", "base: base.yaml\nset: {calendar.end: 1920-01}\n"
                             "parameters: {enterprises.ratchet: {values: [0.1]}}\n")
        result = plansim("validate", bad_set)
        self.assertEqual(result.returncode, 2, result.stdout)
        self.assertIn("with the sweep's 'set': calendar.end (1920-01) is before calendar.start",
                      result.stderr)

    def test_validate_checks_sweep_files(self):
        self.write("base.yaml", "scale: tiny\n")
        path = self.write("sweep.yaml", "base: base.yaml\ndesign: grid\nreplicates: 3\n"
                          "parameters: {enterprises.ratchet: {values: [0.1, 0.5]}}\n")
        result = plansim("validate", path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("valid sweep (6 runs: 2 grid points x 3 replicates)", result.stdout)
        bad = self.write("bad.yaml", "base: base.yaml\ndesign: grib\n"
                         "parameters: {enterprises.ratchet: {values: [0.1]}}\n")
        result = plansim("validate", bad)
        self.assertEqual(result.returncode, 2)
        self.assertIn(f"{bad}:2:9: design must be grid, list, random, lhs, sobol, saltelli or morris", result.stderr)

    def test_print_config_round_trips_through_run(self):
        path = self.write("s.yaml", "include: base.yaml\nscale: tiny\n")
        self.write("base.yaml", "channels:\n  report: {latency: 6}\n")
        first = plansim("run", path, "--print-config", "--seed", "9", "--set",
                        "channels.report.noise=0.25")
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertIn("latency: 6", first.stdout)
        self.assertIn("seed: 9", first.stdout)
        self.assertIn("noise: 0.25", first.stdout)
        printed = self.write("printed.yaml", first.stdout)
        second = plansim("run", printed, "--print-config")
        self.assertEqual(second.stdout, first.stdout)

    def test_bad_set_is_an_input_error(self):
        path = self.write("s.yaml", "")
        result = plansim("run", path, "--set", "channels.report.latency=x", "--print-config")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--set channels.report.latency=x: 'channels.report.latency' must be an "
                      "integer", result.stderr)

    def test_configuration_reference_matches_the_schema(self):
        result = plansim("schema", "--markdown")
        self.assertEqual(result.returncode, 0)
        self.assertEqual(result.stdout, (REPO / "docs" / "configuration.md").read_text(),
                         "docs/configuration.md is stale: plansim schema --markdown > "
                         "docs/configuration.md")


class OptionValues(unittest.TestCase):
    """Numbers on the command line are checked before anything is run or written."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = Path(self.dir.name)
        (self.path / "base.yaml").write_text("scale: tiny\ncalendar: {end: 1928-03}\n")
        self.sweep = self.path / "s.yaml"
        self.sweep.write_text("base: base.yaml\n"
                              "parameters: {enterprises.ratchet: {values: [0.5]}}\n")
        self.out = self.path / "out"

    def tearDown(self):
        self.dir.cleanup()

    def test_counts_below_their_least_are_usage_errors(self):
        sweep, out = str(self.sweep), str(self.out)
        cases = [
            (["sweep", sweep, "--out", out, "--jobs", "-5"], "--jobs must be at least 1, got -5"),
            (["sweep", sweep, "--out", out, "--jobs", "0"], "--jobs must be at least 1, got 0"),
            (["sweep", sweep, "--out", out, "--threads", "-3"],
             "--threads must be at least 0, got -3"),
            (["run", str(self.path / "base.yaml"), "--out", str(self.path / "x.h5"),
              "--threads", "-3"], "--threads must be at least 0, got -3"),
            (["slurm", sweep, "--out", out, "--max-parallel", "0"],
             "--max-parallel must be at least 1, got 0"),
            (["slurm", sweep, "--out", out, "--max-parallel", "-4"],
             "--max-parallel must be at least 1, got -4"),
            (["slurm", sweep, "--out", out, "--cpus-per-task", "0"],
             "--cpus-per-task must be at least 1, got 0"),
            (["slurm", sweep, "--out", out, "--cpus-per-task", "-2"],
             "--cpus-per-task must be at least 1, got -2"),
            (["experiment", str(self.path), "--out", out, "--jobs", "0"],
             "--jobs must be at least 1, got 0"),
            (["experiment", str(self.path), "--out", out, "--threads", "-1"],
             "--threads must be at least 0, got -1"),
            (["bench", "--agents", "-1"], "--agents must be at least 1, got -1"),
            (["bench", "--hubs", "-1"], "--hubs must be at least 1, got -1"),
            (["bench", "--ticks", "0"], "--ticks must be at least 1, got 0"),
            (["bench", "--triad-mib", "0"], "--triad-mib must be at least 1, got 0"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                result = plansim(*args)
                self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
                self.assertIn(message, result.stderr)
                self.assertFalse(self.out.exists())
                self.assertFalse((self.path / "x.h5").exists())


class Bench(unittest.TestCase):
    def test_small_bench_reports_rates_and_determinism(self):
        result = plansim("bench", "--agents", "3000", "--ticks", "6", "--threads", "1,2",
                         "--triad-mib", "16")
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = re.findall(r"(?m)^ +(\d+) +([\d.]+) +([\d.e+]+) +([\d.]+) +(yes|NO)$", result.stdout)
        self.assertEqual([r[0] for r in rows], ["1", "2"], result.stdout)
        self.assertTrue(all(r[4] == "yes" for r in rows))
        self.assertTrue(all(float(r[2]) > 0 for r in rows))
        self.assertIn("per-phase wall time", result.stdout)
        self.assertRegex(result.stdout, r"bytes per agent")
        # What bounds it: a bandwidth measured in the same run and the share of it used, and
        # the arithmetic against the same kernel's ceiling.
        memory = re.search(r"STREAM triad \(3 x 16 MiB\) ([\d.]+) GB/s; the workload must move "
                           r"(\d+) bytes per agent-tick: ([\d.]+) GB/s, ([\d.]+) % of the triad",
                           result.stdout)
        self.assertIsNotNone(memory, result.stdout)
        self.assertGreater(float(memory.group(1)), 0)
        self.assertGreater(int(memory.group(2)), 100)
        arithmetic = re.search(r"arithmetic  80 flops per agent-tick: ([\d.]+) Gflop/s, ([\d.]+) % "
                               r"of the same rounds alone in registers \(([\d.]+) Gflop/s per "
                               r"core x 2\)", result.stdout)
        self.assertIsNotNone(arithmetic, result.stdout)
        self.assertGreater(float(arithmetic.group(3)), 0)

    def test_bad_thread_list_is_a_usage_error(self):
        result = plansim("bench", "--threads", "1,zero")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--threads wants", result.stderr)


if __name__ == "__main__":
    unittest.main()
