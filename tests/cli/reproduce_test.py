"""scripts/reproduce and scripts/plot_experiment.py: a tiny reproduction of every experiment
gives a report with a section, a verdict and a figure for each; the report writer,
run on fabricated experiment folders, says plainly when a claim is not supported and when an
experiment failed; plot_experiment.py refuses a folder without verdict.yaml."""

import html
import os
import shutil
import stat
import subprocess
import tempfile
import unittest
from pathlib import Path

import yaml

SOURCE = Path(os.environ.get("PLANSIM_SOURCE", Path(__file__).resolve().parents[2]))
PLANSIM = os.environ.get("PLANSIM", str(SOURCE / "build" / "plansim"))
SCRIPTS = SOURCE / "scripts"
# Every experiment, at the tiny scale (about 20 s for all of them on 2 cores).
EXPERIMENTS = sorted(path.parent.name
                     for path in (SOURCE / "experiments").glob("*/experiment.yaml"))


def reproduce(*args, plansim=PLANSIM):
    environment = dict(os.environ, PLANSIM=str(Path(plansim).resolve()))
    return subprocess.run([str(SCRIPTS / "reproduce"), *args], capture_output=True, text=True,
                          timeout=900, env=environment)


def fabricated_verdict(label, claim="Artels <b>made</b> things & \"better\"."):
    """A verdict.yaml as plansim experiment writes it, with the given verdict label."""
    return {
        "experiment": "c04_artel_abolition", "claim": claim,
        "source": {"seed_file": "000_x.txt", "title": "A title", "author": "nobody"},
        "hypothesis": {"metric": "consumption_per_capita", "statistic": "mean",
                       "window": ["1957-01", "1975-12"], "compare": "kept - abolished",
                       "expect": "greater", "alpha": 0.05},
        "design": "paired", "n": {"kept": 3, "abolished": 3}, "runs_missing": 0,
        "mean": {"kept": 1.0, "abolished": 1.01}, "effect": -0.01, "confidence": 0.95,
        "ci": [-0.05, 0.03], "bootstrap_ci": [-0.04, 0.02], "t": -0.5, "df": 2,
        "p_value": 0.67, "effect_size": -0.3,
        "robustness": {"points": 10, "kept_sign": 4, "share": 0.4},
        "supported": label in ("supported", "holds only in part of the parameter space"),
        "verdict": label, "summary": "A summary paragraph.",
    }


