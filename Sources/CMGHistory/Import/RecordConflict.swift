/// Why one record was not stored although its key was new to nothing: another record with the
/// same key (gateway and instant, operation identity, …) holds other values.
///
/// A conflict is not a duplicate: two sources disagree about one fact, and an admin has to know.
/// The record already stored (or the earlier line of the same file) is kept, so a re-import in
/// any order never changes what a report says.
public struct ConflictProblem: Error, Sendable, Equatable, Codable {
    /// Each value that differs: `state: stored "Ready", here "Error"`.
    public var differences: [String]
    /// What the record clashed with: `the stored record`, or `line 3` of the same file.
    public var other: String
    /// What was kept instead of the record: `the stored one`, or `line 3`.
    public var kept: String

    init(_ differences: [String]) {
        self.init(differences, other: "the stored record", kept: "the stored one")
    }

    init(_ differences: [String], other: String, kept: String) {
        self.differences = differences
        self.other = other
        self.kept = kept
    }

    /// `conflicts with the stored record (state: stored "Ready", here "Error"): kept the stored one`.
    public var message: String {
        "conflicts with \(other) (\(differences.joined(separator: "; "))): kept \(kept)"
    }
}

/// A record that conflicts with another, where it is and what differs.
public struct Conflict: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The file (or source) it came from.
    public var file: String
    /// The 1-based line in that file.
    public var line: Int
    /// What disagrees with the stored record.
    public var problem: ConflictProblem

    /// `FILE:LINE: conflicts with …`, the form rejections take.
    public var description: String { "\(SecretText.fileName(file)):\(line): \(problem.message)" }
}
