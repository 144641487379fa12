import GRDB

extension SQLiteStore {
    /// The shortest recorded head a grown file is matched against. Shorter heads (a file caught
    /// in its first line) say too little to tell two files apart.
    static let minimumPrefixHeadLength = 64

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
        // A file name is input too (`CloudMgr-ClientSecret=….log`): stored redacted, like a message.
        // A redacted path no longer finds the file; the bundle then rebuilds its text from the database.
        let path = SecretText.redactedPath(path)
        var name = name
        name.log = SecretRedactor.redact(name.log)?.text ?? name.log
        name.service = name.service.map { SecretRedactor.redact($0)?.text ?? $0 }
        name.instance = name.instance.map { SecretRedactor.redact($0)?.text ?? $0 }
        let current = head.withUnsafeBufferPointer { LogFileHead($0) }
        let instanceKey = name.vmInstanceKey
        let salt = LogFileHead.instanceSalt(instanceKey)
        /// Whether a stored file can be this one: not when both name VM instances, and other ones.
        func sameInstance(_ row: Row) throws -> Bool {
            let key = LogFileName.vmInstanceKey(try row.value("instance"))
            return key == 0 || instanceKey == 0 || key == instanceKey
        }
        return try writeTransaction { db in
            var known = try Row.fetchAll(db, sql: """
                SELECT id, offset, line, instance, head_hash FROM log_file WHERE head_length = ? AND head_hash IN (?, ?)
                """, arguments: [current.length, current.hash, current.hash ^ salt]).first(where: sameInstance)
            if known == nil {
                // Known while it was shorter? Its recorded head is then a prefix of this one.
                let shorter = try Row.fetchAll(db, sql: """
                    SELECT id, offset, line, instance, head_length, head_hash FROM log_file
                    WHERE head_length < ? AND head_length >= ? ORDER BY head_length DESC
                    """, arguments: [current.length, Self.minimumPrefixHeadLength])
                known = try head.withUnsafeBufferPointer { bytes in
                    try shorter.first { row in
                        let length: Int = try row.value("head_length")
                        let stored: Int64 = try row.value("head_hash")
                        let prefix = LogFileHead.fnv1a(UnsafeBufferPointer(rebasing: bytes[..<length]))
                        return try (stored == prefix || stored == prefix ^ salt) && sameInstance(row)
                    }
                }
            }
            var notes: [String] = []
            let gateway = try assigned.map { try Self.assignedGateway($0, notes: &notes, db) }
                ?? Self.gatewayName(forService: name.service, db)
            if known == nil, let copied = try Self.fileHolding(shorterCopy: head, instanceKey: instanceKey, db) {
                // Everything the copy holds was read from the longer file: nothing to read, nothing to change.
                return LogFileState(id: copied, offset: size, line: 1, gateway: gateway, lastEntry: nil, notes: notes)
            }
            let gatewayID = try gateway.flatMap { try GatewayNames.resolveExactly($0, in: db) }
            /// The hash this file is stored under: the plain one, unless another instance's log holds it.
            func identity(excluding id: Int64?) throws -> Int64 {
                guard salt != 0, try Int64.fetchOne(db, sql: "SELECT id FROM log_file WHERE head_length = ? AND head_hash = ? AND id IS NOT ?",
                                                    arguments: [current.length, current.hash, id]) != nil
                else { return current.hash }
                return current.hash ^ salt
            }
            if let known {
                let id: Int64 = try known.value("id")
                var offset: Int64 = try known.value("offset")
                var line: Int64 = try known.value("line")
                if size < offset {
                    offset = 0
                    line = 1
                }
                try db.execute(sql: """
                    UPDATE log_file SET path = ?, log = ?, head_length = ?, head_hash = ?, size = ?, offset = ?, line = ?,
                        service = coalesce(?, service), instance = coalesce(?, instance),
                        gateway_id = \(assigned == nil ? "coalesce(?, gateway_id)" : "?"), last_read_at = max(?, first_read_at)
                    WHERE id = ?
                    """, arguments: [path, name.log, current.length, try identity(excluding: id), size, offset, line, name.service,
                                     name.instance, gatewayID, now, id])
                try Self.recordPrefixes(of: head, fileID: id, db)
                return LogFileState(id: id, offset: offset, line: line, gateway: gateway,
                                    lastEntry: try Self.lastEntry(ofFile: id, before: offset, db), notes: notes)
            }
            try db.execute(sql: """
                INSERT INTO log_file(path, log, head_length, head_hash, size, offset, line, service, instance,
                    gateway_id, first_read_at, last_read_at)
                VALUES (?, ?, ?, ?, ?, 0, 1, ?, ?, ?, ?, ?)
                """, arguments: [path, name.log, current.length, try identity(excluding: nil), size, name.service, name.instance,
                                 gatewayID, now, now])
            let id = db.lastInsertedRowID
            try Self.recordPrefixes(of: head, fileID: id, db)
            return LogFileState(id: id, offset: 0, line: 1, gateway: gateway, lastEntry: nil, notes: notes)
        }
    }

    /// The stored name of the gateway `--gateway` names, created when no gateway answers to it
    /// (a full name then folds a gateway stored under its short name, as an import does).
    private static func assignedGateway(_ name: String, notes: inout [String], _ db: Database) throws -> String {
        switch try GatewayNames.resolve(name, in: db) {
        case .known(let id), .shortName(let id):
            return try GatewayNames.name(of: id, in: db) ?? name
        case .ambiguous(let matches):
            throw GatewayError.ambiguous(name, matches: matches)
        case .unknown:
            let stored = GatewayNames.normalized(name)
            try db.execute(sql: "INSERT INTO gateway(name) VALUES (?)", arguments: [stored])
            if let fold = try GatewayFolding.foldShortName(into: db.lastInsertedRowID, db) { notes.append(fold.text) }
            return stored
        }
    }

    /// The stored file, longer than `head`, whose first bytes up to `head`'s last line end are
    /// `head`'s: `head` is then the whole of a copy made while that file was shorter.
    private static func fileHolding(shorterCopy head: [UInt8], instanceKey: Int64, _ db: Database) throws -> Int64? {
        guard head.count < LogFileHead.identifyingLength else { return nil }
        let prefix = head.withUnsafeBufferPointer { LogFileHead.lineEndPrefixes($0).last }
        guard let prefix, prefix.length >= minimumPrefixHeadLength else { return nil }
        return try Row.fetchAll(db, sql: """
            SELECT p.log_file_id, f.instance FROM log_file_prefix p JOIN log_file f ON f.id = p.log_file_id
            WHERE p.length = ? AND p.hash = ? AND f.head_length > ? ORDER BY p.log_file_id
            """, arguments: [prefix.length, prefix.hash, head.count]).first { row in
                // Another VM instance's log that begins alike holds none of this one.
                let key = LogFileName.vmInstanceKey(try row.value(1))
                return key == 0 || instanceKey == 0 || key == instanceKey
            }.map { try $0.value(0) }
    }

    /// Records the hash of `head` up to each of its line ends, for ``fileHolding(shorterCopy:_:)``.
    private static func recordPrefixes(of head: [UInt8], fileID: Int64, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO log_file_prefix(length, hash, log_file_id) VALUES (?, ?, ?)")
        for prefix in head.withUnsafeBufferPointer(LogFileHead.lineEndPrefixes) where prefix.length >= minimumPrefixHeadLength {
            try statement.execute(arguments: [prefix.length, prefix.hash, fileID])
        }
    }

    /// The gateway a service name from a file name stands for: the stored gateway it names
    /// (``GatewayNames``: a name, an alias, or the first DNS label of exactly one gateway,
    /// `GraniteFalls` → `GraniteFalls.contoso.com`); else the service name itself.
    static func gatewayName(forService service: String?, _ db: Database) throws -> String? {
        guard let service, !service.isEmpty else { return nil }
        switch try GatewayNames.resolve(service, in: db) {
        case .known(let id): return try GatewayNames.name(of: id, in: db) ?? service
        case .shortName(let id):
            // Remembered, as an import does: a second gateway sharing the label later does not take it.
            try GatewayNames.addAlias(service, to: id, source: "short_name", in: db)
            return try GatewayNames.name(of: id, in: db) ?? service
        case .ambiguous, .unknown: return service
        }
    }

    /// The last entry stored from a file before `offset`, for plain lines that continue it.
    private static func lastEntry(ofFile id: Int64, before offset: Int64, _ db: Database) throws -> LogEntry? {
        guard offset > 0, let row = try Row.fetchOne(db, sql: """
            SELECT * FROM log_entry WHERE log_file_id = ? AND offset < ? ORDER BY offset DESC LIMIT 1
            """, arguments: [id, offset]) else { return nil }
        return try LogEntry(row: row)
    }
}
