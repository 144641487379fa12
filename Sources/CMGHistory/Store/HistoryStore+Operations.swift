/// The store's operations, each answered by the backend: what imports, the tool and the timeline
/// ask of a store besides reads (``snapshot(_:)``). Each backend holds its SQL (`Store/SQLite/`).
extension HistoryStore {
    // MARK: - Backup (SQLite only)

    /// Writes a consistent copy of the database to `destination`, a new file, and returns its size.
    ///
    /// `VACUUM INTO` reads one snapshot, so imports may go on meanwhile; the copy is written under
    /// a temporary name and linked into place, so an existing destination is never overwritten.
    public func backup(to destination: String) throws -> Int64 {
        switch backend {
        case .sqlite(let store): try store.backup(to: destination)
        case .postgres(let store): try store.backup(to: destination)
        }
    }

    // MARK: - Check (SQLite only)

    /// Runs `PRAGMA integrity_check`, `PRAGMA foreign_key_check`, and compares rollups with their
    /// raw samples (a sample of hours, and each sampled hour's day) and state spans with the
    /// snapshots they summarise (every gateway). Reads only.
    public func check() throws -> StoreCheck {
        switch backend {
        case .sqlite(let store): try store.check()
        case .postgres(let store): try store.check()
        }
    }

    // MARK: - Timeline extract

    /// Writes the extract of `scope` (a new SQLite history holding only what it lists) to `path`.
    ///
    /// Row ids are kept; the source is only read, even when it is a read-only file. The extract is
    /// built under a fresh name and renamed into place: a link planted at `path` is replaced, not
    /// followed, and a reader never opens half an extract.
    ///
    /// - throws: ``TimelineBundleError/cannotWrite(path:reason:)`` when it cannot be written.
    func writeExtract(of scope: ExtractScope, to path: String) throws {
        switch backend {
        case .sqlite(let store): try store.writeExtract(of: scope, to: path)
        case .postgres(let store): try store.writeExtract(of: scope, to: path)
        }
    }

    // MARK: - Gateway configuration

    /// Records what an admin read in the console's CMG properties and no export carries (the VM
    /// size), as a configuration record at `at` (`cmg-history gateway set`).
    ///
    /// It merges with what is stored field by field (``ConfigurationInForce``): fields left nil
    /// keep their values, a record at an instant already stored fills in what it lacked, and a
    /// different value there is a conflict, reported and not stored.
    ///
    /// A size that is no VM size (``VMSizeName/canonical(_:)``) or an instance count outside
    /// 1…16 is rejected in the summary, and nothing is stored.
    public func setGatewayConfiguration(gateway: String, at: UnixSeconds, vmSize: String?, instances: Int64?) throws -> ImportSummary {
        switch backend {
        case .sqlite(let store): try store.setGatewayConfiguration(gateway: gateway, at: at, vmSize: vmSize, instances: instances)
        case .postgres(let store): try store.setGatewayConfiguration(gateway: gateway, at: at, vmSize: vmSize, instances: instances)
        }
    }

    // MARK: - Gateways

    /// Every gateway with its aliases, first and last observation and stored rows, by name.
    public func gateways() throws -> [GatewayListing] {
        switch backend {
        case .sqlite(let store): try store.gateways()
        case .postgres(let store): try store.gateways()
        }
    }

    /// The stored name of the gateway `name` stands for: its name, an alias, its AzureServiceID,
    /// or its first DNS label when no other gateway shares it.
    ///
    /// - throws: ``GatewayError/unknown(_:known:)`` naming the known gateways, or
    ///   ``GatewayError/ambiguous(_:matches:)``.
    public func resolveGateway(_ name: String) throws -> String {
        switch backend {
        case .sqlite(let store): try store.resolveGateway(name)
        case .postgres(let store): try store.resolveGateway(name)
        }
    }

    /// The stored name of the gateway a command records something for (`gateway set`,
    /// `credential add`): as ``resolveGateway(_:)``, and also a full name whose first DNS label is
    /// a gateway stored under that short name (a log came first), which recording under the full
    /// name folds into it, as an import would.
    ///
    /// - throws: ``GatewayError/unknown(_:known:)`` or ``GatewayError/ambiguous(_:matches:)``.
    public func resolveGatewayForRecording(_ name: String) throws -> String {
        switch backend {
        case .sqlite(let store): try store.resolveGatewayForRecording(name)
        case .postgres(let store): try store.resolveGatewayForRecording(name)
        }
    }

