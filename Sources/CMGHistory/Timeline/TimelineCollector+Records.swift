import GRDB

// MARK: - Operations

extension TimelineCollector {
    /// `operation_requested` and `operation_completed` items of the operations that touch the
    /// range, and of those still in progress when it starts (an operation in progress when an
    /// incident starts is a probable cause).
    func operationItems() throws -> [TimelineItem] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, kind, requested_at, completed_at, outcome, actor, note, task_key FROM operation
            WHERE gateway_id = ? AND requested_at < ?
              AND (requested_at >= ? OR completed_at >= ? OR (completed_at IS NULL AND outcome = 'in_progress'))
            ORDER BY requested_at, id
            """, arguments: [gateway.id, rangeEnd, rangeStart, rangeStart])
        var items: [TimelineItem] = []
        for row in rows {
            let id: Int64 = try row.value("id")
            let kind: String = try row.value("kind")
            let requested: UnixSeconds = try row.value("requested_at")
            let completed: UnixSeconds? = try row.value("completed_at")
            let outcome: String = try row.value("outcome")
            let actor: String = try row.value("actor")
            let note: String = try row.value("note")
            let taskKey: String? = try row.value("task_key")
            let origin = "operation record #\(id)" + (taskKey.map { " (ConfigMgr task \($0))" } ?? "")
            var facts = TimelineItem.Facts()
            facts.operationKind = kind
            facts.operationOutcome = outcome
            facts.operationID = id
            facts.operationCompletedAt = completed

            var text = "\(kind) requested" + (actor.isEmpty ? "" : " by \(actor)") + (note.isEmpty ? "" : ": \(note)")
            var severity = TimelineSeverity.info
            if completed == nil {
                switch outcome {
                case "in_progress": text += " (still in progress at the last record)"; severity = .warning
                case "failed": text += " (failed; when is not recorded)"; severity = .error
                case "cancelled": text += " (cancelled; when is not recorded)"; severity = .warning
                default: text += " (\(outcome); when it completed is not recorded)"
                }
            }
            var requestedItem = item(at: requested, source: .operation, kind: "operation_requested", severity: severity,
                                     gateway: gateway.name, text: text, ref: "operation/\(id)/requested", origin: origin)
            requestedItem.facts = facts
            items.append(requestedItem)

            if let completed {
                let severity: TimelineSeverity = switch outcome {
                case "succeeded": .info
                case "failed": .error
                default: .warning
                }
                let words = outcome == "in_progress" ? "still in progress" : outcome
                var completedItem = item(at: completed, source: .operation, kind: "operation_completed", severity: severity,
                                         gateway: gateway.name, text: "\(kind) \(words) after \(DurationText.format(completed - requested))",
                                         ref: "operation/\(id)/completed", origin: origin)
                completedItem.facts = facts
                items.append(completedItem)
            }
        }
        return items
    }
}

// MARK: - Connection points

extension TimelineCollector {
    /// `connection_point_change` items: only where a connection point's status differs from its
    /// previous observation (a first observation counts only when it is not "online"). A
    /// connection point that is already offline or partially online when the range starts also
    /// gets the item of when it became so, since that is still in effect.
    func connectionPointItems() throws -> [TimelineItem] {
        let points = try Row.fetchAll(db, sql: "SELECT id, server FROM connection_point WHERE gateway_id = ? ORDER BY server COLLATE NOCASE, id",
                                      arguments: [gateway.id])
        var items: [TimelineItem] = []
        for point in points {
            let id: Int64 = try point.value("id")
            let server: String = try point.value("server")
            func change(at instant: UnixSeconds, from: Int64?, to status: Int64) -> TimelineItem {
                let severity: TimelineSeverity = status == 0 ? .error : status == 1 ? .warning : .info
                let text = from.map { "\(server): \(TimelineWords.connectionPoint($0)) → \(TimelineWords.connectionPoint(status))" }
                    ?? "\(server): first seen \(TimelineWords.connectionPoint(status))"
                var result = item(at: instant, source: .connectionPoint, kind: "connection_point_change", severity: severity,
                                  gateway: gateway.name, text: text, ref: "connection_point/\(gateway.name)/\(server)/\(Timestamp.format(instant))",
                                  origin: "connection point status of \(server) at \(Timestamp.format(instant))")
                result.facts.connectionPointStatus = status
                result.facts.connectionPointServer = server.lowercased()
                return result
            }

            let prior = try Row.fetchOne(db, sql: """
                SELECT at, status FROM connection_point_status WHERE connection_point_id = ? AND at < ? ORDER BY at DESC LIMIT 1
                """, arguments: [id, rangeStart])
            var previous: Int64? = try prior.flatMap { try $0.value("status") }
            if let prior, let status = previous, status != 2 {
                // When did it become so? The first observation after the last different one.
                let lastDifferent = try Row.fetchOne(db, sql: """
                    SELECT at, status FROM connection_point_status WHERE connection_point_id = ? AND at < ? AND status != ?
                    ORDER BY at DESC LIMIT 1
                    """, arguments: [id, rangeStart, status])
                let lastDifferentAt: Int64? = try lastDifferent.flatMap { try $0.value("at") }
                let lastDifferentStatus: Int64? = try lastDifferent.flatMap { try $0.value("status") }
                let since: UnixSeconds = try Int64.fetchOne(db, sql: """
                    SELECT min(at) FROM connection_point_status WHERE connection_point_id = ? AND at > ? AND at < ?
                    """, arguments: [id, lastDifferentAt ?? Int64.min, rangeStart]) ?? prior.value("at")
                items.append(change(at: since, from: lastDifferentStatus, to: status))
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT at, status FROM connection_point_status WHERE connection_point_id = ? AND at >= ? AND at < ? ORDER BY at
                """, arguments: [id, rangeStart, rangeEnd])
            for row in rows {
                let status: Int64 = try row.value("status")
                if status != previous, previous != nil || status != 2 {
                    items.append(change(at: try row.value("at"), from: previous, to: status))
                }
                previous = status
            }
        }
        return items
    }
}

