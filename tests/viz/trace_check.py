#!/usr/bin/env python3
"""Checks a Chrome Trace Event file that ossim wrote (--trace): it parses as JSON, every
flow id has exactly one start ("s") and one end ("f"), slices nest on every track (B/E
pairs, and complete "X" slices, which must contain each other or not overlap at all), and
time never goes backwards on any track (a counter's track is its name). An "X" slice is
written when it ends, so its end is the time it stands at on its track.

usage: trace_check.py FILE [--min-flows N] [--min-slices N] [--name NAME]... [--flow TEXT]...
  --name NAME   a slice with this name must appear (e.g. a process name)
  --flow TEXT   a flow whose name begins with TEXT must start (e.g. "sh \u2192 pm fork")
"""
import json
import sys
from collections import defaultdict


def ns(us):
    """A timestamp in microseconds with three decimals, as whole nanoseconds."""
    return round(float(us) * 1000)


def nested(path, track, spans):
    """Complete slices of one track must nest: each inside the one open around it."""
    open_ends = []
    for start, end, i in sorted(spans, key=lambda s: (s[0], -s[1])):
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        if open_ends and end > open_ends[-1]:
            sys.exit(f"{path}: slice {i} on track {track} overlaps the one around it")
        open_ends.append(end)


def check(path, min_flows, min_slices, names, flow_names):
    with open(path) as f:
        doc = json.load(f)
    events = doc["traceEvents"]
    last = {}
    depth = defaultdict(int)
    spans = defaultdict(list)
    flows = defaultdict(lambda: {"s": 0, "f": 0})
    slices = 0
    seen = set()
    seen_flows = set()
    for i, e in enumerate(events):
        ph = e["ph"]
        if ph == "M":
            continue
        track = ("C", e["name"]) if ph == "C" else (e["pid"], e["tid"])
        ts = ns(e["ts"])
        at = ts + ns(e["dur"]) if ph == "X" else ts
        if track in last and at < last[track]:
            sys.exit(f"{path}: event {i} goes back in time on track {track}: {at} < {last[track]} ns")
        last[track] = at
        if ph in ("B", "X"):
            slices += 1
            seen.add(e["name"])
        if ph == "X":
            spans[track].append((ts, at, i))
        elif ph == "B":
            depth[track] += 1
        elif ph == "E":
            depth[track] -= 1
            if depth[track] < 0:
                sys.exit(f"{path}: event {i} ends a slice that was never begun on {track}")
        elif ph in ("s", "f"):
            flows[e["id"]][ph] += 1
            if ph == "s":
                seen_flows.add(e["name"])
    for track, d in depth.items():
        if d:
            sys.exit(f"{path}: {d} slices left open on track {track}")
    for track, s in spans.items():
        nested(path, track, s)
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
    for n in flow_names:
        if not any(f.startswith(n) for f in seen_flows):
            sys.exit(f"{path}: no flow named {n!r}... (flows: {sorted(seen_flows)})")
    print(f"{path}: {len(events)} events, {slices} slices, {len(flows)} flows: ok")


def main(argv):
    path, min_flows, min_slices, names, flow_names = None, 0, 0, [], []
    it = iter(argv[1:])
    for a in it:
        if a == "--min-flows":
            min_flows = int(next(it))
        elif a == "--min-slices":
            min_slices = int(next(it))
        elif a == "--name":
            names.append(next(it))
        elif a == "--flow":
            flow_names.append(next(it))
        else:
            path = a
    if not path:
        sys.exit(__doc__)
    check(path, min_flows, min_slices, names, flow_names)


if __name__ == "__main__":
    main(sys.argv)
