#!/usr/bin/python3
"""Draws a run's main series over time, with its policy events marked, as a PNG.

usage: plot_run.py FILE.h5 [OUT.png] [--against OTHER.h5]
       (default OUT: FILE.png next to the run file)

Each panel is the series' yearly mean with its units; red lines mark the dated events, labelled
with what they did (a parameter and its new value, or the structural event). The title names
the scenario, seed, scale and the commit that made the run. --against overlays a second run (a
counterfactual: the same scenario without an event, another seed) in grey.

Needs Debian's python3-matplotlib, python3-h5py, python3-pandas and python3-yaml (run with
/usr/bin/python3). Exit code 2 on a missing or unreadable run file.
"""

import argparse
import sys
from pathlib import Path

import h5py
import matplotlib
import yaml

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plansim_read  # noqa: E402

PANELS = [
    ("output_true", "output (true)"),
    ("consumption_per_capita", "consumption per head"),
    ("shortage_consumer", "consumer shortage (unmet / wanted)"),
    ("artel_share_consumer", "artels' share of consumer goods sold"),
    ("monetary_overhang", "monetary overhang"),
    ("bureaucrats_per_1000_workers", "officials per 1,000 workers"),
]


def event_labels(events):
    """One label per date: what the events of that date did, in a few words."""
    shown = events[events["name"] != "stop_go"]
    labels = {}
    for date, group in shown.groupby("date"):
        parts = []
        for name, detail in zip(group["name"], group["detail"]):
            if name == "policy":  # "planner.tautness = 1.1" -> "tautness 1.1"
                key, _, value = detail.partition(" = ")
                parts.append(f"{key.rsplit('.', 1)[-1]} {value}")
            else:
                parts.append(name.replace("_", " "))
        labels[date] = ", ".join(dict.fromkeys(parts))
    return labels


def describe(path):
    """Scenario name, seed, scale and commit of a run, for the title."""
    with h5py.File(path, "r") as f:
        config = yaml.safe_load(f.attrs["config"])
        commit = f.attrs.get("git_commit", "?")
        seed = f.attrs.get("seed", "?")
    name = (config.get("run") or {}).get("name", Path(path).stem)
    scale = (config.get("scale") or {}).get("preset", "?")
    return f"{name}, seed {seed}, scale {scale}, commit {commit}"


def units_of(path):
    with h5py.File(path, "r") as f:
        return {name: str(f["series"][name].attrs.get("units", "")) for name, _ in PANELS}


def main():
    parser = argparse.ArgumentParser(prog="plot_run.py", description=__doc__.splitlines()[0])
    parser.add_argument("run", type=Path)
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--against", type=Path, help="a second run to overlay (grey)")
    options = parser.parse_args()
    target = options.out or options.run.with_suffix(".png")
    try:
        run = plansim_read.read_run(options.run)
        events = plansim_read.read_events(options.run)
        other = plansim_read.read_run(options.against) if options.against else None
        title = describe(options.run)
        units = units_of(options.run)
    except (OSError, ValueError, KeyError) as error:
        print(f"plot_run.py: {error}", file=sys.stderr)
        return 2
    labels = event_labels(events)
    # The events are numbered on the panels and listed under them: labels on the panels would
    # crowd out the series.
    listing = [f"{k + 1}  {date:%Y-%m}: {label}" for k, (date, label) in enumerate(labels.items())]
    rows = (len(listing) + 1) // 2
    legend_height = 0.16 * rows + 0.3
    figure, axes = plt.subplots(len(PANELS), 1, figsize=(11, 2.1 * len(PANELS) + legend_height),
                                sharex=True)
    for axis, (series, name) in zip(axes, PANELS):
        yearly = run[series].resample("YS").mean()
        axis.plot(yearly.index, yearly.values, color="tab:blue", linewidth=1.4,
                  label=options.run.stem)
        if other is not None:
            against = other[series].resample("YS").mean()
            axis.plot(against.index, against.values, color="grey", linewidth=1.2,
                      linestyle="--", label=options.against.stem)
        axis.set_title(f"{name} [{units[series]}]", fontsize=9, loc="left")
        axis.set_ylabel(units[series], fontsize=7)
        axis.grid(alpha=0.3)
        for date in labels:
            axis.axvline(date, color="tab:red", alpha=0.25, linewidth=0.8)
    for k, date in enumerate(labels):
        axes[0].annotate(str(k + 1), (date, 1.0), xycoords=("data", "axes fraction"),
                         fontsize=6, va="bottom", ha="center", color="tab:red")
    height = figure.get_figheight()
    for column, part in enumerate((listing[:rows], listing[rows:])):
        figure.text(0.02 + 0.5 * column, (legend_height - 0.1) / height, "\n".join(part),
                    fontsize=6.5, va="top", ha="left", color="tab:red", family="monospace")
    if other is not None:
        axes[0].legend(fontsize=7, loc="lower right")
    axes[-1].set_xlabel("year (yearly means of monthly values)")
    figure.suptitle(f"{title}; red lines: dated events", fontsize=10)
    figure.tight_layout(rect=(0, legend_height / figure.get_figheight(), 1, 0.98))
    figure.savefig(target, dpi=110)
    print(f"plot: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
