"""Command-line tests: drive the real plansim binary (path in $PLANSIM) as a user would."""

import os
import re
import subprocess
import unittest

PLANSIM = os.environ.get("PLANSIM", "build/plansim")
COMMANDS = ["run", "validate", "sweep", "slurm", "collect", "experiment", "info", "bench"]


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

    def test_commands_not_built_yet_say_so_and_exit_2(self):
        for args in (["validate", "x.yaml"], ["collect", "dir"], ["experiment", "e"]):
            with self.subTest(args=args):
                result = plansim(*args)
                self.assertEqual(result.returncode, 2)
                self.assertIn("not yet available", result.stderr)


class Bench(unittest.TestCase):
    def test_small_bench_reports_rates_and_determinism(self):
        result = plansim("bench", "--agents", "3000", "--ticks", "6", "--threads", "1,2")
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = re.findall(r"(?m)^ +(\d+) +([\d.]+) +([\d.e+]+) +([\d.]+) +(yes|NO)$", result.stdout)
        self.assertEqual([r[0] for r in rows], ["1", "2"], result.stdout)
        self.assertTrue(all(r[4] == "yes" for r in rows))
        self.assertTrue(all(float(r[2]) > 0 for r in rows))
        self.assertIn("per-phase wall time", result.stdout)
        self.assertRegex(result.stdout, r"bytes per agent")

    def test_bad_thread_list_is_a_usage_error(self):
        result = plansim("bench", "--threads", "1,zero")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--threads wants", result.stderr)


if __name__ == "__main__":
    unittest.main()
