#!/usr/bin/python3
"""Prints a run's headline figures by decade, from plansim_read.py's DataFrame.

usage: summarise_run.py FILE.h5
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plansim_read  # noqa: E402

COLUMNS = {
    "consumption_per_capita": "cons./head",
    "shortage_consumer": "shortage",
    "monetary_overhang": "overhang",
    "artel_share_consumer": "artel share",
    "bureaucrats_per_1000_workers": "officials/1000",
    "hidden_capacity_share": "hidden cap.",
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
    first = decades["output_true"].iloc[0]
    table.insert(0, "output", decades["output_true"] / first)
    years = decades.index.to_series().diff()
    table.insert(1, "growth %/yr",
                 100 * ((decades["output_true"] / decades["output_true"].shift(1))
                        ** (1 / years) - 1))
    table.index.name = "decade"
    print("output: decade mean / first decade's; growth: between decade means")
    print(table.round(3).to_string())


if __name__ == "__main__":
    main()