// MARK: - Configuration

extension TimelineCollector {
    /// `configuration_change` items: where the number of instances or the VM size differs from
    /// the configuration in force before, merged field by field (``GatewayConfigHistory``): a
    /// record that leaves a field out keeps it, and a value not known before is not a change.
    func configurationItems() throws -> [TimelineItem] {
        let before = try GatewayConfigHistory(db: db, gatewayID: gateway.id).configuration(before: rangeStart)
        let rows = try Row.fetchAll(db, sql: """
            SELECT at, vm_size, instances FROM gateway_config WHERE gateway_id = ? AND at >= ? AND at < ? ORDER BY at
            """, arguments: [gateway.id, rangeStart, rangeEnd])
        var items: [TimelineItem] = []
        var instances = before.instances
        var vmSize = before.vmSize
        for row in rows {
            let at: UnixSeconds = try row.value("at")
            let newInstances: Int64? = try row.value("instances")
            let newSize: String? = try row.value("vm_size")
            var changes: [String] = []
            if let old = instances, let new = newInstances, old != new { changes.append("instances \(old) → \(new)") }
            if let old = vmSize, let new = newSize, old != new { changes.append("VM size \(old) → \(new)") }
            if !changes.isEmpty, at >= rangeStart {
                items.append(item(at: at, source: .configuration, kind: "configuration_change", severity: .info, gateway: gateway.name,
                                  text: changes.joined(separator: ", "), ref: "configuration/\(gateway.name)/\(Timestamp.format(at))",
                                  origin: "gateway configuration record \(Timestamp.format(at))"))
            }
            instances = newInstances ?? instances
            vmSize = newSize ?? vmSize
        }
        return items
    }
}

// MARK: - Credentials