    public func renameGateway(_ old: String, to new: String) throws -> String {
        switch backend {
        case .sqlite(let store): try store.renameGateway(old, to: new)
        case .postgres(let store): try store.renameGateway(old, to: new)
        }
    }

    /// Moves every record of gateway `from` to `into` and deletes `from`; its name becomes an alias.
    public func mergeGateway(_ from: String, into: String) throws -> GatewayMergeSummary {
        switch backend {
        case .sqlite(let store): try store.mergeGateway(from, into: into)
        case .postgres(let store): try store.mergeGateway(from, into: into)
        }
    }

    public func addGatewayAlias(_ gateway: String, alias: String) throws -> Bool {
        switch backend {
        case .sqlite(let store): try store.addGatewayAlias(gateway, alias: alias)
        case .postgres(let store): try store.addGatewayAlias(gateway, alias: alias)
        }
    }

    /// What ``removeGateway(_:)`` would delete, counted, deleting nothing.
    public func gatewayRemovalPlan(_ gateway: String) throws -> GatewayRemovalPlan {
        switch backend {
        case .sqlite(let store): try store.gatewayRemovalPlan(gateway)
        case .postgres(let store): try store.gatewayRemovalPlan(gateway)
        }
    }

    public func removeGateway(_ gateway: String) throws -> GatewayRemovalPlan {
        switch backend {
        case .sqlite(let store): try store.removeGateway(gateway)
        case .postgres(let store): try store.removeGateway(gateway)
        }
    }

    // MARK: - Record batches

    /// Stores one batch of records in one transaction: all of it, or (on a thrown error) none.
    ///
    /// Records the store refuses (they contradict stored data) come back as rejections in the
    /// returned summary, whose counts cover this batch only. `cache` learns the ids the batch
    /// created only once it has committed.
    ///
    /// Foreign keys are checked per batch rather than per row (see ``SeriesKeyCache/validated(in:)``):
    /// the per-row parent lookups cost a tenth of the import time, and within one write
    /// transaction no other connection can remove a parent.
    func importBatch(_ batch: [NumberedRecord], file: String, cache: inout SeriesKeyCache) throws -> ImportSummary {
        switch backend {
        case .sqlite(let store): try store.importBatch(batch, file: file, cache: &cache)
        case .postgres(let store): try store.importBatch(batch, file: file, cache: &cache)
        }
    }

    // MARK: - What the store holds

    /// Reads ``DatabaseInfo`` from a consistent snapshot.
    public func info() throws -> DatabaseInfo {
        switch backend {
        case .sqlite(let store): try store.info()
        case .postgres(let store): try store.info()
        }
    }

    // MARK: - Log batches

    /// Stores a batch of entries, their events and traffic samples, and the file's new offset,
    /// in one transaction: the offset never gets ahead of what is stored.
    ///
    /// Entries go in many rows per statement (``LogEntryInserter``), and the full-text index
    /// takes the batch's new rows in one `INSERT … SELECT`. New rows are told from stored ones
    /// by their id: SQLite gives a new row the largest id plus one, so within this transaction
    /// the rows above the largest id before it are exactly the ones it inserted. Events and
    /// traffic samples are stored only for those, as when each row was inserted on its own.
    ///
    /// Traffic samples take the path every record takes (``RecordWriter``), so they are
    /// validated and deduplicated like imported ones. Foreign keys are checked once per batch
    /// (the file's row, and the traffic writer's cache) instead of once per row.
    func storeLogBatch(_ batch: LogBatch, cache: inout SeriesKeyCache) throws -> LogStoreCounts {
        switch backend {
        case .sqlite(let store): try store.storeLogBatch(batch, cache: &cache)
        case .postgres(let store): try store.storeLogBatch(batch, cache: &cache)
        }
    }

    // MARK: - Log events

    /// The events rules made that match `filter`, with their entries, in time order.
    public func logEvents(_ filter: LogEventFilter) throws -> [LoggedEvent] {
        switch backend {
        case .sqlite(let store): try store.logEvents(filter)
        case .postgres(let store): try store.logEvents(filter)
        }
    }

