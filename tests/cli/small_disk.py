"""A small tmpfs for the tests of full disks (mounting needs root; the test is skipped without)."""

import contextlib
import subprocess


@contextlib.contextmanager
def small_disk(test, folder, size):
    """Mounts a tmpfs of `size` (e.g. "200k") at the new folder `folder` for the with-block."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        test.skipTest("cannot mount a small tmpfs here: " + mounted.stderr.strip())
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def fill(disk):
    """Fills the disk to the last byte with a file, returned so that it can be removed."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError:
            pass
    return filler
