#!/usr/bin/python3
"""Draws the sensitivity indices that `plansim analyse DIR` wrote to DIR/indices.csv, as a PNG.

usage: plot_indices.py DIR [--out PNG]      (default: DIR/indices.png)

One panel per metric. A saltelli sweep: each parameter's first-order (S1) and total (ST) Sobol
index with its 95 % bootstrap interval. A morris sweep: each parameter's mu* (mean absolute
elementary effect, with its interval) against sigma (their spread: interactions and
non-linearity), Morris's classic chart.

Needs Debian's python3-matplotlib and python3-pandas (run with /usr/bin/python3).
"""

import argparse
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402


def sobol_panel(axis, rows):
    parameters = list(dict.fromkeys(rows["parameter"]))
    for offset, (index, colour) in enumerate([("S1", "tab:blue"), ("ST", "tab:orange")]):
        part = rows[rows["index"] == index].set_index("parameter").loc[parameters]
        y = [p + (offset - 0.5) * 0.35 for p in range(len(parameters))]
        errors = [part["estimate"] - part["ci_low"], part["ci_high"] - part["estimate"]]
        axis.barh(y, part["estimate"], height=0.35, color=colour, label=index,
                  xerr=errors, capsize=3, error_kw={"linewidth": 0.8})
    axis.set_yticks(range(len(parameters)), parameters, fontsize=8)
    axis.axvline(0, color="black", linewidth=0.6)
    axis.set_xlabel("share of the metric's variance (95 % bootstrap intervals)")
    axis.legend(fontsize=8)


def morris_panel(axis, rows):
    wide = rows.pivot(index="parameter", columns="index", values="estimate")
    star = rows[rows["index"] == "mu_star"].set_index("parameter")
    axis.errorbar(wide["mu_star"], wide["sigma"],
                  xerr=[star["estimate"] - star["ci_low"], star["ci_high"] - star["estimate"]],
                  fmt="o", color="tab:blue", capsize=3, linewidth=0.8)
    for parameter, point in wide.iterrows():
        axis.annotate(parameter, (point["mu_star"], point["sigma"]), fontsize=7,
                      xytext=(4, 4), textcoords="offset points")
    axis.set_xlabel("mu* (mean |elementary effect| per unit of the parameter's range)")
    axis.set_ylabel("sigma")
    axis.set_xlim(left=0)
    axis.set_ylim(bottom=0)
    axis.grid(alpha=0.3)


def main():
    parser = argparse.ArgumentParser(prog="plot_indices.py", description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--out", type=Path)
    options = parser.parse_args()
    source = options.dir / "indices.csv"
    try:
        indices = pd.read_csv(source)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        print(f"plot_indices.py: {source}: {error} (run plansim analyse {options.dir} first)",
              file=sys.stderr)
        return 2
    metrics = list(dict.fromkeys(indices["metric"]))
    if not metrics:
        print(f"plot_indices.py: {source} holds no indices", file=sys.stderr)
        return 2
    morris = "mu_star" in set(indices["index"])
    figure, axes = plt.subplots(len(metrics), 1, figsize=(8, 1.2 + 2.6 * len(metrics)),
                                squeeze=False)
    for axis, metric in zip(axes[:, 0], metrics):
        rows = indices[indices["metric"] == metric]
        (morris_panel if morris else sobol_panel)(axis, rows)
        axis.set_title(f"{metric} ({rows['blocks'].iloc[0]} "
                       f"{'trajectories' if morris else 'base points'})", fontsize=9, loc="left")
    figure.suptitle(f"{options.dir.name}: {'Morris elementary effects' if morris else 'Sobol indices'}",
                    fontsize=10)
    figure.tight_layout()
    target = options.out or options.dir / "indices.png"
    figure.savefig(target, dpi=110)
    print(f"plot: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
