/// Export properties whose times are UTC by contract, so a value written without a zone is read
/// as UTC and never in `--source-tz` (README, "Time zones per field").
///
/// `--source-tz` names the zone of the site server's local clock. It is right for SQL Server
/// `datetime` columns that ConfigMgr fills from `GETDATE()` (`BGB_Statistics.TimeStamp`), and
/// wrong for a column the export filled from `SYSUTCDATETIME()`/`GETUTCDATE()`: read in Berlin,
/// such a time lands one or two hours early. The importer cannot see which function wrote a
/// value, so the property's name says it:
///
/// - `ExportedAt` and `ExportTime`, the export time the README's one-liners and collect script
///   add (`SYSUTCDATETIME() AS ExportedAt`, `(Get-Date).ToUniversalTime()`): documented as UTC;
/// - any property whose name contains `UTC` in any case (`TimeStampUTC`, `LastSeenUtc`,
///   `UtcTime`), the naming convention of SQL and .NET for UTC values.
///
/// A value that carries its zone (`Z`, an offset, `\/Date(ms)\/`, a DMTF offset) is read as
/// written in every property; this rule only decides the zone of the zoneless ones.
enum UTCByContract {
    /// The export time properties (``ExportContext/exportTimeFields``), lowercased.
    static let exportTimeProperties: Set<String> = Set(ExportContext.exportTimeFields.map { $0.lowercased() })

    static func covers(property name: String) -> Bool {
        let lowered = name.lowercased()
        return exportTimeProperties.contains(lowered) || lowered.contains("utc")
    }

    /// The summary's note when a zoneless time was read as UTC although `--source-tz` named
    /// another zone, so an admin sees the flag did not apply there.
    static func note(fields: Set<String>, zone: SourceTimeZone) -> [String] {
        guard !fields.isEmpty else { return [] }
        return ["\(fields.sorted().joined(separator: ", ")) carr\(fields.count == 1 ? "ies" : "y") no zone; read as UTC "
                + "(UTC by contract), not \(zone.identifier) (--source-tz)"]
    }
}
