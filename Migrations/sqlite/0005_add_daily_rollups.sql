-- CMG History schema, version 5: daily rollups. Units as in 0001: instants in INTEGER Unix
-- seconds (UTC).

-- One gateway-level metric over one UTC day [day_start, day_start + 86400): the merge of that
-- day's rollup_hour rows, in the same form (exact count, sum, min, max, and every value, sorted,
-- as unsigned LEB128 deltas). Maintained from rollup_hour whenever one of the day's hours is
-- recomputed. Reports read a day here instead of 24 hours there when the day lies whole inside
-- one of their buckets: a three-year daily trend in UTC reads 1,096 rows per gateway, not 26,304.
-- Days are cut at UTC midnight; buckets cut elsewhere (another zone's midnight) combine hours.
-- Existing databases are filled from rollup_hour right after this file runs (SchemaMigrations).
CREATE TABLE rollup_day (
    gateway_id INTEGER NOT NULL REFERENCES gateway(id),
    metric_id  INTEGER NOT NULL REFERENCES metric(id),
    day_start  INTEGER NOT NULL CHECK (day_start % 86400 = 0),
    count      INTEGER NOT NULL CHECK (count >= 1),
    sum        INTEGER NOT NULL,
    min        INTEGER NOT NULL,
    max        INTEGER NOT NULL CHECK (max >= min),
    value_list BLOB NOT NULL,
    PRIMARY KEY (gateway_id, metric_id, day_start)
) STRICT, WITHOUT ROWID;

-- Egress samples of one gateway over a stretch of time: the capacity report's rolling 14-day
-- sums walk every sample of its gateway, and the primary key (at, gateway_id) would make it
-- step over every other gateway's samples too. Covering, and small: one row per gateway and hour.
CREATE INDEX egress_sample_by_gateway ON egress_sample(gateway_id, at, bytes);
