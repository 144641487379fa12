/// Where and when a report was made; left out of reproducible output.
public struct ReportProvenance: Sendable, Equatable, Codable {
    public var database: String
    public var generatedAt: String
    /// The command's arguments, secrets redacted; nil when not known.
    public var arguments: String?

    public init(database: String, generatedAt: String, arguments: String? = nil) {
        self.database = database
        self.generatedAt = generatedAt
        self.arguments = arguments
    }

    /// `Made 2026-11-29T18:00:00Z from cmg.sqlite (report capacity --month 2026-10).`
    public var sentence: String {
        "Made \(generatedAt) from \(database)" + (arguments.map { " with: \($0)" } ?? "") + "."
    }
}
