/// One exported object or CSV row: its properties by name (compared without regard to case,
/// as PowerShell does), with typed accessors whose failures name the property and its value.
///
/// Properties whose name says they hold a secret are dropped when the row is made, so no
/// accessor and no raw `extra` JSON can ever see them; ``droppedSecrets`` counts them.
struct ExportRow {
    /// The line the object or row starts on.
    let line: Int
    private var properties: [(name: String, value: JSONValue)] = []
    private var index: [String: Int] = [:]
    private var used = Set<Int>()
    private(set) var droppedSecrets = 0
    /// Times without a zone read so far that fell in a DST change's repeated or skipped hour.
    private(set) var localTimeFits: [SourceTimeZone.LocalTimeFit] = []

    /// Properties PowerShell, WMI, CIM, the admin service and `Invoke-Sqlcmd` add to every object:
    /// they describe the export, not the gateway, and are not kept as raw JSON.
    static let envelopeProperties: Set<String> = [
        "scope", "path", "options", "classpath", "properties", "systemproperties", "qualifiers", "site",
        "container", "pscomputername", "psshowcomputername", "runspaceid", "cimclass", "ciminstanceproperties",
        "cimsystemproperties", "propertylist", "propertynames", "objectclass", "smsproviderobjectpath",
        "overridingobjectclass", "rowerror", "rowstate", "table", "itemarray", "haserrors", "managedobject",
        "connectionmanager", "namedvaluedictionary", "tracesqlcontext", "autocommitchanges", "autorefresh",
        "regmultistringlists", "uniqueidentifier", "globaldisplaystring", "displaystring", "displaydescription",
        "helptopic", "textdata", "properties@odata.type",
    ]

    init(line: Int, members: [(String, JSONValue)]) {
        self.line = line
        for (name, value) in members { add(name, value) }
    }

    /// A JSON object, flattened where PowerShell nests the real properties: `PropertyList` of a
    /// ConfigMgr `IResultObject`, and the `Properties` array of a WMI `ManagementObject`.
    init(line: Int, object: [String: JSONValue]) {
        self.line = line
        for (name, value) in object.sorted(by: { $0.key < $1.key }) { add(name, value) }
        if case .object(let list)? = object.first(where: { $0.key.lowercased() == "propertylist" })?.value {
            for (name, value) in list.sorted(by: { $0.key < $1.key }) { add(name, value) }
        }
        if case .array(let items)? = object.first(where: { $0.key.lowercased() == "properties" })?.value {
            for case .object(let property) in items {
                if case .string(let name)? = property["Name"] { add(name, property["Value"] ?? .null) }
            }
        }
    }

    /// Adds a property unless one of that name is there already; drops secret-bearing ones.
    private mutating func add(_ name: String, _ value: JSONValue) {
        if SecretFieldPolicy.isSecret(fieldName: name) {
            if case .null = value { return }
            if case .string(let s) = value, s.isEmpty { return }
            droppedSecrets += 1
            return
        }
        let key = name.lowercased()
        guard index[key] == nil else { return }
        index[key] = properties.count
        properties.append((name, value))
    }

    // MARK: - Accessors

    /// Whether the row has the property, with a non-empty value.
    func has(_ name: String) -> Bool { value(name) != nil }

    private func value(_ name: String) -> JSONValue? {
        guard let position = index[name.lowercased()] else { return nil }
        switch properties[position].value {
        case .null: return nil
        case .string(let s) where s.trimmingSpaces.isEmpty: return nil
        case let value: return value
        }
    }

    private mutating func take(_ name: String) -> JSONValue? {
        if let position = index[name.lowercased()] { used.insert(position) }
        return value(name)
    }

