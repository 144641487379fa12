extension LogIngester {
    /// An ingester that stores into the PostgreSQL schema `connection` is set to, for the log
    /// benchmark, until ``HistoryStore`` reaches PostgreSQL itself.
    ///
    /// SPI, not public API: a library user ingests through ``HistoryStore``. The statistics
    /// lines' traffic samples are not stored on this path (``PostgresLogIngestTarget``): its
    /// summaries count none.
    @_spi(Benchmarks)
    public convenience init(postgres connection: PGConnection, rules: LogRuleSet, now: UnixSeconds) {
        self.init(target: PostgresLogIngestTarget(connection), rules: rules, now: now)
    }
}
