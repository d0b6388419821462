#!/usr/bin/python3
"""Prints a run's headline figures by decade: plansim_read.py's DataFrame, averaged.

usage: summarise_run.py FILE.h5
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plansim_read  # noqa: E402

COLUMNS = {
    "output_true": "output",
    "shortage_consumer": "cons. shortage",
    "hidden_capacity_share": "hidden cap.",
    "report_inflation": "report infl.",
    "planner_information_error": "info error",
    "bureaucrats_per_1000_workers": "officials/1000",
}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip())
    try:
        run = plansim_read.read_run(sys.argv[1])
    except (OSError, ValueError) as error:
        sys.exit(f"summarise_run.py: {error}")
    decades = run.groupby((run.index.year // 10) * 10).mean(numeric_only=True)
    table = decades[list(COLUMNS)].rename(columns=COLUMNS)
    table.insert(1, "growth %/yr", 100 * ((decades["output_true"] /
                                          decades["output_true"].shift(1)) ** 0.1 - 1))
    table.index.name = "decade"
    print(table.round(3).to_string())


if __name__ == "__main__":
    main()
