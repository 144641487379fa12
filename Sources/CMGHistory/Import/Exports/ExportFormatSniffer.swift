/// Tells an export's format from its content, and its file name only where content cannot
/// (a `.pfx`, which must be refused with advice rather than misread).
///
/// The SMS classes and SQL views are told apart by the properties that only they have, so a
/// file is recognised however it was written: JSON or CSV, any property order, any encoding.
package enum ExportFormatSniffer {
    /// The properties, lowercased, that mark each row format; checked in this order.
    static let markers: [(ExportFormat, [String])] = [
        (.azureServicesTask, ["tasktypeid", "taskstateid"]),
        (.bgbStatistics, ["cmgonlineclients", "internetonlineclients", "intranetonlineclients"]),
        (.proxyConnectors, ["connectionstatus", "proxyservicename"]),
        (.azureService, ["servicecname", "servicetype", "azureserviceid", "trafficoutinGB".lowercased()]),
    ]

    /// The format of the file with these bytes and this name, or nil when none fits.
    package static func sniff(_ bytes: [UInt8], fileName: String = "") -> ExportFormat? {
        let lowered = fileName.lowercased()
        if lowered.hasSuffix(".pfx") || lowered.hasSuffix(".p12") { return .certificate }
        // DER: a SEQUENCE with a long-form length (a certificate is hundreds of bytes) holding a SEQUENCE.
        if bytes.count > 5, bytes[0] == 0x30, bytes[1] == 0x82 || bytes[1] == 0x83,
           bytes[4] == 0x30 || bytes[4] == 0x02 || bytes[5] == 0x30 { return .certificate }
        guard let decoded = ExportText(bytes) else { return nil }
        return sniff(text: decoded.text)
    }

    static func sniff(text: String) -> ExportFormat? {
        let head = String(text.prefix(64 << 10))
        let trimmed = ByteOrderMark.droppingLeadingSpaceAndMarks(head)
        if trimmed.hasPrefix("-----BEGIN") { return .certificate }
        if trimmed.first == "{" || trimmed.first == "[" {
            let firstLine = trimmed.prefix { !$0.isNewline }
            if trimmed.first == "{", firstLine.contains("\"type\"") { return .ndjson }
            return format(ofPropertyNames: Self.jsonKeys(in: head))
        }
        // CSV: the header row, after a `#TYPE` line if there is one.
        // Split on any line end: a CRLF is one Character, not a "\n".
        var lines = trimmed.split(maxSplits: 3, omittingEmptySubsequences: true, whereSeparator: \.isNewline).map(String.init)
        if let typeLine = lines.first, typeLine.hasPrefix("#TYPE") {
            lines.removeFirst()
            if typeLine.contains("SMS_AzureServicesTask") { return .azureServicesTask }
            if typeLine.contains("SMS_AzureService") { return .azureService }
        }
        guard let header = lines.first else { return nil }
        let names = header.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\t" })
            .map { $0.trimmingCharacters(in: "\" ").lowercased() }
        return format(ofPropertyNames: Set(names))
    }

    private static func format(ofPropertyNames names: Set<String>) -> ExportFormat? {
        for (format, marks) in markers where marks.contains(where: names.contains) { return format }
        return nil
    }

    /// The quoted words followed by a colon: a JSON text's keys, lowercased.
    private static func jsonKeys(in text: String) -> Set<String> {
        var keys = Set<String>()
        var scanner = Substring(text)
        while let open = scanner.firstIndex(of: "\"") {
            let afterOpen = scanner.index(after: open)
            guard let close = scanner[afterOpen...].firstIndex(of: "\"") else { break }
            let word = scanner[afterOpen..<close]
            let rest = scanner[scanner.index(after: close)...].drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
            if rest.first == ":" { keys.insert(word.lowercased()) }
            scanner = scanner[scanner.index(after: close)...]
        }
        return keys
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
