#!/usr/bin/python3
"""Compares a run of the Soviet scenario with the historical record in data/history/.

usage: compare_history.py FILE.h5 [--out DIR] [--data DIR]

Writes DIR/history_comparison.csv (one row per measure and period: model, record, difference,
window), DIR/history_comparison.md (the same as a table, with the RMSE of the five-year growth
rates of the GDP-like series over 1960-1990) and DIR/history_comparison.png (each growth
measure's average rate per period, model against record, with the calibration window shaded).
DIR defaults to the run file's folder. The table is also printed.

Windows: periods ending in or before 1960 are "calibration" (parameter values may have been
chosen for them: docs/ODD.md, "Calibration"); later periods are "test" (out of sample, never a
target).

Measures (model series -> record series, data/history/README.md):
  gdp                   value_added (state enterprises and artels)  -> GDP (growth per period)
  gdp_maddison          value_added                                 -> Maddison's GDP (levels)
  consumption_per_head  consumption / the record's population       -> consumption per head
  employment            workers (households in work)                -> employment
  industrial_employment workers                                     -> industrial personnel
  investment_share      investment_share_final                      -> investment share (level)
  defence_share         defence_share                               -> defence share (level)
Growth rates are annual averages between yearly means (of the model's monthly values; of the
record's yearly figures). Level rows compare the model's yearly mean with the record's figure.

Needs Debian's python3-h5py, python3-pandas, python3-yaml and python3-matplotlib (run with
/usr/bin/python3). Exit code 2 on a missing or unreadable run file or reference data.
"""

import argparse
import csv
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plansim_read  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "data" / "history"
LAST_CALIBRATION_YEAR = 1960

# measure -> (how the model's figure is computed, whether the record gives growth or a level)
MODEL_SERIES = {
    "gdp": "value_added",
    "gdp_maddison": "value_added",
    "consumption_per_head": "consumption",
    "employment": "workers",
    "industrial_employment": "workers",
    "investment_share": "investment_share_final",
    "defence_share": "defence_share",
}
GROWTH_MEASURES = {"gdp", "gdp_maddison", "consumption_per_head", "employment",
                   "industrial_employment"}
# The GDP-like measures whose five-year rates 1960-1990 get an RMSE, one per source: Western
# growth estimates (gdp) and Maddison's levels (gdp_maddison).
RMSE_MEASURES = ("gdp", "gdp_maddison")


class DataError(Exception):
    pass


def read_record(folder):
    """Every row of every CSV in `folder`: dicts with measure, start, end, value, units, source.
    A row with start == end is a level in that year; otherwise an average annual growth rate
    over [start, end]. Lines starting with # are the file's citation."""
    rows = []
    files = sorted(Path(folder).glob("*.csv"))
    if not files:
        raise DataError(f"{folder}: no reference data (*.csv)")
    for path in files:
        lines = [line for line in path.read_text().splitlines() if not line.startswith("#")]
        for number, row in enumerate(csv.DictReader(lines), start=2):
            try:
                rows.append({"measure": row["measure"], "start": int(row["start"]),
                             "end": int(row["end"]), "value": float(row["value"]),
                             "units": row["units"], "source": path.stem})
            except (KeyError, TypeError, ValueError) as error:
                raise DataError(f"{path}: row {number}: {error!r}") from None
    return rows


def levels(record, measure):
    """The record's levels of a measure as {year: value} (growth rows left out)."""
    return {r["start"]: r["value"] for r in record if r["measure"] == measure and r["start"] == r["end"]}


def interpolate(points, year):
    """Log-linear interpolation of {year: value} (None outside the years given)."""
    years = sorted(points)
    if not years or year < years[0] or year > years[-1]:
        return None
    for low, high in zip(years, years[1:] + [years[-1]]):
        if low <= year <= high:
            if high == low:
                return points[low]
            weight = (year - low) / (high - low)
            return math.exp((1 - weight) * math.log(points[low]) + weight * math.log(points[high]))
    return points[years[-1]]


def annual_growth(first, last, years):
    return (last / first) ** (1.0 / years) - 1.0


def model_yearly(run, record):
    """The model's yearly figure of each measure, as {measure: {year: value}}."""
    yearly = run.groupby(run.index.year).mean(numeric_only=True)
    population = levels(record, "population")
    out = {}
    for measure, series in MODEL_SERIES.items():
        if series not in yearly:
            continue
        values = yearly[series].to_dict()
        if measure == "consumption_per_head":
            heads = {y: interpolate(population, y) for y in values}
            values = {y: v / heads[y] for y, v in values.items() if heads[y]}
        out[measure] = values
    return out


def record_growth_rows(record):
    """Growth comparisons the record allows: its stated period rates, and, for measures given as
    levels, the rates between consecutive years it gives."""
    rows = [r for r in record if r["start"] != r["end"] and r["measure"] in GROWTH_MEASURES]
    for measure in GROWTH_MEASURES:
        points = levels(record, measure)
        years = sorted(points)
        source = next((r["source"] for r in record if r["measure"] == measure), "")
        for start, end in zip(years, years[1:]):
            rows.append({"measure": measure, "start": start, "end": end,
                         "value": annual_growth(points[start], points[end], end - start),
                         "units": "share/year", "source": source})
    return rows


def compare(run, record):
    """One row per comparison the run and the record both cover."""
    model = model_yearly(run, record)
    first, last = int(run.index.year.min()), int(run.index.year.max())
    rows = []
    for r in record_growth_rows(record):
        values = model.get(r["measure"], {})
        if r["start"] < first or r["end"] > last or r["start"] not in values or r["end"] not in values:
            continue
        if values[r["start"]] <= 0 or values[r["end"]] <= 0:
            continue
        ours = annual_growth(values[r["start"]], values[r["end"]], r["end"] - r["start"])
        rows.append(row_of(r, ours, "growth %/yr", 100.0))
    for r in record:
        if r["measure"] in GROWTH_MEASURES or r["start"] != r["end"]:
            continue
        values = model.get(r["measure"], {})
        if r["start"] in values:
            rows.append(row_of(r, values[r["start"]], "share", 1.0))
    return sorted(rows, key=lambda row: (row["measure"], row["start"], row["end"]))