extension TimelineCollector {
    /// Credential items over all time (there are few): entering the 60- and 14-day warning
    /// windows, expiry, and a newer record of the same credential taking over (`renewed_at`, or
    /// its `not_before`). Items outside the window are listed only when an incident cites them
    /// (an app secret that expired days before an incident is still its probable cause).
    ///
    /// A credential is *replaced* from the instant a newer record of the same gateway, kind and
    /// name (subject when unnamed) becomes valid: its `renewed_at`, else its `not_before`, else
    /// always. Warnings of a replaced credential are left out; its expiry is news, not an error.
    func credentialItems() throws -> [TimelineItem] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, kind, name, subject, thumbprint, not_before, expires_at, renewed_at FROM credential
            WHERE gateway_id = ? ORDER BY kind, expires_at, id
            """, arguments: [gateway.id])
        var byKey: [String: [Row]] = [:]
        var keys: [String] = []
        for row in rows {
            let kind: String = try row.value("kind"), name: String = try row.value("name"), subject: String = try row.value("subject")
            let key = kind + "|" + (name.isEmpty ? subject : name)
            if byKey[key] == nil { keys.append(key) }
            byKey[key, default: []].append(row)
        }
        var items: [TimelineItem] = []
        for key in keys {
            let records = byKey[key] ?? []
            for (index, row) in records.enumerated() {
                let id: Int64 = try row.value("id")
                let expires: UnixSeconds = try row.value("expires_at")
                let label = try Self.credentialLabel(row)
                let newer = try records[(index + 1)...].filter { try $0.value("expires_at") as Int64 > expires }
                let replacedAt = try newer.map { try ($0.value("renewed_at") as Int64? ?? $0.value("not_before") as Int64?) ?? Int64.min }.min()
                let replacement = try newer.first.map { "the one expiring \(zone.date(try $0.value("expires_at")))" } ?? ""
                func make(_ at: UnixSeconds, _ kind: String, _ suffix: String, _ severity: TimelineSeverity, _ text: String) -> TimelineItem {
                    var result = item(at: at, source: .credential, kind: kind, severity: severity, gateway: gateway.name, text: text,
                                      ref: "credential/\(id)/\(suffix)", origin: "credential record #\(id)")
                    result.facts.credentialReplacedAt = replacedAt
                    result.facts.credentialLabel = label
                    return result
                }
                let replaced = { (t: UnixSeconds) in replacedAt.map { $0 <= t } ?? false }
                for (days, suffix, kind) in [(ExpiryStatus.warningDays, "warning_60d", "credential_expiry_warning"),
                                             (ExpiryStatus.criticalDays, "warning_14d", "credential_expiry_critical")] {
                    let at = expires - days * 86_400
                    if !replaced(at) {
                        items.append(make(at, kind, suffix, .warning, "\(label) expires in \(days) days, on \(zone.date(expires))"))
                    }
                }
                if replaced(expires) {
                    items.append(make(expires, "credential_expired", "expired", .info, "\(label) expired, already replaced by \(replacement)"))
                } else {
                    items.append(make(expires, "credential_expired", "expired", .error, "\(label) expired" + (newer.isEmpty ? "" : " (not yet replaced)")))
                }
                // When it took over: its recorded renewal, or (for a newer record of a credential
                // seen before) the start of its validity.
                if let renewed: UnixSeconds = try row.value("renewed_at") {
                    items.append(make(renewed, "credential_renewed", "renewed", .info, "\(label) renewed: the new one expires \(zone.date(expires))"))
                } else if index > 0, let notBefore: UnixSeconds = try row.value("not_before") {
                    items.append(make(notBefore, "credential_renewed", "valid_from", .info,
                                      "a new \(label) becomes valid (not before), expiring \(zone.date(expires))"))
                }
            }
        }
        return items
    }

    /// `app secret CMG-ServerApp`, `server certificate CN=GraniteFalls.contoso.com (3A5F9C10…)`.
    static func credentialLabel(_ row: Row) throws -> String {
        let kind: String = try row.value("kind")
        let name: String = try row.value("name")
        let subject: String = try row.value("subject")
        let thumbprint: String = try row.value("thumbprint")
        let words = kind.replacingOccurrences(of: "_", with: " ")
        let what = name.isEmpty ? subject : name
        return words + (what.isEmpty ? "" : " " + what) + (thumbprint.isEmpty ? "" : " (\(thumbprint.prefix(8))…)")
    }
}
