#!/usr/bin/python3
"""Load plansim run files into pandas, without plansim.

    import plansim_read as pr
    run = pr.read_run("out/ussr.h5")           # DataFrame indexed by date, one column per series
    output = pr.read_series("out/ussr.h5", "output_true")  # one series, by date
    sectors = pr.read_grouped("out/ussr.h5", "by_sector/output_true")
    events = pr.read_events("out/ussr.h5")     # DataFrame: date, name, detail
    homes = pr.read_panel("run.h5", "households")  # long DataFrame: date, agent, one column a field
    runs = pr.read_sweep("sweeps/s1")          # long DataFrame: run, parameters, date, series, value
    runs = pr.read_sweep("sweeps/s1", series=["output_true"])   # only these series

read_run's frame.attrs["units"] maps each series to its units. Run files also open as netCDF-4
(xarray.open_dataset(FILE, engine="h5netcdf", group="series")): see docs/output.md.

Needs Debian's python3-h5py, python3-pandas and python3-yaml (run with /usr/bin/python3).
Command line: plansim_read.py FILE.h5 prints the run's scalar series as CSV (exit code 2 when
the file is missing or not a complete run).
"""

import sys
from pathlib import Path

import h5py
import pandas as pd
import yaml

SCHEMA = "plansim-run/1"


def _open(path):
    f = h5py.File(path, "r")
    if f.attrs.get("schema") != SCHEMA:
        f.close()
        raise ValueError(f"{path}: not a plansim run file (schema {SCHEMA!r} missing)")
    if f.attrs.get("status") != "complete":
        f.close()
        raise ValueError(f"{path}: incomplete run (status {f.attrs.get('status')!r})")
    return f


def _dates(f):
    start = pd.Period(f["time"].attrs["start"], freq="M")
    months = int(f["time"].attrs["months_per_tick"])
    ticks = f["time/tick"][:]
    return pd.PeriodIndex([start + int(t) * months for t in ticks], name="date").to_timestamp()


def _is_series(item):
    """A dataset of values, not a coordinate (the dimension scales /series/time, by_X/X)."""
    return isinstance(item, h5py.Dataset) and item.attrs.get("CLASS") != b"DIMENSION_SCALE"


def read_run(path, series=None):
    """Scalar series of one run (or only those named in `series`) as a DataFrame indexed by
    date (first day of each tick); frame.attrs holds the seed, version, commit and each
    series' units."""
    with _open(path) as f:
        index = _dates(f)
        wanted = None if series is None else set([series] if isinstance(series, str) else series)
        items = {name: item for name, item in f["series"].items() if _is_series(item)}
        if wanted is not None and wanted - set(items):
            raise ValueError(f"{path}: no scalar series {sorted(wanted - set(items))}")
        items = {name: item for name, item in items.items() if wanted is None or name in wanted}
        frame = pd.DataFrame({name: item[:] for name, item in items.items()}, index=index)
        frame.insert(0, "tick", f["time/tick"][:])
        frame.attrs = {key: f.attrs[key] for key in ("seed", "plansim_version", "git_commit")}
        frame.attrs["units"] = {name: str(item.attrs.get("units", "")) for name, item in items.items()}
        return frame


def read_series(path, name):
    """One scalar series of a run as a Series indexed by date (reads only that dataset)."""
    with _open(path) as f:
        return pd.Series(f["series"][name][:], index=_dates(f), name=name)


def read_grouped(path, name):
    """A grouped series ("by_sector/output_true") as a DataFrame: dates x columns."""
    with _open(path) as f:
        dataset = f["series"][name]
        return pd.DataFrame(dataset[:], index=_dates(f), columns=list(dataset.attrs["columns"]))


def read_panel(path, kind):
    """Agent snapshots /panel/KIND as a long DataFrame: date, agent (the column: enterprise
    index, or household / artel id), then one column per field. Agents not alive at a
    snapshot (NaN in every field) are left out."""
    with _open(path) as f:
        if "panel" not in f or kind not in f["panel"]:
            raise ValueError(f"{path}: no panel {kind!r} (see output.panel in the scenario)")
        group = f["panel"][kind]
        start = pd.Period(f["time"].attrs["start"], freq="M")
        months = int(f["time"].attrs["months_per_tick"])
        dates = [(start + int(t) * months).to_timestamp() for t in group["tick"][:]]
        fields = [name for name in group if name != "tick"]
        frames = []
        for row, date in enumerate(dates):
            values = {name: group[name][row, :] for name in fields}
            frame = pd.DataFrame(values)
            frame.insert(0, "agent", range(len(frame)))
            frame.insert(0, "date", date)
            frames.append(frame.dropna(subset=fields, how="all"))
        columns = ["date", "agent", *fields]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def read_events(path):
    """The run's event log (policy changes, structural events, stop-go) as a DataFrame."""
    with _open(path) as f:
        dates = _dates(f)
        table = f["events"][:] if "events" in f else []
        rows = [
            {
                "date": dates[int(tick)] if int(tick) < len(dates) else pd.NaT,
                "name": name.decode() if isinstance(name, bytes) else str(name),
                "detail": detail.decode() if isinstance(detail, bytes) else str(detail),
            }
            for tick, name, detail in table
        ]
        return pd.DataFrame(rows, columns=["date", "name", "detail"])


def _swept_parameters(folder):
    """The parameter paths a sweep varies, from FOLDER/sweep.yaml (none without it)."""
    record = Path(folder, "sweep.yaml")
    if not record.exists():
        return []
    return list((yaml.safe_load(record.read_text()) or {}).get("parameters") or {})


def _value_at(config, path):
    """The value at a dotted path ("channels.report.latency") of a resolved scenario."""
    value = config
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def read_sweep(folder, series=None):
    """Every complete run of a sweep (FOLDER/runs/*.h5) as one long DataFrame: run, one column
    per swept parameter (its value in that run, read from the run's own scenario), seed, date,
    series, value; like a BehaviorSpace table. `series`: a name or a list of names to keep."""
    parameters = _swept_parameters(folder)
    frames = []
    for path in sorted(Path(folder, "runs").glob("*.h5")):
        try:
            run = read_run(path, series)
            with _open(path) as f:
                config = yaml.safe_load(f.attrs["config"])
        except (OSError, ValueError) as error:
            print(f"skipping {path}: {error}", file=sys.stderr)
            continue
        long = run.drop(columns="tick").reset_index().melt(
            id_vars="date", var_name="series", value_name="value")
        for place, name in enumerate([*parameters, "seed"]):
            long.insert(place, name, _value_at(config, name) if name != "seed" else run.attrs["seed"])
        long.insert(0, "run", int(path.stem) if path.stem.isdigit() else path.stem)
        frames.append(long)
    if not frames:
        return pd.DataFrame(columns=["run", *parameters, "seed", "date", "series", "value"])
    return pd.concat(frames, ignore_index=True)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: plansim_read.py FILE.h5", file=sys.stderr)
        sys.exit(2)
    try:
        read_run(sys.argv[1]).to_csv(sys.stdout)
    except (OSError, ValueError) as error:
        print(f"plansim_read.py: {error}", file=sys.stderr)
        sys.exit(2)
