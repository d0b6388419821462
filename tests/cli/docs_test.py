"""The documentation's examples run: every code block of README.md and docs/*.md marked with a
`<!-- runnable -->` line just before it is run, the blocks of one file in order in one scratch
folder (which has the repository's configs, experiments and scripts and the build's plansim as
build/plansim). sh blocks run with bash -euo pipefail, python blocks with Debian's python3."""

import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

PLANSIM = Path(os.environ.get("PLANSIM", "build/plansim")).resolve()
SOURCE = Path(os.environ.get("PLANSIM_SOURCE", Path(__file__).resolve().parents[2]))
MARK = "<!-- runnable -->"
BLOCK = re.compile(r"^" + re.escape(MARK) + r"\n```(\w+)\n(.*?)^```", re.M | re.S)


def runnable_blocks(path):
    """(language, code, line) for each marked block of a Markdown file."""
    text = path.read_text()
    return [(m.group(1), m.group(2), text.count("\n", 0, m.start()) + 2)
            for m in BLOCK.finditer(text)]


class RunnableDocs(unittest.TestCase):
    def test_marked_blocks_are_found_only_as_marked(self):
        sample = f"text\n{MARK}\n```sh\necho hi\n```\n\n```sh\nnot marked\n```\n"
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "x.md"
            path.write_text(sample)
            self.assertEqual(runnable_blocks(path), [("sh", "echo hi\n", 3)])

    def test_every_runnable_block_runs(self):
        files = [SOURCE / "README.md", *sorted((SOURCE / "docs").glob("*.md"))]
        marked = {path: runnable_blocks(path) for path in files}
        self.assertGreaterEqual(sum(len(b) for b in marked.values()), 4)
        for path, blocks in marked.items():
            if not blocks:
                continue
            with tempfile.TemporaryDirectory(prefix="plansim_docs_test_") as folder:
                scratch = Path(folder)
                for name in ("configs", "experiments", "scripts"):
                    (scratch / name).symlink_to(SOURCE / name)
                (scratch / "build").mkdir()
                (scratch / "build" / "plansim").symlink_to(PLANSIM)
                (scratch / "out").mkdir()
                for language, code, line in blocks:
                    with self.subTest(file=path.name, line=line):
                        self.assertIn(language, ("sh", "python"))
                        command = (["bash", "-euo", "pipefail", "-c", code] if language == "sh"
                                   else ["/usr/bin/python3", "-c", code])
                        result = subprocess.run(command, cwd=scratch, capture_output=True,
                                                text=True, timeout=600)
                        self.assertEqual(result.returncode, 0,
                                         f"{path.name}:{line}\n{result.stdout}\n{result.stderr}")


if __name__ == "__main__":
    unittest.main()
