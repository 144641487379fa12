// libFuzzer target for the NDJSON v1 decoder: any line must decode or be rejected with a
// message, never trap, and decoding must not depend on what was decoded before.
//
//   swift build -c debug -Xswiftc -sanitize=fuzzer,address --scratch-path .build-fuzz --product cmg-history-fuzz-ndjson
//   .build-fuzz/debug/cmg-history-fuzz-ndjson fuzz-corpus-ndjson -max_total_time=600 -max_len=4096
import CMGHistory
import FuzzSupport

runFuzzTarget("cmg-history-fuzz-ndjson") { bytes in
    // The importer splits on newlines; each piece is a line of its own.
    for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
        let outcome = FuzzEntryPoints.ndjsonLine(Array(line))
        guard outcome.records.count + outcome.messages.count == 1 else {
            fuzzFailure("a line gave \(outcome.records.count) records and \(outcome.messages.count) messages")
        }
        if let message = outcome.messages.first, message.isEmpty { fuzzFailure("a rejection without a reason") }
        let again = FuzzEntryPoints.ndjsonLine(Array(line))
        guard again.records == outcome.records, again.messages == outcome.messages else {
            fuzzFailure("decoding the same line twice gave different results")
        }
    }
}
