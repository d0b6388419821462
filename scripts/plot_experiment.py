#!/usr/bin/python3
"""Draws an experiment's hypothesis metric over time, one line per arm, as a PNG.

usage: plot_experiment.py DIR [--out PNG]      (default: DIR/effect.png)

DIR is what `plansim experiment` wrote (verdict.yaml, summary.csv, arms/runs/*.h5). Each arm's
line is the mean across its complete replicates, with a band from the lowest to the highest
replicate; the hypothesis window is shaded. Below, the difference between the two compared arms
(per seed pair in a paired design), which is what the verdict tests. Yearly means, like
plot_run.py, so monthly noise does not hide the arms' paths.

Needs Debian's python3-matplotlib, python3-h5py, python3-pandas and python3-yaml
(run with /usr/bin/python3). Exit codes: 0 drawn, 1 the runs cannot be read, 2 bad usage or
no verdict.yaml in DIR.
"""

import argparse
import sys
from pathlib import Path

import h5py
import matplotlib
import pandas as pd
import yaml

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plansim_read  # noqa: E402

COLOURS = ["tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown"]


class PlotError(Exception):
    """The experiment's runs cannot give the plot (exit 1, unlike a usage error)."""


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="plot_experiment.py",
        description="Plot an experiment's hypothesis metric per arm over time.")
    parser.add_argument("dir", type=Path, help="the experiment's output folder")
    parser.add_argument("--out", type=Path, help="PNG to write (default DIR/effect.png)")
    return parser.parse_args(argv)


def load_verdict(folder):
    """verdict.yaml as a dict; its absence is a usage error, so the caller exits 2."""
    path = folder / "verdict.yaml"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: not a finished plansim experiment folder "
                                "(run `plansim experiment` first)")
    with open(path) as stream:
        return yaml.safe_load(stream)


def compared_arms(verdict):
    """The two arms of the hypothesis, in the order of its "A - B" comparison."""
    first, second = (name.strip() for name in verdict["hypothesis"]["compare"].split(" - ", 1))
    return first, second


def complete_runs(folder):
    """summary.csv's complete runs: the rows whose file holds the whole run."""
    table = pd.read_csv(folder / "summary.csv", dtype={"arm": str, "file": str})
    return table[table["status"] == "complete"]


def metric_series(path, hypothesis):
    """The hypothesis metric of one run as a Series by date; a grouped metric gives its column."""
    metric = hypothesis["metric"]
    if "/" not in metric:
        return plansim_read.read_series(path, metric)
    column = hypothesis.get("column")
    table = plansim_read.read_grouped(path, metric)
    if column is None or column not in table.columns:
        raise PlotError(f"{path}: grouped series {metric} has no column {column!r} "
                        f"(columns: {', '.join(table.columns)})")
    return table[column]


def series_attributes(path, metric):
    """The series' units and description, as the run file records them."""
    with h5py.File(path, "r") as f:
        attrs = f["series"][metric].attrs
        return str(attrs.get("units", "")), str(attrs.get("description", ""))


def yearly_by_replicate(folder, runs, hypothesis):
    """One column per replicate (yearly means), for one arm's complete runs."""
    columns = {}
    for row in runs.itertuples():
        series = metric_series(folder / row.file, hypothesis)
        yearly = series.resample("YS").mean()
        yearly.index = yearly.index + pd.DateOffset(months=6)  # a year's mean at its middle
        columns[int(row.replicate)] = yearly
    return pd.DataFrame(columns)


def arm_tables(folder, verdict, runs):
    """Every arm's yearly replicate table (from summary.csv's complete `runs`), the arms of
    the comparison first."""
    order = list(compared_arms(verdict))
    order += [arm for arm in runs["arm"].unique() if arm not in order]
    tables = {}
    for arm in order:
        chosen = runs[runs["arm"] == arm]
        if chosen.empty:
            continue
        tables[arm] = yearly_by_replicate(folder, chosen, verdict["hypothesis"])
    if not tables:
        raise PlotError(f"{folder / 'summary.csv'}: no complete run to plot")
    return tables


def draw_band(axis, table, colour, label):
    """Mean line with the min-max band across replicates."""
    axis.fill_between(table.index, table.min(axis=1), table.max(axis=1), color=colour,
                      alpha=0.2, linewidth=0)
    axis.plot(table.index, table.mean(axis=1), color=colour, linewidth=1.5, label=label)


