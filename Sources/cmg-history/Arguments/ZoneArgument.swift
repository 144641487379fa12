import CMGHistory

/// `--tz`: the IANA zone a report or timeline cuts days and months in and shows times in.
extension ReportZone: ArgumentValue {
    /// - throws: the library's ``ReportError/unknownTimeZone(_:)`` reason.
    static func parse(_ text: String) throws -> ReportZone {
        do {
            return try ReportZone(identifier: text)
        } catch {
            throw OptionValueError.refusing(error.description)
        }
    }

    var argumentText: String { identifier }
}

/// `ingest --source-tz`: the zone of times an export writes without one.
extension SourceTimeZone: ArgumentValue {
    static func parse(_ text: String) throws -> SourceTimeZone {
        try decoded(SourceTimeZone(identifier: text), "must be an IANA time zone such as Europe/Berlin or UTC, not \(SecretText.redacted(text)).")
    }

    var argumentText: String { identifier }
}
