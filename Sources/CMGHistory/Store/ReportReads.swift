/// What the reports (trend, capacity, availability, expiry, charts) read from a store snapshot.
protocol ReportReads {}
