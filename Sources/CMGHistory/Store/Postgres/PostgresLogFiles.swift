/// Log file tracking on PostgreSQL: SQLite's ``SQLiteStore/openLogFile(path:name:head:size:now:gateway:)``
/// over a connection, with the same resumption rules.
///
/// A file is known by the hash of its first bytes (``LogFileIdentity``): the same head (its
/// hash salted when another VM instance's log holds the plain one), a recorded shorter head that
/// is a prefix of this one (the file grew), or this file being a shorter copy of a longer stored
/// one (nothing to read). A known file now shorter than the offset reached was rewritten and is
/// read again from the start; the entries' unique key keeps what was stored from being stored twice.
///
/// Opening runs in the caller's transaction and takes a per-schema advisory lock until it ends,
/// so two collectors meeting the same new file do not both record it.
enum PostgresLogFiles {
    /// Finds the stored log file whose content this is, or records a new one, and says where
    /// to read from; `gateway`, when given, is the file's gateway whatever its name says.
    static func open(_ connection: PGConnection, path: String, name: LogFileName, head: [UInt8], size: Int64,
                     now: UnixSeconds, gateway assigned: String? = nil) throws -> LogFileState {
        guard connection.isInTransaction else {
            throw PostgresError(.statement, message: "opening a log file must run in the caller's transaction")
        }
        try connection.query("SELECT pg_advisory_xact_lock(hashtextextended('cmg-history log files ' || current_schema(), 0))")
        let identity = LogFileIdentity(path: path, name: name, head: head)
        let current = identity.current
        var known = try candidates(connection, identity, sql: """
            SELECT id, "offset", line, instance FROM log_file WHERE head_length = $1 AND head_hash IN ($2, $3) ORDER BY id
            """, [.int64(Int64(current.length)), .int64(current.hash), .int64(current.hash ^ identity.salt)]).first
        if known == nil {
            // Known while it was shorter? Its recorded head is then a prefix of this one.
            let shorter = try connection.query("""
                SELECT id, "offset", line, instance, head_length, head_hash FROM log_file
                WHERE head_length < $1 AND head_length >= $2 ORDER BY head_length DESC, id
                """, [.int64(Int64(current.length)), .int64(Int64(SQLiteStore.minimumPrefixHeadLength))], binaryResults: true)
            for row in 0..<shorter.rowCount {
                let length = try shorter.int64(row: row, column: 4)
                guard identity.canBe(instance: try shorter.optionalString(row: row, column: 3)),
                      let prefixLength = Int(exactly: length),
                      identity.hasPrefix(length: prefixLength, hash: try shorter.int64(row: row, column: 5))
                else { continue }
                known = (try shorter.int64(row: row, column: 0), try shorter.int64(row: row, column: 1), try shorter.int64(row: row, column: 2))
                break
            }
        }
        var notes: [String] = []
        let gateway = try assigned.map { try PostgresGatewayNames.assignedGateway($0, notes: &notes, connection) }
            ?? PostgresGatewayNames.gatewayName(forService: identity.name.service, connection)
        if known == nil, let copied = try fileHolding(shorterCopyOf: identity, connection) {
            // Everything the copy holds was read from the longer file: nothing to read, nothing to change.
            return LogFileState(id: copied, offset: size, line: 1, gateway: gateway, lastEntry: nil, notes: notes)
        }
        let gatewayID: PGParameter = try gateway.flatMap { try PostgresGatewayNames.resolveExactly($0, connection) }.map { .int64($0) } ?? .null
        let name = identity.name
        if let known {
            var (offset, line) = (known.offset, known.line)
            if size < offset {
                offset = 0
                line = 1
            }
            try connection.query("""
                UPDATE log_file SET path = $1, log = $2, head_length = $3, head_hash = $4, size = $5, "offset" = $6, line = $7,
                    service = coalesce($8, service), instance = coalesce($9, instance),
                    gateway_id = \(assigned == nil ? "coalesce($10, gateway_id)" : "$10"), last_read_at = greatest($11, first_read_at)
                WHERE id = $12
                """, [.text(identity.path), .text(name.log), .int64(Int64(current.length)),
                      .int64(try storedHash(identity, excluding: known.id, connection)), .int64(size), .int64(offset), .int64(line),
                      name.service.map { .text($0) } ?? .null, name.instance.map { .text($0) } ?? .null, gatewayID, .int64(now),
                      .int64(known.id)])
            try recordPrefixes(of: identity, fileID: known.id, connection)
            return LogFileState(id: known.id, offset: offset, line: line, gateway: gateway,
                                lastEntry: try lastEntry(ofFile: known.id, before: offset, connection), notes: notes)
        }
        let inserted = try connection.query("""
            INSERT INTO log_file (path, log, head_length, head_hash, size, "offset", line, service, instance,
                gateway_id, first_read_at, last_read_at)
            VALUES ($1, $2, $3, $4, $5, 0, 1, $6, $7, $8, $9, $9) RETURNING id
            """, [.text(identity.path), .text(name.log), .int64(Int64(current.length)),
                  .int64(try storedHash(identity, excluding: nil, connection)), .int64(size),
                  name.service.map { .text($0) } ?? .null, name.instance.map { .text($0) } ?? .null, gatewayID, .int64(now)],
            binaryResults: true)
        let id = try inserted.int64(row: 0, column: 0)
        try recordPrefixes(of: identity, fileID: id, connection)
        return LogFileState(id: id, offset: 0, line: 1, gateway: gateway, lastEntry: nil, notes: notes)
    }

