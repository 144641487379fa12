import CMGHistory

extension ReportError {
    /// The error as the command line says it: with the flags that held the values.
    ///
    /// The library's errors carry the values (a library user typed no flags); only the CLI knows
    /// that `from` came from `--from`.
    var commandLineMessage: String {
        switch self {
        case let .emptyPeriod(from, to): "the period is empty: --from \(from) is not before --to \(to)"
        default: description
        }
    }
}
