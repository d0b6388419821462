"""Pinned runs: configs/ussr.yaml at the tiny and small scales (seeds 1-3) and a few variants
must record exactly the numbers they recorded when the checksums in pinned_runs.json were
taken. A refactor keeps them; a change of the model's results updates them in its own commit,
saying why:

    PLANSIM=build/plansim /usr/bin/python3 tests/cli/pinned_runs_test.py --update
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

SOURCE = Path(os.environ.get("PLANSIM_SOURCE", Path(__file__).resolve().parents[2]))
PLANSIM = os.environ.get("PLANSIM", str(SOURCE / "build/plansim"))
PINS = Path(__file__).with_name("pinned_runs.json")

sys.path.insert(0, str(SOURCE / "scripts"))
from run_checksum import run_checksum  # noqa: E402


def run_pinned(run, folder):
    """Runs one pinned case into folder and returns its checksum (or raises with stderr)."""
    out = Path(folder) / f"{run['name']}.h5"
    result = subprocess.run([PLANSIM, "run", str(SOURCE / run["config"]), "--out", str(out),
                             "--quiet", *run["args"]], capture_output=True, text=True,
                            timeout=900)
    if result.returncode != 0:
        raise RuntimeError(f"{run['name']}: plansim run failed:\n{result.stderr}")
    return run_checksum(out)


class PinnedRuns(unittest.TestCase):
    def test_runs_record_exactly_their_pinned_numbers(self):
        pins = json.loads(PINS.read_text())
        folder = tempfile.mkdtemp(prefix="plansim_pinned_")
        try:
            for run in pins["runs"]:
                with self.subTest(run=run["name"]):
                    self.assertEqual(run_pinned(run, folder), run["checksum"],
                                     f"{run['name']} recorded different numbers; if the model "
                                     "changed on purpose, update the pins (see this file's "
                                     "docstring) in a commit of its own")
        finally:
            shutil.rmtree(folder)


def update():
    pins = json.loads(PINS.read_text())
    folder = tempfile.mkdtemp(prefix="plansim_pinned_")
    try:
        for run in pins["runs"]:
            old = run.get("checksum")
            run["checksum"] = run_pinned(run, folder)
            print(f"{run['name']}: {'unchanged' if old == run['checksum'] else 'changed'}")
    finally:
        shutil.rmtree(folder)
    PINS.write_text(json.dumps(pins, indent=2) + "\n")


if __name__ == "__main__":
    if "--update" in sys.argv:
        update()
    else:
        unittest.main()
