/// One exported object or CSV row: its properties by name (compared without regard to case,
/// as PowerShell does), with typed accessors whose failures name the property and its value.
///
/// Properties whose name says they hold a secret are dropped when the row is made, at every
/// depth, and secret-looking strings redacted (``JSONValue/withoutSecrets(dropped:redacted:)``), so
/// no accessor, no error message and no raw `extra` JSON can ever see them; ``droppedSecrets`` and
/// ``redactedValues`` count them.
struct ExportRow {
    /// The line the object or row starts on.
    let line: Int
    private var properties: [(name: String, value: JSONValue)] = []
    private var index: [String: Int] = [:]
    private var used = Set<Int>()
    private(set) var droppedSecrets = 0
    /// Times without a zone read so far that fell in a DST change's repeated or skipped hour.
    private(set) var localTimeFits: [SourceTimeZone.LocalTimeFit] = []
    /// Properties whose time carried no zone and was read as UTC by contract, not in `--source-tz`.
    private(set) var utcByContractFields: Set<String> = []
    private(set) var redactedValues = 0

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
                // A secret pair's Value was dropped and counted already, when the `Properties`
                // array itself was added (``JSONValue/withoutSecrets(dropped:redacted:)``).
                if case .string(let name)? = property["Name"], !SecretFieldPolicy.isSecret(fieldName: name) {
                    add(name, property["Value"] ?? .null)
                }
            }
        }
    }

    /// Adds a property unless one of that name is there already; drops secret-bearing ones.
    private mutating func add(_ name: String, _ value: JSONValue) {
        if SecretFieldPolicy.dropsMember(named: name) {
            if !value.isEmpty { droppedSecrets += 1 }
            return
        }
        let key = name.lowercased()
        guard index[key] == nil else { return }
        index[key] = properties.count
        properties.append((name, value.withoutSecrets(dropped: &droppedSecrets, redacted: &redactedValues)))
    }

    // MARK: - Accessors

    /// The properties' names as written, in the row's order.
    var propertyNames: [String] { properties.map(\.name) }

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

    /// As ``string(_:)``, but the property stays in ``extraJSON(excluding:)``: its raw form is kept.
    mutating func peekString(_ name: String) throws(LineRejection) -> String? {
        let position = index[name.lowercased()]
        let wasUsed = position.map { used.contains($0) } ?? true
        defer { if !wasUsed, let position { used.remove(position) } }
        return try string(name)
    }

    /// The property as a name (the gateway's `ServiceCName`, a server): text of at most
    /// ``ValueLimits/maximumNameBytes``, or nil when absent or empty.
    mutating func name(_ name: String) throws(LineRejection) -> String? {
        guard let value = try string(name) else { return nil }
        guard value.utf8.count <= ValueLimits.maximumNameBytes else { throw LineRejection.tooLong(field: name, value: value) }
        return value
    }

    /// The property as an integer from 0 to `limit` (by default a sample's limit); CSV writes
    /// numbers as text, so `"2"` reads as 2.
    mutating func integer(_ name: String, limit: Int64 = ValueLimits.maximumSampleValue) throws(LineRejection) -> Int64? {
        guard let value = try anyInteger(name, limit: limit) else { return nil }
        guard value.number >= 0 else { throw LineRejection(field: name, value: value.text, "is not a non-negative integer") }
        guard value.number <= limit else { throw LineRejection.outOfRange(field: name, value: value.text, limit: limit) }
        return value.number
    }

    /// The property as an integer in a range that has a meaning (a percentage, a state code),
    /// rejected with `reason` outside it.
    mutating func integer(_ name: String, in range: ClosedRange<Int64>, _ reason: String) throws(LineRejection) -> Int64? {
        guard let value = try anyInteger(name, limit: range.upperBound) else { return nil }
        guard range.contains(value.number) else { throw LineRejection(field: name, value: value.text, reason) }
        return value.number
    }

    mutating func requiredInteger(_ name: String, in range: ClosedRange<Int64>, _ reason: String) throws(LineRejection) -> Int64 {
        guard let value = try integer(name, in: range, reason) else { throw LineRejection(field: name, "is missing") }
        return value
    }

    /// Any whole number that fits an `Int64`, with its text for messages; a whole number that
    /// does not fit (`1e400`, twenty digits) is out of range of `limit`, anything else is not an integer.
    private mutating func anyInteger(_ name: String, limit: Int64) throws(LineRejection) -> (number: Int64, text: String)? {
        let raw: String
        switch take(name) {
        case nil: return nil
        case .integer(let i)?: return (i, String(i))
        case .number(let d)? where d == d.rounded():
            // Int64(exactly:) is nil beyond 64 bits (1e300), where Int64(_:) would trap.
            guard let whole = Int64(exactly: d) else {
                throw LineRejection.outOfRange(field: name, value: JSONValue.number(d).jsonText, limit: limit)
            }
            return (whole, JSONValue.number(d).jsonText)
        case .unrepresentableNumber(let text)?:
            throw LineRejection.outOfRange(field: name, value: text, limit: limit)
        case .string(let s)?: raw = s.trimmingSpaces
        case let other?: throw LineRejection(field: name, value: other.jsonText, "is not an integer")
        }
        if let value = Int64(raw) { return (value, raw) }
        let digits = raw.first == "-" || raw.first == "+" ? raw.dropFirst() : Substring(raw)
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw LineRejection.outOfRange(field: name, value: raw, limit: limit)
        }
        throw LineRejection(field: name, value: "\"\(raw)\"", "is not an integer")
    }

    /// The property as a GB figure in bytes (``GigabyteDecimal``): `2`, `1.27`, `"1,27"`, `31.4`.
    ///
    /// A value with more than 9 decimal places refuses only this property: its rejection is
    /// added to `fieldProblems` and nil returned, so the row's other records are kept. A value
    /// out of range, negative or not a number rejects the row, as every other property does.
    mutating func gigabytes(_ name: String, fieldProblems: inout [LineRejection]) throws(LineRejection) -> Int64? {
        let text: String
        var quoted = false
        switch take(name) {
        case nil: return nil
        case .integer(let i)?: text = String(i)
        // The shortest text that reads back as the same double: the digits the writer wrote,
        // for any number of up to 15 significant digits (`31.4`, not 31.399999999999999).
        case .number(let d)?: text = d.isFinite ? String(d) : "null"
        case .unrepresentableNumber(let t)?: throw LineRejection.outOfRange(field: name, value: t, limit: ValueLimits.maximumGigabytes)
        case .string(let s)?:
            text = s.trimmingSpaces
            quoted = true
        case let other?: throw LineRejection(field: name, value: other.jsonText, "is not a number of GB (like 1.27)")
        }
        let reading = GigabyteDecimal.read(text)
        if case .bytes(let bytes) = reading { return bytes }
        // Out of range quotes the number as integers are quoted (`value 99999999999999999999`).
        let shown = quoted && reading != .outOfRange ? "\"\(text)\"" : Self.numberText(text)
        guard let problem = GigabyteDecimal.rejection(reading, field: name, value: shown) else { return nil }
        guard reading == .tooPrecise else { throw problem }
        fieldProblems.append(problem)
        return nil
    }

    /// A number as messages quote it: `1e+16` as the integer it is, like ``anyInteger``.
    private static func numberText(_ text: String) -> String {
        if let d = Double(text), abs(d) < 1e17, let whole = Int64(exactly: d) { return String(whole) }
        return text
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
    /// without a zone is read in `zone`, unless the property is UTC by contract
    /// (``UTCByContract``), whose zoneless times are UTC whatever `zone` is.
    /// A time outside ``ValueLimits/instantRange`` is out of range, unless it is before
    /// `noneBefore`, which stands for none (nil).
    mutating func time(_ name: String, zone: SourceTimeZone, noneBefore: UnixSeconds? = nil) throws(LineRejection) -> UnixSeconds? {
        unwrapPowerShellDate(name)
        guard let text = try string(name) else { return nil }
        let byContract = UTCByContract.covers(property: name)
        if byContract, zone != .utc, PowerShellTime.carriesNoZone(text) { utcByContractFields.insert(name) }
        guard let (instant, fit) = PowerShellTime.resolve(text, zone: byContract ? .utc : zone) else {
            if PowerShellTime.isLeapSecond(text) { throw LineRejection(field: name, value: "\"\(text)\"", RFC3339.leapSecondReason) }
            throw LineRejection(field: name, value: "\"\(text)\"", "is not a time (expected forms like 2026-09-10T01:00:00Z, "
                                + "\\/Date(1789000000000)\\/, 20260910010000.000000+000 or 9/10/2026 1:00:00 AM)")
        }
        if let noneBefore, instant < noneBefore { return nil }
        guard ValueLimits.isStorable(instant) else { throw ValueLimits.instantOutOfRange(field: name, value: "\"\(text)\"") }
        if fit != .unique { localTimeFits.append(fit) }
        return instant
    }

    /// Windows PowerShell 5.1 writes a date that carries note properties (the output of `Get-Date`)
    /// as `{"value":"\/Date(ms)\/","DisplayHint":2,"DateTime":"Sunday, October 25, 2026 …"}`:
    /// its `value` is the date, the rest is display text.
    private mutating func unwrapPowerShellDate(_ name: String) {
        guard let position = index[name.lowercased()], case .object(let members) = properties[position].value,
              members.keys.contains(where: { $0.lowercased() == "displayhint" }),
              let value = members.first(where: { $0.key.lowercased() == "value" })?.value, case .string = value
        else { return }
        properties[position].value = value
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