    /// The property as text (a number is written as it reads), or nil when absent or empty.
    mutating func string(_ name: String) throws(LineRejection) -> String? {
        switch take(name) {
        case nil: return nil
        case .string(let s)?:
            // U+FFFD stands for bytes that were not text (see ExportText): two different garbled
            // names would become one, so the row is rejected rather than stored garbled.
            if s.unicodeScalars.contains("\u{FFFD}") {
                throw LineRejection(field: name, value: "invalid UTF-8",
                                    "(bytes that are not text, or U+FFFD in their place): text must be UTF-8 or UTF-16; export the file again")
            }
            return s.trimmingSpaces
        case .integer(let i)?: return String(i)
        case .number(let d)?: return JSONValue.number(d).jsonText
        case .bool(let b)?: return b ? "True" : "False"
        case let other?: throw LineRejection(field: name, value: other.jsonText, "is not a single value")
        }
    }

    /// The property as an integer; CSV writes numbers as text, so `"2"` reads as 2.
    mutating func integer(_ name: String, in range: ClosedRange<Int64> = 0...Int64.max,
                          _ outOfRange: String = "is not a non-negative integer") throws(LineRejection) -> Int64? {
        let raw: String
        switch take(name) {
        case nil: return nil
        case .integer(let i)?:
            guard range.contains(i) else { throw LineRejection(field: name, value: String(i), outOfRange) }
            return i
        case .number(let d)? where d == d.rounded() && abs(d) < 9e15:
            raw = String(Int64(d))
        case .string(let s)?: raw = s.trimmingSpaces
        case let other?: throw LineRejection(field: name, value: other.jsonText, "is not an integer")
        }
        guard let value = Int64(raw) else { throw LineRejection(field: name, value: "\"\(raw)\"", "is not an integer") }
        guard range.contains(value) else { throw LineRejection(field: name, value: raw, outOfRange) }
        return value
    }

    mutating func requiredInteger(_ name: String, in range: ClosedRange<Int64> = 0...Int64.max,
                                  _ outOfRange: String = "is not a non-negative integer") throws(LineRejection) -> Int64 {
        guard let value = try integer(name, in: range, outOfRange) else { throw LineRejection(field: name, "is missing") }
        return value
    }

    /// `true`/`false` in JSON; `True`/`False` (or 1/0) in CSV.
    mutating func bool(_ name: String) throws(LineRejection) -> Bool? {
        switch take(name) {
        case nil: return nil
        case .bool(let b)?: return b
        case .integer(let i)? where i == 0 || i == 1: return i == 1
        case .string(let s)?:
            switch s.trimmingSpaces.lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            default: throw LineRejection(field: name, value: "\"\(s)\"", "is not True or False")
            }
        case let other?: throw LineRejection(field: name, value: other.jsonText, "is not True or False")
        }
    }

    /// A time in any form PowerShell, WMI or SQL Server writes (see ``PowerShellTime``); a time
    /// without a zone is read in `zone`.
    mutating func time(_ name: String, zone: SourceTimeZone) throws(LineRejection) -> UnixSeconds? {
        guard let text = try string(name) else { return nil }
        guard let (instant, fit) = PowerShellTime.resolve(text, zone: zone) else {
            throw LineRejection(field: name, value: "\"\(text)\"", "is not a time (expected forms like 2026-09-10T01:00:00Z, "
                                + "\\/Date(1789000000000)\\/, 20260910010000.000000+000 or 9/10/2026 1:00:00 AM)")
        }
        if fit != .unique { localTimeFits.append(fit) }
        return instant
    }

    /// The properties no accessor asked for, as a JSON object (nil when none); properties of the
    /// export's envelope (see ``envelopeProperties``) and WMI system properties (`__PATH`) are left out.
    func extraJSON(excluding excluded: Set<String> = []) -> String? {
        var members: [String: JSONValue] = [:]
        for (position, property) in properties.enumerated() where !used.contains(position) {
            let key = property.name.lowercased()
            if key.hasPrefix("__") || key.hasPrefix("@odata") || Self.envelopeProperties.contains(key) || excluded.contains(key) { continue }
            members[property.name] = property.value
        }
        return members.isEmpty ? nil : JSONValue.object(members).jsonText
    }
}