class TinyReproduction(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = Path(tempfile.mkdtemp(prefix="plansim_reproduce_test_"))
        cls.result = reproduce("--tiny", "--only", ",".join(EXPERIMENTS), "--jobs", "2",
                               "--out", str(cls.dir))
        index = cls.dir / "index.html"
        cls.page = index.read_text(encoding="utf-8") if index.is_file() else ""

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def test_runs_cleanly_with_progress_lines(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        self.assertIn(f"reproduce: 1/{len(EXPERIMENTS)} {sorted(EXPERIMENTS)[0]}",
                      self.result.stderr)

    def test_report_has_a_section_per_experiment_with_claim_verdict_and_figure(self):
        self.assertTrue(self.page.startswith("<!DOCTYPE html>"))
        self.assertIn("tiny", self.page)
        for name in EXPERIMENTS:
            with self.subTest(experiment=name):
                verdict = yaml.safe_load((self.dir / name / "verdict.yaml").read_text())
                self.assertIn(f'id="{name}"', self.page)
                self.assertIn(html.escape(verdict["claim"]), self.page)
                self.assertIn(html.escape(verdict["verdict"]), self.page)
                self.assertIn(f'<img src="{name}/effect.png"', self.page)
                png = self.dir / name / "effect.png"
                self.assertEqual(png.read_bytes()[:8], b"\x89PNG\r\n\x1a\n")
                self.assertIn(f'href="{name}/README.md"', self.page)
                self.assertTrue((self.dir / name / "README.md").is_file())

    def test_verdicts_yaml_maps_each_experiment_to_its_claim(self):
        verdicts = yaml.safe_load((self.dir / "verdicts.yaml").read_text())
        self.assertEqual(sorted(verdicts), sorted(EXPERIMENTS))
        self.assertEqual(verdicts["c04_artel_abolition"]["claim_id"], "C04")
        for name, entry in verdicts.items():
            verdict = yaml.safe_load((self.dir / name / "verdict.yaml").read_text())
            self.assertEqual(entry["verdict"], verdict["verdict"])
            self.assertEqual(entry["supported"], verdict["supported"])
            self.assertAlmostEqual(entry["p_value"], verdict["p_value"])
            self.assertAlmostEqual(entry["effect"], verdict["effect"])

    def test_report_only_rewrites_the_same_report_without_running(self):
        again = reproduce("--report-only", "--out", str(self.dir), plansim="/nonexistent")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertNotIn("reproduce: 1/", again.stderr)
        for name in EXPERIMENTS:
            self.assertIn(f'id="{name}"', (self.dir / "index.html").read_text())


class ReportWriter(unittest.TestCase):
    """The report on fabricated experiment folders: nothing is run."""

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="plansim_report_test_"))
        self.folder = self.dir / "c04_artel_abolition"
        self.folder.mkdir()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def report_on(self, label):
        (self.folder / "verdict.yaml").write_text(yaml.safe_dump(fabricated_verdict(label)))
        result = reproduce("--report-only", "--only", "c04_artel_abolition",
                           "--out", str(self.dir))
        return result, (self.dir / "index.html").read_text(encoding="utf-8")

    def test_not_supported_is_said_plainly(self):
        result, page = self.report_on("not supported")
        self.assertIn("The runs do not support this claim", page)
        self.assertIn("class='plain'", page)  # highlighted, not the quiet style of "supported"
        verdicts = yaml.safe_load((self.dir / "verdicts.yaml").read_text())
        self.assertEqual(verdicts["c04_artel_abolition"],
                         {"claim_id": "C04", "verdict": "not supported", "supported": False,
                          "effect": -0.01, "p_value": 0.67})
        # No runs to draw: the report says so, and the exit status says it was not clean.
        self.assertEqual(result.returncode, 1)
        self.assertIn("The figure could not be drawn", page)

    def test_contradicted_and_partial_verdicts_are_said_plainly(self):
        _, page = self.report_on("contradicted")
        self.assertIn("The runs contradict this claim", page)
        _, page = self.report_on("holds only in part of the parameter space")
        self.assertIn("only in part of the parameter space", page)
        self.assertIn("4 of 10 robustness points", page)

    def test_text_is_escaped(self):
        _, page = self.report_on("supported")
        self.assertNotIn("<b>made</b>", page)
        self.assertIn(html.escape('Artels <b>made</b> things & "better".'), page)

    def test_failed_experiment_gets_a_section_with_its_stderr(self):
        (self.folder / "reproduce.yaml").write_text(yaml.safe_dump(
            {"mode": "tiny", "command": "plansim experiment ...", "exit_status": 1}))
        (self.folder / "plansim.stderr").write_text("line one\nplansim experiment: too few runs\n")
        result = reproduce("--report-only", "--only", "c04_artel_abolition",
                           "--out", str(self.dir))
        page = (self.dir / "index.html").read_text(encoding="utf-8")
        self.assertEqual(result.returncode, 1)
        self.assertIn("The experiment failed", page)
        self.assertIn("plansim experiment: too few runs", page)
        verdicts = yaml.safe_load((self.dir / "verdicts.yaml").read_text())
        self.assertIsNone(verdicts["c04_artel_abolition"]["verdict"])


class FailingBinary(unittest.TestCase):
    """A plansim that fails every experiment: each gets a failure section, all are tried."""

    def test_continues_after_a_failure_and_exits_1(self):
        with tempfile.TemporaryDirectory(prefix="plansim_reproduce_fail_") as tmp:
            fake = Path(tmp) / "plansim"
            fake.write_text("#!/bin/sh\n"
                            "[ \"$1\" = --version ] && { echo 'plansim fake'; exit 0; }\n"
                            "echo 'plansim experiment: something broke' >&2\nexit 1\n")
            fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
            out = Path(tmp) / "report"
            result = reproduce("--tiny", "--only", ",".join(EXPERIMENTS), "--out", str(out),
                               plansim=fake)
            self.assertEqual(result.returncode, 1, result.stderr)
            page = (out / "index.html").read_text(encoding="utf-8")
            for name in EXPERIMENTS:
                self.assertIn(f'id="{name}"', page)
            self.assertEqual(page.count("The experiment failed"), len(EXPERIMENTS))
            self.assertIn("something broke", page)
            self.assertIn(f"{len(EXPERIMENTS)}/{len(EXPERIMENTS)}", result.stderr)


class PlotExperiment(unittest.TestCase):
    def test_folder_without_verdict_is_a_usage_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            result = subprocess.run([str(SCRIPTS / "plot_experiment.py"), tmp],
                                    capture_output=True, text=True, timeout=120)
            self.assertEqual(result.returncode, 2)
            self.assertIn("verdict.yaml", result.stderr)
            self.assertFalse((Path(tmp) / "effect.png").exists())


class MissingBinary(unittest.TestCase):
    def test_says_how_to_build(self):
        with tempfile.TemporaryDirectory() as tmp:
            result = reproduce("--tiny", "--out", tmp, plansim="/nonexistent/plansim")
            self.assertEqual(result.returncode, 2)
            self.assertIn("ninja -C build", result.stderr)


if __name__ == "__main__":
    unittest.main()
