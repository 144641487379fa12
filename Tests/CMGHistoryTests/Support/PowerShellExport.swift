import Foundation

/// Export files shaped as Windows PowerShell 5.1 writes them: `ConvertTo-Json | Out-File` is
/// UTF-16LE with a BOM and CRLF line ends, dates are `"\/Date(ms)\/"`, and properties are
/// indented by four spaces with two after the colon.
enum PowerShellExport {
    /// One `SMS_AzureService` object per dictionary, properties written in the order given;
    /// each value is JSON text as ConvertTo-Json writes it (`2`, `"PS1"`, `false`, `31.4`).
    static func azureServiceJSON(_ objects: [[(String, String)]]) -> Data {
        let body = objects.map { object in
            "    {\r\n" + object.map { "        \"\($0.0)\":  \($0.1)" }.joined(separator: ",\r\n") + "\r\n    }"
        }.joined(separator: ",\r\n")
        return utf16LE("[\r\n" + body + "\r\n]\r\n")
    }

    /// `"\/Date(ms)\/"` for a Unix instant, as ConvertTo-Json writes a [DateTime].
    static func date(_ at: Int64) -> String { "\"\\/Date(\(at * 1000))\\/\"" }

    /// A gateway's `Get-CMCloudManagementGateway` object as exported at `at`: no VM size (the
    /// class has none), `extra` properties added or replacing the defaults.
    static func gateway(at: Int64, instances: Int = 2, _ extra: [(String, String)] = []) -> [(String, String)] {
        var properties: [(String, String)] = [
            ("AzureServiceID", "16777217"), ("Name", "\"GraniteFalls\""), ("ServiceCName", "\"GraniteFalls.contoso.com\""),
            ("ServiceType", "\"CloudProxyService\""), ("SiteCode", "\"PS1\""), ("Region", "\"WestUS\""), ("State", "0"),
            ("NumberOfInstances", String(instances)), ("StorageUsage", "1"), ("StorageQuotaInGB", "2"),
            ("TrafficOutInGB", "10000"), ("TrafficOutUsage", "1834"), ("TrafficOutStopService", "false"),
            ("ExportedAt", date(at)),
        ]
        for (name, value) in extra {
            if let index = properties.firstIndex(where: { $0.0 == name }) { properties[index].1 = value } else { properties.append((name, value)) }
        }
        return properties
    }

    static func utf16LE(_ text: String) -> Data {
        var data = Data([0xFF, 0xFE])
        for unit in text.utf16 { data.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        return data
    }
}

extension TemporaryFolder {
    /// Writes `data` to a file in the folder and returns its path.
    func write(_ name: String, data: Data) throws -> String {
        let file = path(name)
        try data.write(to: URL(fileURLWithPath: file))
        return file
    }
}
