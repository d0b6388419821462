#!/usr/bin/python3
"""Checksums of a plansim run file's results: one SHA-256 over every dataset outside /profile
(names, shapes, types and bytes, in name order). Two runs with the same checksum recorded the
same numbers bit for bit; wall times (/profile) and provenance attributes are left out.

    run_checksum.py FILE.h5 [FILE.h5 ...]     prints "CHECKSUM  FILE" per file
    run_checksum.py --each FILE.h5            prints one checksum per dataset

Needs Debian's python3-h5py (run with /usr/bin/python3). Exit code 2 on a missing or
unreadable file.
"""

import hashlib
import sys

import h5py
import numpy as np


def datasets(f):
    """(name, dataset) for every dataset outside /profile, in name order. Dimension scales
    (the time and column coordinates of /series) are left out: they restate /time and the
    column names, and files written before they existed must keep their checksums."""
    found = []

    def visit(name, item):
        if (isinstance(item, h5py.Dataset) and not name.startswith("profile")
                and item.attrs.get("CLASS") != b"DIMENSION_SCALE"):
            found.append((name, item))

    f.visititems(visit)
    return sorted(found, key=lambda pair: pair[0])


def dataset_digest(name, dataset):
    digest = hashlib.sha256()
    data = np.ascontiguousarray(dataset[()])
    digest.update(name.encode())
    digest.update(str(data.dtype).encode())
    digest.update(str(data.shape).encode())
    if data.dtype.hasobject:  # variable-length strings: hash their values, not pointers
        digest.update(repr(data.tolist()).encode())
    else:
        digest.update(data.tobytes())
    return digest.hexdigest()


def run_checksum(path):
    """One checksum over every dataset of the run file outside /profile."""
    digest = hashlib.sha256()
    with h5py.File(path, "r") as f:
        for name, dataset in datasets(f):
            digest.update(dataset_digest(name, dataset).encode())
    return digest.hexdigest()


def main(argv):
    each = "--each" in argv
    paths = [a for a in argv if a != "--each"]
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        for path in paths:
            if each:
                with h5py.File(path, "r") as f:
                    for name, dataset in datasets(f):
                        print(f"{dataset_digest(name, dataset)}  {name}")
            else:
                print(f"{run_checksum(path)}  {path}")
    except (OSError, KeyError) as error:
        print(f"run_checksum.py: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