def shade_window(axes, hypothesis):
    """Shades the hypothesis window (from the first month to the end of the last)."""
    window = hypothesis.get("window")
    if not window:
        return
    start = pd.Timestamp(window[0])
    end = pd.Timestamp(window[1]) + pd.offsets.MonthBegin(1)
    for axis in axes:
        axis.axvspan(start, end, color="grey", alpha=0.12, linewidth=0)


def mark_arm_figures(axis, verdict, tables, colours):
    """For a mean over a window, the arms' figures that the test compared, as dashed lines."""
    hypothesis = verdict["hypothesis"]
    window = hypothesis.get("window")
    if hypothesis.get("statistic") != "mean" or not window:
        return
    start = pd.Timestamp(window[0])
    end = pd.Timestamp(window[1]) + pd.offsets.MonthBegin(1)
    for arm, value in (verdict.get("mean") or {}).items():
        if arm in tables:
            axis.hlines(value, start, end, colors=colours[arm], linestyles="dashed",
                        linewidth=1.0)


def difference_table(verdict, tables):
    """A - B by year: per seed pair in a paired design, else only the difference of means."""
    first, second = compared_arms(verdict)
    if first not in tables or second not in tables:
        return None, False
    a, b = tables[first], tables[second]
    if verdict.get("design") == "paired":
        shared = [r for r in a.columns if r in b.columns]
        if shared:
            return a[shared] - b[shared], True
    return (a.mean(axis=1) - b.mean(axis=1)).to_frame("mean"), False


def metric_label(hypothesis):
    """The metric as the hypothesis names it, with its column for a grouped series."""
    column = hypothesis.get("column")
    return hypothesis["metric"] + (f" [{column}]" if column else "")


def draw(folder, verdict, target):
    """The whole figure: arms above, the compared difference below."""
    hypothesis = verdict["hypothesis"]
    runs = complete_runs(folder)
    tables = arm_tables(folder, verdict, runs)
    units, description = series_attributes(folder / runs["file"].iloc[0], hypothesis["metric"])
    colours = {arm: COLOURS[k % len(COLOURS)] for k, arm in enumerate(tables)}

    figure, (top, bottom) = plt.subplots(2, 1, figsize=(11, 7), sharex=True,
                                         gridspec_kw={"height_ratios": [2, 1]})
    shade_window((top, bottom), hypothesis)
    for arm, table in tables.items():
        draw_band(top, table, colours[arm], f"{arm} (n = {table.shape[1]})")
    mark_arm_figures(top, verdict, tables, colours)
    top.set_ylabel(units or hypothesis["metric"])
    top.set_title(f"{metric_label(hypothesis)}: {description}" if description
                  else metric_label(hypothesis), fontsize=9, loc="left")
    top.legend(fontsize=8, loc="best")

    difference, paired = difference_table(verdict, tables)
    if difference is not None:
        if paired:
            draw_band(bottom, difference, "black", "per seed pair: mean, min-max")
        else:
            bottom.plot(difference.index, difference["mean"], color="black", linewidth=1.5,
                        label="difference of arm means")
        bottom.legend(fontsize=8, loc="best")
    bottom.axhline(0, color="grey", linewidth=0.8)
    bottom.set_ylabel(hypothesis["compare"], fontsize=8)
    for axis in (top, bottom):
        axis.grid(alpha=0.3)

    figure.suptitle(f"{verdict['experiment']}: {verdict['verdict']} "
                    f"(effect {verdict['effect']:.4g}, p = {verdict['p_value']:.3g})", fontsize=11)
    window = hypothesis.get("window")
    figure.text(0.01, 0.005, "yearly means; band: min-max across replicates"
                + (f"; shaded: window {window[0]} to {window[1]}" if window else "")
                + ("; dashed: the arms' window means" if hypothesis.get("statistic") == "mean"
                   and window else ""), fontsize=7, color="dimgrey")
    figure.tight_layout(rect=(0, 0.02, 1, 1))
    figure.savefig(target, dpi=110)
    plt.close(figure)


def main(argv=None):
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    folder = arguments.dir
    target = arguments.out or folder / "effect.png"
    try:
        verdict = load_verdict(folder)
    except (FileNotFoundError, yaml.YAMLError) as error:
        print(f"plot_experiment.py: {error}", file=sys.stderr)
        return 2
    try:
        draw(folder, verdict, target)
    except (OSError, ValueError, KeyError, PlotError) as error:
        print(f"plot_experiment.py: {error}", file=sys.stderr)
        return 1
    print(f"plot: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
