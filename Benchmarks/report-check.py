#!/usr/bin/env python3
# Compares the reports' JSON with a baseline's rows: report-check.py OUT [BASE_SUFFIX]
#
# OUT holds capacity.json, trend_online_clients.json, trend_requests.json (cmg-history report
# --format json) and, per report, the baseline's rows in NAME.BASE_SUFFIX (default base.txt),
# one comma-separated line per gateway (capacity) or per gateway and day (trends). Used by
# reports.sh (sqlite3 baseline) and reports-pg.sh (DuckDB baseline); exits 1 on a mismatch.
import json, sys
out = sys.argv[1]
suffix = sys.argv[2] if len(sys.argv) > 2 else "base.txt"
def cell(v):
    return "" if v is None else str(v)
def ours_capacity():
    r = json.load(open(f"{out}/capacity.json"))
    rows = []
    for g in r["gateways"]:
        o, q, e, s = g["online_clients"], g["requests"], g["egress"], g["storage"]
        rows.append(",".join(cell(v) for v in [g["gateway"], o["samples"], o["peak"], o["peak_at"], o["p95"], q["total"],
            q["previous_month_total"], e["total_bytes"], e["previous_month_total_bytes"], e["rolling_14d_peak_bytes"],
            e["rolling_14d_peak_at"], s["peak_used_bytes"]]))
    return rows
def ours_trend(name):
    r = json.load(open(f"{out}/{name}.json"))
    return [",".join(cell(v) for v in [s["gateway"], p["start"], p["count"], p["sum"], p["min"], p["max"]])
            for s in r["series"] for p in s["points"] if p["count"] > 0]
failed = False
for name, ours in [("capacity", ours_capacity()), ("trend_online_clients", ours_trend("trend_online_clients")),
                   ("trend_requests", ours_trend("trend_requests"))]:
    base = [line.rstrip("\n") for line in open(f"{out}/{name}.{suffix}") if line.strip()]
    a, b = sorted(ours), sorted(base)
    if a == b:
        print(f"   {name:22} identical: {len(a)} rows ({out}/{name}.json vs {out}/{name}.{suffix})")
        continue
    failed = True
    print(f"   {name:22} MISMATCH: ours {len(a)} rows, baseline {len(b)} rows", file=sys.stderr)
    only_ours = sorted(set(a) - set(b))[:5]
    only_base = sorted(set(b) - set(a))[:5]
    for line in only_ours: print(f"     ours only:     {line}", file=sys.stderr)
    for line in only_base: print(f"     baseline only: {line}", file=sys.stderr)
sys.exit(1 if failed else 0)
