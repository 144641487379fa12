/// Turns an export's text into rows, whether it is JSON (`ConvertTo-Json`: one object, an array,
/// or the admin service's `{"value":[…]}`) or CSV (`Export-Csv`, with or without `#TYPE`).
enum ExportRows {
    struct Parsed {
        var rows: [ExportRow]
        /// Objects that were not objects, or CSV rows with the wrong number of fields.
        var rejections: [(line: Int, problem: LineRejection)]
        /// `JSON array`, `CSV with #TYPE`, …
        var container: String
    }

    static func parse(_ text: String, file: String) throws(ImportError) -> Parsed {
        let start = ByteOrderMark.droppingLeadingSpaceAndMarks(text)
        if start.first == "{" || start.first == "[" { return try json(String(start), offset: lineOffset(text, start), file: file) }
        return try csv(text, file: file)
    }

    /// Lines before the JSON text starts (blank lines at the top of a file).
    private static func lineOffset(_ text: String, _ start: Substring) -> Int {
        text[..<start.startIndex].reduce(0) { $0 + ($1 == "\n" || $1 == "\r\n" ? 1 : 0) }
    }

    private static func json(_ text: String, offset: Int, file: String) throws(ImportError) -> Parsed {
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch {
            if let parsed = arrayElementByElement(text, offset: offset) { return parsed }
            throw ImportError.unreadable(file: file, reason: "it starts like JSON but is not valid JSON (\(Self.reason(error)))")
        }
        let elements: [JSONValue]
        let depth: Int
        let container: String
        switch value {
        case .array(let items):
            (elements, depth, container) = (items, 1, "JSON array")
        case .object(let members):
            if case .array(let items)? = members["value"] {
                (elements, depth, container) = (items, 2, "JSON {\"value\":[…]}")
            } else {
                (elements, depth, container) = ([value], 0, "JSON object")
            }
        default:
            throw ImportError.unreadable(file: file, reason: "it is JSON but neither an object nor an array of objects")
        }
        let lines = JSONObjectLines.starts(in: text, depth: depth)
        var parsed = Parsed(rows: [], rejections: [], container: container)
        var objectIndex = 0
        for element in elements {
            guard case .object(let members) = element else {
                parsed.rejections.append((offset + 1, LineRejection(value: element.jsonText, "is not an object; each element must be one exported object")))
                continue
            }
            let line = offset + (objectIndex < lines.count ? lines[objectIndex] : 1)
            objectIndex += 1
            if let problem = ambiguity(members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }) {
                parsed.rejections.append((line, problem))
                continue
            }
            parsed.rows.append(ExportRow(line: line, object: members))
        }
        return parsed
    }

    /// A top-level array whose whole text does not parse, read one element at a time, so that
    /// one bad element (nested deeper than the JSON reader goes, a bad number or escape) is a
    /// rejected row and the others are kept. Nil when the text is not an array whose elements
    /// can be told apart (an unterminated string or bracket): then the file is unreadable.
    private static func arrayElementByElement(_ text: String, offset: Int) -> Parsed? {
        guard let elements = JSONArrayElements.split(text) else { return nil }
        var parsed = Parsed(rows: [], rejections: [], container: "JSON array")
        for element in elements {
            let line = offset + element.line
            do {
                guard case .object(let members) = try JSONValue.parse(String(element.text)) else {
                    parsed.rejections.append((line, LineRejection("is not an object; each element must be one exported object")))
                    continue
                }
                parsed.rows.append(ExportRow(line: line, object: members))
            } catch {
                let depth = JSONArrayElements.depth(of: element.text)
                parsed.rejections.append((line, LineRejection(depth > JSONArrayElements.readerDepthLimit
                    ? "is nested \(depth) levels deep, more than the \(JSONArrayElements.readerDepthLimit) the JSON reader takes "
                        + "(ConvertTo-Json -Depth writes at most 100)"
                    : "is not valid JSON (\(reason(error)))")))
            }
        }
        return parsed
    }

    private static func csv(_ text: String, file: String) throws(ImportError) -> Parsed {
        let table: CSVTable
        do {
            table = try CSVTable(parsing: text)
        } catch {
            throw ImportError.unreadable(file: file, reason: "line \(error.line) \(error.reason)")
        }
        var parsed = Parsed(rows: [], rejections: [], container: table.typeName == nil ? "CSV" : "CSV with #TYPE")
        for record in table.records {
            guard record.fields.count == table.header.count else {
                // Named by the first column the row lacks, or the first it has beyond the header.
                let short = record.fields.count < table.header.count
                parsed.rejections.append((record.line, LineRejection(
                    field: short ? table.header[record.fields.count] : "column \(table.header.count + 1)",
                    "is \(short ? "missing" : "beyond the header"): the row has \(record.fields.count) fields "
                        + "but the header on line \(table.headerLine) has \(table.header.count)")))
                continue
            }
            let members = zip(table.header, record.fields).map { ($0, JSONValue.string($1)) }
            if let problem = ambiguity(members) {
                parsed.rejections.append((record.line, problem))
                continue
            }
            parsed.rows.append(ExportRow(line: record.line, members: members))
        }
        if let unclosed = table.unclosedQuote {
            let field = table.header.indices.contains(unclosed.column) ? table.header[unclosed.column] : nil
            parsed.rejections.append((unclosed.line, LineRejection(
                field: field, "has a quoted field that is never closed: the rest of the file, from line \(unclosed.line), is in it")))
        }
        return parsed
    }

    /// A property named twice (PowerShell compares names without regard to case, so `State` and
    /// `state` are one) with two different values: which one the export meant is unknown, so the
    /// row is rejected rather than one value picked silently. The same value twice is harmless.
    /// Secret-named properties are left to ``ExportRow``, which drops them unread.
    private static func ambiguity(_ members: [(String, JSONValue)]) -> LineRejection? {
        var seen: [String: JSONValue] = [:]
        for (name, value) in members where !SecretFieldPolicy.isSecret(fieldName: name) {
            let key = name.trimmingSpaces.lowercased()
            if let first = seen[key] {
                if first != value { return LineRejection(field: name, "is given twice, with two different values: which one is meant is unknown") }
            } else {
                seen[key] = value
            }
        }
        return nil
    }

    private static func reason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError.map { "\($0)" } ?? context.debugDescription)
        }
        return "\(error)"
    }
}