    /// The stored files `sql` selects (id, offset, line, instance) that can be this file's instance.
    private static func candidates(_ connection: PGConnection, _ identity: LogFileIdentity, sql: String,
                                   _ parameters: [PGParameter]) throws -> [(id: Int64, offset: Int64, line: Int64)] {
        let result = try connection.query(sql, parameters, binaryResults: true)
        var found: [(id: Int64, offset: Int64, line: Int64)] = []
        for row in 0..<result.rowCount where identity.canBe(instance: try result.optionalString(row: row, column: 3)) {
            found.append((try result.int64(row: row, column: 0), try result.int64(row: row, column: 1), try result.int64(row: row, column: 2)))
        }
        return found
    }

    /// The hash this file is stored under: the plain one, unless another instance's log holds it.
    private static func storedHash(_ identity: LogFileIdentity, excluding id: Int64?, _ connection: PGConnection) throws -> Int64 {
        let current = identity.current
        guard identity.salt != 0 else { return current.hash }
        let holder = try connection.query(
            "SELECT id FROM log_file WHERE head_length = $1 AND head_hash = $2 AND id IS DISTINCT FROM $3",
            [.int64(Int64(current.length)), .int64(current.hash), id.map { .int64($0) } ?? .null])
        return holder.rowCount == 0 ? current.hash : current.hash ^ identity.salt
    }

    /// The stored file, longer than this file's head, that holds that head up to its last line end.
    private static func fileHolding(shorterCopyOf identity: LogFileIdentity, _ connection: PGConnection) throws -> Int64? {
        guard let prefix = identity.shorterCopyPrefix else { return nil }
        let result = try connection.query("""
            SELECT p.log_file_id, f.instance FROM log_file_prefix p JOIN log_file f ON f.id = p.log_file_id
            WHERE p.length = $1 AND p.hash = $2 AND f.head_length > $3 ORDER BY p.log_file_id
            """, [.int64(Int64(prefix.length)), .int64(prefix.hash), .int64(Int64(identity.head.count))], binaryResults: true)
        for row in 0..<result.rowCount where identity.canBe(instance: try result.optionalString(row: row, column: 1)) {
            // Another VM instance's log that begins alike holds none of this one.
            return try result.int64(row: row, column: 0)
        }
        return nil
    }

    /// Records the hash of the head up to each of its line ends, for ``fileHolding(shorterCopyOf:_:)``.
    private static func recordPrefixes(of identity: LogFileIdentity, fileID: Int64, _ connection: PGConnection) throws {
        for prefix in identity.recordedPrefixes {
            try connection.query("INSERT INTO log_file_prefix (length, hash, log_file_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                                 [.int64(Int64(prefix.length)), .int64(prefix.hash), .int64(fileID)])
        }
    }

    /// The last entry stored from a file before `offset`, for plain lines that continue it.
    private static func lastEntry(ofFile id: Int64, before offset: Int64, _ connection: PGConnection) throws -> LogEntry? {
        guard offset > 0 else { return nil }
        let result = try connection.query("""
            SELECT \(PostgresLogEntryColumns.list("e")) FROM log_entry e
            WHERE e.log_file_id = $1 AND e."offset" < $2 ORDER BY e."offset" DESC LIMIT 1
            """, [.int64(id), .int64(offset)], binaryResults: true)
        return result.rowCount == 0 ? nil : try PostgresLogEntryColumns.entry(result, row: 0)
    }
}
