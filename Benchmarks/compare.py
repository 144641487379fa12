"""The timing and checking half of Benchmarks/compare.sh (which builds, generates and exports
first): interleaved rounds of each job against its peer, medians, the ratio table, and every
figure checked equal to the peer's. Exits 1 on a mismatch or a failed command."""
import argparse, json, os, statistics, subprocess, sys, time

import duckdb

p = argparse.ArgumentParser()
for name in ["bin", "db", "parquet", "out", "month", "capacity-sql", "from", "to", "import-data", "load-sql"]:
    p.add_argument("--" + name, required=True)
p.add_argument("--runs", type=int, default=7)
p.add_argument("--big-data")
p.add_argument("--big-runs", type=int, default=3)
a = p.parse_args()
out = a.out


def fail(message):
    print(f"compare: {message}", file=sys.stderr)
    sys.exit(1)


def run(argv, stdin=None, stdout=subprocess.DEVNULL):
    """Runs argv to the end; returns its wall milliseconds."""
    start = time.perf_counter()
    done = subprocess.run(argv, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE)
    ms = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        fail(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode(errors='replace')[:500]}")
    return ms


def ours_to(path, *argv):
    with open(path, "wb") as f:
        return run([a.bin, *argv], stdout=f)


con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
for t in ["gateway", "endpoint", "online_clients_sample", "endpoint_traffic_sample", "egress_sample", "storage_sample"]:
    con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{a.parquet}/{t}.parquet')")


def duck(query):
    """DuckDB's in-process time for query (connection held, files warm) and its rows."""
    start = time.perf_counter()
    rows = con.execute(query).fetchall()
    return (time.perf_counter() - start) * 1000, rows


def cell(v):
    return "" if v is None else str(v)


# The daily trend's peer: count, sum, min, max and the nearest-rank p95 (the report's) per UTC day.
TREND_SQL = f"""
SELECT g.name, strftime(to_timestamp(d.day * 86400) AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ'), d.n, d.total, d.low, d.high, d.p95
FROM (SELECT gateway_id, "at" // 86400 AS day, count(*) AS n, sum(count) AS total, min(count) AS low, max(count) AS high,
             list_sort(list(count))[greatest(1, (95 * count(*) + 99) // 100)] AS p95
      FROM online_clients_sample WHERE "at" >= {a.__dict__['from']} AND "at" < {a.to} GROUP BY gateway_id, day) d
JOIN gateway g ON g.id = d.gateway_id ORDER BY g.name, d.day
"""
CAPACITY_SQL = open(a.capacity_sql).read()
FROM_DAY = time.strftime("%Y-%m-%d", time.gmtime(int(a.__dict__["from"])))
TO_DAY = time.strftime("%Y-%m-%d", time.gmtime(int(a.to)))
TREND_ARGS = ["report", "trend", "--metric", "online_clients", "--bucket", "1d", "--from", FROM_DAY, "--to", TO_DAY,
              "--db", a.db, "--format", "json", "--reproducible"]
CAPACITY_ARGS = ["report", "capacity", "--month", a.month, "--db", a.db, "--format", "json", "--reproducible"]


def trend_rows(path):
    r = json.load(open(path))
    return sorted(",".join(cell(v) for v in [s["gateway"], p["start"], p["count"], p["sum"], p["min"], p["max"], p["p95"]])
                  for s in r["series"] for p in s["points"] if p["count"] > 0)


def capacity_rows(path):
    rows = []
    for g in json.load(open(path))["gateways"]:
        o, q, e, s = g["online_clients"], g["requests"], g["egress"], g["storage"]
        rows.append(",".join(cell(v) for v in [g["gateway"], o["samples"], o["peak"], o["peak_at"], o["p95"], q["total"],
                                              q["previous_month_total"], e["total_bytes"], e["previous_month_total_bytes"],
                                              e["rolling_14d_peak_bytes"], e["rolling_14d_peak_at"], s["peak_used_bytes"]]))
    return sorted(rows)


def same(name, ours, peer):
    peer = sorted(",".join(cell(v) for v in r) for r in peer)
    if ours != peer:
        only_ours, only_peer = sorted(set(ours) - set(peer))[:3], sorted(set(peer) - set(ours))[:3]
        fail(f"{name}: MISMATCH, ours {len(ours)} rows, peer {len(peer)}; ours only {only_ours}; peer only {only_peer}")
    return len(ours)


# The import's peer: Benchmarks/import-baseline.sh's script.
data = a.import_data
load_sql = a.load_sql
OURS_DB, BASE_DB = f"{out}/import-ours.sqlite", f"{out}/import-sqlite3.sqlite"


def fresh(path):
    for suffix in ["", "-wal", "-shm"]:
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def import_ours():
    fresh(OURS_DB)
    return run([a.bin, "ingest", "--db", OURS_DB, f"{data}/history.ndjson"])


def import_peer():
    fresh(BASE_DB)
    with open(load_sql) as f:
        return run(["sqlite3", "-bail", BASE_DB], stdin=f)


