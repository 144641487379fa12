// libFuzzer target for the log parser: any bytes must parse without a crash, and reading them in
// two chunks must give what reading them whole gives.
//
//   swift build -c debug -Xswiftc -sanitize=fuzzer,address --scratch-path .build-fuzz --product cmg-history-fuzz-logs
//   .build-fuzz/debug/cmg-history-fuzz-logs -max_total_time=60 -max_len=4096
//
// A plain build (no sanitizer) makes a replayer instead: it runs the same check over the files
// (or corpus folders) named on the command line and exits 0 when all pass.
import CMGHistory
import FuzzSupport

runFuzzTarget("cmg-history-fuzz-logs") { bytes in
    let whole = LogParser.entries(in: bytes)
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % bytes.count
    let (streamed, left) = LogParser.entries(inChunks: [Array(bytes[..<split]), Array(bytes[split...])], isFinal: true)
    if left != 0 || streamed != whole {
        fuzzFailure("chunked parse differs from whole parse (split at \(split))")
    }
    for entry in whole where entry.offset < 0 || entry.offset + entry.length > Int64(bytes.count) {
        fuzzFailure("entry outside the input: offset \(entry.offset) length \(entry.length)")
    }
    // The parts that read message text, so the fuzzer reaches them too.
    _ = whole.reduce(0) { $0 + $1.displayMessage.utf8.count }
}
