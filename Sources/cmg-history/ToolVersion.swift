/// The version `cmg-history --version` prints; the README quotes it. Raised with each release.
enum ToolVersion {
    static let current = "0.12.0"
}