def import_check():
    """Both databases hold the same samples, compared by gateway and endpoint name."""
    query = f"""ATTACH '{OURS_DB}' AS o;
SELECT (SELECT count(*) FROM main.online_clients_sample), (SELECT count(*) FROM o.online_clients_sample),
       (SELECT count(*) FROM main.endpoint_traffic_sample), (SELECT count(*) FROM o.endpoint_traffic_sample),
       (SELECT count(*) FROM (SELECT g.name, s.at, s.count FROM main.online_clients_sample s JOIN main.gateway g ON g.id = s.gateway_id
                              EXCEPT SELECT g.name, s.at, s.count FROM o.online_clients_sample s JOIN o.gateway g ON g.id = s.gateway_id)),
       (SELECT count(*) FROM (SELECT g.name, s.endpoint, s.at, s.interval_s, s.request_count, s.request_bytes, s.response_count, s.response_bytes, s.avg_elapsed_ms
                              FROM main.endpoint_traffic s JOIN main.gateway g ON g.id = s.gateway_id
                              EXCEPT SELECT g.name, s.endpoint, s.at, s.interval_s, s.request_count, s.request_bytes, s.response_count, s.response_bytes, s.avg_elapsed_ms
                              FROM o.endpoint_traffic s JOIN o.gateway g ON g.id = s.gateway_id));"""
    got = subprocess.run(["sqlite3", "-readonly", "-separator", " ", BASE_DB], input=query.encode(), capture_output=True)
    if got.returncode != 0:
        fail(f"the import check failed: {got.stderr.decode(errors='replace')[:300]}")
    b_oc, o_oc, b_et, o_et, d_oc, d_et = (int(x) for x in got.stdout.split())
    if (b_oc, b_et) != (o_oc, o_et) or d_oc or d_et:
        fail(f"import: MISMATCH, sqlite3 {b_oc} + {b_et} rows, ours {o_oc} + {o_et}, {d_oc} + {d_et} differ")
    return b_oc + b_et


jobs = {
    "trend": {"label": "yearly daily trend of online clients (count/sum/min/max/p95 per day)", "peer": "DuckDB query",
              "ours": lambda: ours_to(f"{out}/trend.json", *TREND_ARGS), "theirs": lambda: duck(TREND_SQL), "goal": 0.15},
    "capacity": {"label": f"one month's capacity figures ({a.month}: samples, peak, p95, requests, egress, storage)", "peer": "DuckDB query",
                 "ours": lambda: ours_to(f"{out}/capacity.json", *CAPACITY_ARGS), "theirs": lambda: duck(CAPACITY_SQL), "goal": 0.5},
    "import": {"label": "NDJSON import of the 7-day sample (10 gateways × 20 endpoints)", "peer": "sqlite3 .import of the same rows as CSV",
               "ours": import_ours, "theirs": lambda: (import_peer(), None), "goal": 0.8},
    "help": {"label": "`--help` (process start)", "peer": "sqlite3 shell, one query",
             "ours": lambda: run([a.bin, "--help"]), "theirs": lambda: (run(["sqlite3", "-readonly", a.db, "SELECT count(*) FROM gateway"]), None),
             "goal": 3.0},
}
times = {name: ([], []) for name in jobs}
peer_rows = {}
print(f"== {a.runs} interleaved rounds after a warm-up (the order within a pair alternates)")
for name, job in jobs.items():
    job["ours"]()
    peer_rows[name] = job["theirs"]()[1]
for round in range(a.runs):
    for name, job in jobs.items():
        ours, theirs = times[name]
        if round % 2 == 0:
            ours.append(job["ours"]())
            ms, peer_rows[name] = job["theirs"]()
        else:
            ms, peer_rows[name] = job["theirs"]()
            ours.append(job["ours"]())
        theirs.append(ms)
print("== every figure checked equal to the peer's")
print(f"   trend     {same('trend', trend_rows(f'{out}/trend.json'), peer_rows['trend'])} gateway-days: count, sum, min, max, p95 equal")
print(f"   capacity  {same('capacity', capacity_rows(f'{out}/capacity.json'), peer_rows['capacity'])} gateways: "
      "samples, peak and its instant, p95, requests and egress (month and previous), 14-day egress peak and its instant, storage peak equal")
print(f"   import    {import_check()} sample rows, the same in both databases (by gateway and endpoint name)")

def lines(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f)

rows = []
for name, job in jobs.items():
    ours, theirs = times[name]
    mo, mt = statistics.median(ours), statistics.median(theirs)
    pairs = sorted(o / t for o, t in zip(ours, theirs))
    unit = "s" if name == "import" else "ms"
    scale = 1000 if unit == "s" else 1
    rows.append((job["label"], f"{mo / scale:.{2 if unit == 's' else 1}f} {unit}", f"{job['peer']}, {mt / scale:.{2 if unit == 's' else 1}f} {unit}",
                 f"{mo / mt:.2f} ({pairs[0]:.2f}–{pairs[-1]:.2f})", f"≤ {job['goal']}", "met" if mo / mt <= job["goal"] else "NOT MET"))
    print(f"   {name:9} ours {' '.join(f'{v:.1f}' for v in ours)} | peer {' '.join(f'{v:.1f}' for v in theirs)} (ms)")

if a.big_data:
    big = f"{a.big_data}/history.ndjson"
    n = lines(big)
    walls, rss = [], []
    print(f"== import of {n:,} records ({os.path.getsize(big) / 1e6:,.0f} MB NDJSON), {a.big_runs} runs")
    for _ in range(a.big_runs):
        db = f"{out}/import-big.sqlite"
        fresh(db)
        timing = f"{out}/import-big.time"
        run(["/usr/bin/time", "-f", "%e %M", "-o", timing, a.bin, "ingest", "--db", db, big])
        wall, kb = open(timing).read().split()[-2:]
        walls.append(float(wall)); rss.append(int(kb) / 1024)
        print(f"   {float(wall):.1f} s, peak RSS {int(kb) / 1024:.0f} MB")
    fresh(f"{out}/import-big.sqlite")
    w, m = statistics.median(walls), max(rss)
    rows.append((f"import of {n / 1e6:.1f} M records", f"{w:.1f} s at {m:.0f} MB RSS", "—", "—", "flat memory, ≤ 25 s",
                 "met" if w <= 25 and m < 100 else "NOT MET"))

print()
print(f"| job | cmg-history | peer | ratio (per-round range) | goal | |")
print("|---|---|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
