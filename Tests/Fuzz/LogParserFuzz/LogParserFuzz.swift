// libFuzzer target for the log parser: any bytes must parse without a crash, and reading them in
// two chunks must give what reading them whole gives.
//
//   swift build -c debug -Xswiftc -sanitize=fuzzer,address --scratch-path .build-fuzz --product cmg-history-fuzz-logs
//   .build-fuzz/debug/cmg-history-fuzz-logs -max_total_time=60 -max_len=4096
//
// A plain build (no sanitizer) makes a replayer instead: it runs the same check over the files
// named on the command line (a crash corpus, say) and exits 0 when all pass.
import CMGHistory
import FuzzDriver
import Foundation

func check(_ bytes: [UInt8]) {
    let whole = LogParser.entries(in: bytes)
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % bytes.count
    let (streamed, left) = LogParser.entries(inChunks: [Array(bytes[..<split]), Array(bytes[split...])], isFinal: true)
    if left != 0 || streamed != whole {
        fatalError("chunked parse differs from whole parse (split at \(split))")
    }
    for entry in whole where entry.offset < 0 || entry.offset + entry.length > Int64(bytes.count) {
        fatalError("entry outside the input: offset \(entry.offset) length \(entry.length)")
    }
    _ = RequestStatisticsProbe.touch(whole)
}

/// Exercises the public parts that read message text, so the fuzzer reaches them too.
enum RequestStatisticsProbe {
    static func touch(_ entries: [LogEntry]) -> Int {
        entries.reduce(0) { $0 + $1.displayMessage.utf8.count }
    }
}

/// libFuzzer's entry point (its runtime references it; the driver below is handed it too).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    check(size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

let status = cmg_fuzz_run_driver(CommandLine.argc, CommandLine.unsafeArgv) { data, size in fuzzOneInput(data, size) }
if status == -1 {
    // Plain build: replay the files given.
    var failures = 0
    for path in CommandLine.arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("cmg-history-fuzz-logs: cannot read \(path)\n".utf8))
            failures += 1
            continue
        }
        check([UInt8](data))
    }
    print("replayed \(CommandLine.arguments.count - 1) inputs; build with -sanitize=fuzzer,address to fuzz")
    exit(failures == 0 ? 0 : 1)
}
exit(status)