def row_of(record_row, ours, kind, scale):
    window = "calibration" if record_row["end"] <= LAST_CALIBRATION_YEAR else "test"
    return {"measure": record_row["measure"], "start": record_row["start"],
            "end": record_row["end"], "kind": kind, "model": scale * ours,
            "record": scale * record_row["value"],
            "difference": scale * (ours - record_row["value"]), "window": window,
            "source": record_row["source"]}


def five_year_rmse(rows, measure="gdp", first=1960, last=1990):
    """RMSE (points of %/yr) of a GDP-like measure's five-year growth rates, first to last."""
    picked = [r for r in rows if r["measure"] == measure and r["end"] - r["start"] == 5
              and first <= r["start"] and r["end"] <= last]
    if not picked:
        return None, 0
    return math.sqrt(sum(r["difference"] ** 2 for r in picked) / len(picked)), len(picked)


def markdown(rows, rmses, title):
    """The table, then one RMSE line per (measure, rmse, periods) in `rmses`."""
    lines = [f"Model against the record: {title}", "",
             "| measure | period | kind | model | record | model - record | window | source |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        period = str(r["start"]) if r["start"] == r["end"] else f"{r['start']}-{r['end']}"
        digits = 3 if r["kind"] == "share" else 2
        lines.append(f"| {r['measure']} | {period} | {r['kind']} | {r['model']:.{digits}f} | "
                     f"{r['record']:.{digits}f} | {r['difference']:+.{digits}f} | {r['window']} | "
                     f"{r['source']} |")
    lines.append("")
    for measure, rmse, periods in rmses:
        label = "GDP" if measure == "gdp" else f"GDP ({measure})"
        if rmse is None:
            lines.append(f"RMSE of five-year {label} growth rates 1960-1990: no periods in both "
                         "run and record")
        else:
            lines.append(f"RMSE of five-year {label} growth rates 1960-1990 ({periods} periods, out "
                         f"of sample): {rmse:.2f} points of %/yr")
    return "\n".join(lines) + "\n"


def plot(rows, target, title):
    """One panel per growth measure: each period's average growth, model (blue) and record
    (black), as a segment over the period; the calibration window shaded."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    measures = [m for m in ("gdp", "consumption_per_head", "employment", "industrial_employment")
                if any(r["measure"] == m for r in rows)]
    figure, axes = plt.subplots(max(1, len(measures)), 1, figsize=(9, 2.4 * max(1, len(measures))),
                                sharex=True, squeeze=False)
    first = min((r["start"] for r in rows), default=1928)
    for axis, measure in zip(axes[:, 0], measures):
        for r in (r for r in rows if r["measure"] == measure):
            axis.hlines(r["record"], r["start"], r["end"], color="black", linewidth=2.2,
                        label="record")
            axis.hlines(r["model"], r["start"], r["end"], color="tab:blue", linewidth=1.6,
                        linestyle="--", label="model")
        axis.axvspan(first, LAST_CALIBRATION_YEAR, color="tab:green", alpha=0.08,
                     label="calibration window")
        axis.axhline(0, color="grey", linewidth=0.6)
        axis.set_title(f"{measure.replace('_', ' ')}: average growth over each period, %/yr",
                       fontsize=9, loc="left")
        axis.grid(alpha=0.3)
        handles, labels = axis.get_legend_handles_labels()
        unique = dict(zip(labels, handles))
        axis.legend(unique.values(), unique.keys(), fontsize=7)
    axes[-1, 0].set_xlabel("year; after 1960: out-of-sample test, never a target")
    figure.suptitle(title, fontsize=10)
    figure.tight_layout()
    temporary = target.with_name(target.name + ".tmp")
    figure.savefig(temporary, dpi=110, format="png")
    temporary.replace(target)


def write_csv(rows, target):
    columns = ["measure", "start", "end", "kind", "model", "record", "difference", "window", "source"]
    temporary = target.with_name(target.name + ".tmp")
    with open(temporary, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    temporary.replace(target)


def main():
    parser = argparse.ArgumentParser(prog="compare_history.py", description=__doc__.splitlines()[0])
    parser.add_argument("run", type=Path)
    parser.add_argument("--out", type=Path, help="folder for the outputs (default: the run's)")
    parser.add_argument("--data", type=Path, default=DATA, help="reference data folder")
    options = parser.parse_args()
    try:
        run = plansim_read.read_run(options.run)
        record = read_record(options.data)
    except (OSError, ValueError, DataError) as error:
        print(f"compare_history.py: {error}", file=sys.stderr)
        return 2
    out = options.out or options.run.parent
    out.mkdir(parents=True, exist_ok=True)
    title = f"{options.run.name}, seed {run.attrs.get('seed', '?')}, commit {run.attrs.get('git_commit', '?')}"
    rows = compare(run, record)
    rmses = [(measure, *five_year_rmse(rows, measure)) for measure in RMSE_MEASURES]
    table = markdown(rows, rmses, title)
    write_csv(rows, out / "history_comparison.csv")
    temporary = out / "history_comparison.md.tmp"
    temporary.write_text(table)
    temporary.replace(out / "history_comparison.md")
    plot(rows, out / "history_comparison.png", title)
    print(table, end="")
    print(f"wrote {out / 'history_comparison.csv'}, .md and .png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
