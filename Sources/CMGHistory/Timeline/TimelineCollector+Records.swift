// MARK: - Operations

extension TimelineCollector {
    /// `operation_requested` and `operation_completed` items of the operations that touch the
    /// range, and of those still in progress when it starts (an operation in progress when an
    /// incident starts is a probable cause).
    func operationItems() throws -> [TimelineItem] {
        var items: [TimelineItem] = []
        for operation in try reads.operations(gatewayID: gateway.id, touchingFrom: rangeStart, to: rangeEnd) {
            let (id, kind, outcome, actor, note) = (operation.rowID, operation.kind, operation.outcome, operation.actor, operation.note)
            let requested = operation.requestedAt
            let completed = operation.completedAt
            let taskKey = operation.taskKey
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
        var items: [TimelineItem] = []
        for point in try reads.connectionPoints(gatewayID: gateway.id) {
            let (id, server) = (point.id, point.server)
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

            let prior = try reads.latestConnectionPointStatus(id, before: rangeStart, differentFrom: nil)
            var previous = prior?.status
            if let prior, prior.status != 2 {
                // When did it become so? The first observation after the last different one.
                let lastDifferent = try reads.latestConnectionPointStatus(id, before: rangeStart, differentFrom: prior.status)
                let since = try reads.firstConnectionPointStatusTime(id, after: lastDifferent?.at ?? Int64.min, before: rangeStart) ?? prior.at
                items.append(change(at: since, from: lastDifferent?.status, to: prior.status))
            }
            for observation in try reads.connectionPointStatuses(id, from: rangeStart, to: rangeEnd) {
                let status = observation.status
                if status != previous, previous != nil || status != 2 {
                    items.append(change(at: observation.at, from: previous, to: status))
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
        let before = try reads.configuration(gatewayID: gateway.id, before: rangeStart)
        var items: [TimelineItem] = []
        var instances = before.instances
        var vmSize = before.vmSize
        for record in try reads.configurationRecords(gatewayID: gateway.id, from: rangeStart, to: rangeEnd) {
            let at = record.at
            let newInstances = record.instances
            let newSize = record.vmSize
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
        var byKey: [String: [IdentifiedCredential]] = [:]
        var keys: [String] = []
        for record in try reads.identifiedCredentials(gatewayID: gateway.id) {
            let key = record.credential.key
            if byKey[key] == nil { keys.append(key) }
            byKey[key, default: []].append(record)
        }
        var items: [TimelineItem] = []
        for key in keys {
            let records = byKey[key] ?? []
            for (index, record) in records.enumerated() {
                let id = record.id
                let credential = record.credential
                let expires = credential.expiresAt
                let label = Self.credentialLabel(credential)
                let newer = records[(index + 1)...].map(\.credential).filter { $0.expiresAt > expires }
                let replacedAt = newer.map { ($0.renewedAt ?? $0.notBefore) ?? Int64.min }.min()
                let replacement = newer.first.map { "the one expiring \(zone.date($0.expiresAt))" } ?? ""
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
                if let renewed = credential.renewedAt {
                    items.append(make(renewed, "credential_renewed", "renewed", .info, "\(label) renewed: the new one expires \(zone.date(expires))"))
                } else if index > 0, let notBefore = credential.notBefore {
                    items.append(make(notBefore, "credential_renewed", "valid_from", .info,
                                      "a new \(label) becomes valid (not before), expiring \(zone.date(expires))"))
                }
            }
        }
        return items
    }

    /// `app secret CMG-ServerApp`, `server certificate CN=GraniteFalls.contoso.com (3A5F9C10…)`.
    static func credentialLabel(_ credential: CredentialRecord) -> String {
        let words = credential.kind.replacingOccurrences(of: "_", with: " ")
        let what = credential.label
        let thumbprint = credential.thumbprint
        return words + (what.isEmpty ? "" : " " + what) + (thumbprint.isEmpty ? "" : " (\(thumbprint.prefix(8))…)")
    }
}
