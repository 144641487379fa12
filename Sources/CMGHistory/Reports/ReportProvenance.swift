/// Where and when a report was made; left out of reproducible output.
public struct ReportProvenance: Sendable, Equatable, Codable {
    public var database: String
    public var generatedAt: String

    public init(database: String, generatedAt: String) {
        self.database = database
        self.generatedAt = generatedAt
    }
}
