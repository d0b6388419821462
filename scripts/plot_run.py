#!/usr/bin/python3
"""Draws a run's main series over time, with its policy events marked, as a PNG.

usage: plot_run.py FILE.h5 [OUT.png]      (default: FILE.png next to the run file)

Needs Debian's python3-matplotlib, python3-h5py and python3-pandas (run with /usr/bin/python3).
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plansim_read  # noqa: E402

PANELS = [
    ("output_true", "output (true, base units/month)"),
    ("consumption_per_capita", "consumption per head"),
    ("shortage_consumer", "consumer shortage (unmet / wanted)"),
    ("artel_share_consumer", "artels' share of consumer goods sold"),
    ("monetary_overhang", "monetary overhang (months of income)"),
    ("bureaucrats_per_1000_workers", "officials per 1,000 workers"),
]


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__.strip())
    source = Path(sys.argv[1])
    target = Path(sys.argv[2]) if len(sys.argv) == 3 else source.with_suffix(".png")
    try:
        run = plansim_read.read_run(source)
        events = plansim_read.read_events(source)
    except (OSError, ValueError) as error:
        sys.exit(f"plot_run.py: {error}")
    # Structural events and parameter changes, one mark per date.
    marks = events[events["name"] != "stop_go"].groupby("date")["name"].apply(
        lambda names: ", ".join(sorted(set(names))))
    figure, axes = plt.subplots(len(PANELS), 1, figsize=(11, 2.2 * len(PANELS)), sharex=True)
    for axis, (series, title) in zip(axes, PANELS):
        yearly = run[series].resample("YS").mean()
        axis.plot(yearly.index, yearly.values, color="tab:blue", linewidth=1.4)
        axis.set_title(title, fontsize=9, loc="left")
        axis.grid(alpha=0.3)
        for date in marks.index:
            axis.axvline(date, color="tab:red", alpha=0.25, linewidth=0.8)
    for date, names in marks.items():
        axes[0].annotate(names, (date, 1.0), xycoords=("data", "axes fraction"), rotation=90,
                         fontsize=6, va="top", ha="right", color="tab:red")
    figure.suptitle(f"{source.name}: yearly means; red lines: policy events", fontsize=10)
    figure.tight_layout()
    figure.savefig(target, dpi=110)
    print(f"plot: {target}")


if __name__ == "__main__":
    main()
