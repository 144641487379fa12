import Foundation

/// How a name a source uses finds its gateway: the rule every importer, report and command shares.
///
/// A name is, in order: a gateway's name, one of its aliases (`gateway_alias`), its
/// `AzureServiceID`. Failing those, a short name (no dot, as log file names write it) stands for
/// the one gateway whose name's first DNS label it is (`GraniteFalls` → `GraniteFalls.contoso.com`);
/// when two gateways share that label the name is ambiguous and stands for neither.
/// Names compare without regard to case, as DNS names do, and a trailing dot (`contoso.com.`) is
/// the same name.
enum GatewayNames {
    enum Resolution: Equatable {
        /// The gateway's name, alias or AzureServiceID.
        case known(id: Int64)
        /// The first DNS label of exactly one gateway's name.
        case shortName(id: Int64)
        /// The first DNS label of several gateways' names (the first two, sorted).
        case ambiguous([String])
        case unknown
    }

    /// `name` as sources may spell the same DNS name: surrounding spaces and a final dot removed,
    /// and a secret-looking value in it redacted. Every name a gateway is stored, aliased or looked
    /// up by passes here, so a secret pasted where a name goes (`gateway rename G password=…`) is
    /// never stored, and the same text typed again still finds the redacted name.
    static func normalized(_ name: String) -> String {
        var text = Substring(name).drop { $0 == " " || $0 == "\t" }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        if text.count > 1, text.last == "." { text = text.dropLast() }
        // Blank is no spelling of a name: left as it came, for the importer to refuse.
        return text.isEmpty ? name : SecretText.redacted(String(text))
    }

    /// Whether `name` is a single DNS label, as log file names and console short names write one.
    static func isShortName(_ name: String) -> Bool {
        !name.contains(".")
    }

    /// The first DNS label of a full name (`GraniteFalls.contoso.com` → `GraniteFalls`), or nil
    /// for a short name.
    static func firstLabel(of name: String) -> String? {
        guard let dot = name.firstIndex(of: "."), dot > name.startIndex else { return nil }
        return String(name[..<dot])
    }

    /// Refuses a name no gateway or alias may take (`gateway rename`, `gateway alias`): empty,
    /// longer than the schema allows, or holding control characters.
    static func checkNewName(_ name: String) throws {
        if name.isEmpty { throw GatewayError.invalidName(name, reason: "it is empty") }
        if name.utf8.count > ValueLimits.maximumNameBytes {
            throw GatewayError.invalidName(String(name.prefix(40)) + "…", reason: "it is longer than \(ValueLimits.maximumNameBytes) bytes")
        }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw GatewayError.invalidName(name.debugDescription, reason: "it holds control characters")
        }
    }
}
