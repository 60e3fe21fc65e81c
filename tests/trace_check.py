#!/usr/bin/env python3
"""Checks a Chrome Trace Event file that ossim wrote (--trace): it parses as JSON, every
flow id has exactly one start ("s") and one end ("f"), B/E slices nest on every track,
and timestamps never go backwards on any track (a counter's track is its name).

usage: trace_check.py FILE [--min-flows N] [--min-slices N] [--name NAME]...
  --name NAME   a slice with this name must appear (e.g. a process name)
"""
import json
import sys
from collections import defaultdict


def check(path, min_flows, min_slices, names):
    with open(path) as f:
        doc = json.load(f)
    events = doc["traceEvents"]
    last = {}
    depth = defaultdict(int)
    flows = defaultdict(lambda: {"s": 0, "f": 0})
    slices = 0
    seen = set()
    for i, e in enumerate(events):
        ph = e["ph"]
        if ph == "M":
            continue
        track = ("C", e["name"]) if ph == "C" else (e["pid"], e["tid"])
        ts = float(e["ts"])
        if track in last and ts < last[track]:
            sys.exit(f"{path}: event {i} goes back in time on track {track}: {ts} < {last[track]}")
        last[track] = ts
        if ph == "B":
            depth[track] += 1
            slices += 1
            seen.add(e["name"])
        elif ph == "E":
            depth[track] -= 1
            if depth[track] < 0:
                sys.exit(f"{path}: event {i} ends a slice that was never begun on {track}")
        elif ph in ("s", "f"):
            flows[e["id"]][ph] += 1
    for track, d in depth.items():
        if d:
            sys.exit(f"{path}: {d} slices left open on track {track}")
    for fid, ends in flows.items():
        if ends != {"s": 1, "f": 1}:
            sys.exit(f"{path}: flow {fid} has {ends['s']} starts and {ends['f']} ends")
    if len(flows) < min_flows:
        sys.exit(f"{path}: {len(flows)} flows, expected at least {min_flows}")
    if slices < min_slices:
        sys.exit(f"{path}: {slices} slices, expected at least {min_slices}")
    for n in names:
        if n not in seen:
            sys.exit(f"{path}: no slice named {n!r} (slices: {sorted(seen)})")
    print(f"{path}: {len(events)} events, {slices} slices, {len(flows)} flows: ok")


def main(argv):
    path, min_flows, min_slices, names = None, 0, 0, []
    it = iter(argv[1:])
    for a in it:
        if a == "--min-flows":
            min_flows = int(next(it))
        elif a == "--min-slices":
            min_slices = int(next(it))
        elif a == "--name":
            names.append(next(it))
        else:
            path = a
    if not path:
        sys.exit(__doc__)
    check(path, min_flows, min_slices, names)


if __name__ == "__main__":
    main(sys.argv)