    // MARK: - Log files

    /// Finds the stored log file whose content this is, or records a new one, and says where
    /// to read from.
    ///
    /// A file is known by the hash of its first bytes ( ``LogFileHead`` ), so a rolled-over
    /// `.lo_`, or a copy under another name, continues where the content was left. A file that
    /// is now shorter than the offset reached was rewritten: it is read again from the start
    /// (the entries' unique key keeps what was already stored from being stored twice).
    ///
    /// `gateway`, when given, is the file's gateway whatever its name says (`--gateway`): resolved
    /// through names and aliases, created when unknown.
    func openLogFile(path: String, name: LogFileName, head: [UInt8], size: Int64, now: UnixSeconds,
                     gateway assigned: String? = nil) throws -> LogFileState {
        switch backend {
        case .sqlite(let store): try store.openLogFile(path: path, name: name, head: head, size: size, now: now, gateway: assigned)
        case .postgres(let store): try store.openLogFile(path: path, name: name, head: head, size: size, now: now, gateway: assigned)
        }
    }

    // MARK: - Log entries

    /// Stored entries matching `filter`, in time order (UTC, else local), then file and offset.
    ///
    /// What the words of ``LogEntryFilter/text`` match is ``LogSearchReads``' to say.
    public func logEntries(_ filter: LogEntryFilter) throws -> [ListedLogEntry] {
        switch backend {
        case .sqlite(let store): try store.logEntries(filter)
        case .postgres(let store): try store.logEntries(filter)
        }
    }

    /// The events rules made, with their entries, in time order.
    public func logEvents(limit: Int = 1000) throws -> [LoggedEvent] {
        switch backend {
        case .sqlite(let store): try store.logEvents(limit: limit)
        case .postgres(let store): try store.logEvents(limit: limit)
        }
    }

    // MARK: - Retention

    /// Deletes raw samples older than `keepDays` days before `now` (cut at a whole UTC hour), but
    /// only where their hourly rollups exist: any missing rollup hour is computed from the raw
    /// rows first, in the same transaction. Totals, peaks, counts and percentiles of reports over
    /// pruned months are unchanged (rollups keep every value); per-endpoint detail and exact
    /// sample instants are what is given up.
    public func prune(keepDays: Int, now: UnixSeconds) throws -> PruneSummary {
        switch backend {
        case .sqlite(let store): try store.prune(keepDays: keepDays, now: now)
        case .postgres(let store): try store.prune(keepDays: keepDays, now: now)
        }
    }

    // MARK: - Log rules

    /// Runs `rules` over every stored entry and brings the events in line: events a rule now
    /// makes are added or updated, events no rule makes any more are removed. Running it twice
    /// changes nothing the second time.
    public func reclassifyLogs(rules: LogRuleSet) throws -> ReclassifySummary {
        switch backend {
        case .sqlite(let store): try store.reclassifyLogs(rules: rules)
        case .postgres(let store): try store.reclassifyLogs(rules: rules)
        }
    }

    // MARK: - Records

    /// Stores records an admin entered by hand (`cmg-history credential add`) through the same
    /// write path as imported files, in one transaction.
    ///
    /// Each record's values are range-checked first (``ValueLimits``); one out of range refuses
    /// them all.
    ///
    /// - parameter source: names the records in the summary and in rejections, in place of a file.
    public func importRecords(_ records: [HistoryRecord], source: String) throws -> ImportSummary {
        switch backend {
        case .sqlite(let store): try store.importRecords(records, source: source)
        case .postgres(let store): try store.importRecords(records, source: source)
        }
    }

    /// The stored gateways' names, sorted.
    public func gatewayNames() throws -> [String] {
        switch backend {
        case .sqlite(let store): try store.gatewayNames()
        case .postgres(let store): try store.gatewayNames()
        }
    }

    // MARK: - Operations

    /// How many imported operations wait for their gateway: `SMS_AzureServicesTask` rows whose
    /// `AzureServiceId` no `SMS_AzureService` export has named yet.
    ///
    /// The export importer says so after such a file, naming the export that links them.
    func unlinkedOperationCount() throws -> Int {
        switch backend {
        case .sqlite(let store): try store.unlinkedOperationCount()
        case .postgres(let store): try store.unlinkedOperationCount()
        }
    }
}
