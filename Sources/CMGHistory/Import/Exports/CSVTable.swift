/// A CSV file as `Export-Csv` and `Invoke-Sqlcmd … | Export-Csv` write it: an optional `#TYPE`
/// line, a header row, then one record per row (RFC 4180 quoting).
///
/// Written here rather than taken from a package because every rejection must name the line a
/// record starts on (a quoted field may span lines), and the `#TYPE` line, UTF-16 input and
/// `-UseCulture` delimiters need handling around any reader anyway.
///
/// ```
/// #TYPE System.Data.DataRow
/// "ServerName","ProxyServiceName","ConnectionStatus"
/// "CMGCP1.contoso.com","GraniteFalls.contoso.com","2"
/// ```
struct CSVTable {
    /// The text after `#TYPE`, when the file has that line (Windows PowerShell 5.1 writes it).
    var typeName: String?
    var header: [String]
    /// The header row's line number (1 or 2).
    var headerLine: Int
    var records: [Record]
    /// The record whose quoted field is never closed (it runs to the end of the file), when one
    /// is: rejected alone, so the records before it are still read.
    var unclosedQuote: UnclosedQuote?

    struct UnclosedQuote: Equatable {
        /// The line the record starts on.
        var line: Int
        /// The column (from 0) of the field that is never closed.
        var column: Int
    }

    struct Record {
        /// The line the record starts on, counting from 1.
        var line: Int
        var fields: [String]
    }

    /// Why a text is not a CSV table.
    struct Failure: Error, Equatable {
        var line: Int
        var reason: String
    }

    init(parsing text: String) throws(Failure) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == ByteOrderMark.scalar { scalars.removeFirst() }
        var reader = Reader(scalars: scalars)
        var first = reader.nextRecord()
        if let row = first, row.fields.count >= 1, row.fields[0].hasPrefix("#TYPE") {
            typeName = String(row.fields.joined(separator: ",").dropFirst("#TYPE".count)).trimmingSpaces
            first = reader.nextRecord()
        }
        if let problem = reader.problem { throw problem }
        guard let headerRow = first else { throw Failure(line: reader.line, reason: "has no header row") }
        headerLine = headerRow.line
        header = headerRow.fields.map(\.trimmingSpaces)
        // `Export-Csv -UseCulture` writes the list separator of the culture: `;` in much of Europe.
        let onlyColumn = header.count == 1 ? header[0] : ""
        if let delimiter = (["\t", ";"] as [Unicode.Scalar]).first(where: { onlyColumn.unicodeScalars.contains($0) }) {
            reader = Reader(scalars: scalars, delimiter: delimiter)
            if typeName != nil { _ = reader.nextRecord() }
            header = (reader.nextRecord()?.fields ?? []).map(\.trimmingSpaces)
            if let problem = reader.problem { throw problem }
        }
        records = []
        while let record = reader.nextRecord() {
            if reader.problem != nil {
                // Only the record that opens the quote is lost: the ones before it are good rows.
                unclosedQuote = UnclosedQuote(line: record.line, column: record.fields.count - 1)
                break
            }
            if record.fields.count == 1, record.fields[0].isEmpty { continue }
            records.append(Record(line: record.line, fields: record.fields))
        }
    }

    private struct Reader {
        let scalars: [Unicode.Scalar]
        var delimiter: Unicode.Scalar = ","
        var index = 0
        var line = 1
        var problem: Failure?

        init(scalars: [Unicode.Scalar], delimiter: Unicode.Scalar = ",") {
            self.scalars = scalars
            self.delimiter = delimiter
        }

        /// The next record with the line it starts on, or nil at the end.
        mutating func nextRecord() -> (line: Int, fields: [String])? {
            guard index < scalars.count else { return nil }
            let start = line
            var fields: [String] = []
            var field = String.UnicodeScalarView()
            var quoted = false
            var wasQuoted = false
            while index < scalars.count {
                let c = scalars[index]
                index += 1
                if quoted {
                    if c == "\"" {
                        if index < scalars.count, scalars[index] == "\"" {
                            field.append("\"")
                            index += 1
                        } else {
                            quoted = false
                        }
                    } else {
                        if c == "\n" { line += 1 }
                        field.append(c)
                    }
                    continue
                }
                switch c {
                case ByteOrderMark.scalar where field.isEmpty && fields.isEmpty && !wasQuoted:
                    // A byte order mark opening a record: files joined with `cat` or `Get-Content`
                    // keep each one's mark. It is no part of the first field (a name), so skip it.
                    continue
                case "\"" where field.isEmpty && !wasQuoted:
                    quoted = true
                    wasQuoted = true
                case delimiter:
                    fields.append(String(field))
                    field = String.UnicodeScalarView()
                    wasQuoted = false
                case "\r" where index < scalars.count && scalars[index] == "\n":
                    continue
                case "\r":
                    // A lone CR outside quotes ends the line too (classic Mac line ends, or a
                    // file that passed through a tool that rewrote them): read as part of the
                    // field, it would make the whole file one header row and store nothing.
                    line += 1
                    fields.append(String(field))
                    return (start, fields)
                case "\n":
                    line += 1
                    fields.append(String(field))
                    return (start, fields)
                default:
                    field.append(c)
                }
            }
            if quoted, problem == nil {
                problem = Failure(line: start, reason: "has a quoted field that is never closed")
            }
            fields.append(String(field))
            return (start, fields)
        }
    }
}
