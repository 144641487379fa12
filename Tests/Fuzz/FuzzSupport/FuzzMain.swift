// The shared main of the libFuzzer targets: under `-sanitize=fuzzer` it hands `check` to
// libFuzzer's driver; in a plain build it replays the files named on the command line, so a
// crash input found here can be run again under a debugger or in CI.
import FuzzDriver
import Foundation

/// The check of the running target. libFuzzer calls back through a C function pointer, which
/// cannot capture, so the check lives here; it is set once, before the driver starts.
nonisolated(unsafe) private var currentCheck: ([UInt8]) -> Void = { _ in }

/// libFuzzer's entry point: its runtime references the symbol, and the driver is handed it too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    currentCheck(size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// Runs `check` over libFuzzer's inputs, or over the files named in the arguments; never returns.
public func runFuzzTarget(_ name: String, check: @escaping ([UInt8]) -> Void) -> Never {
    currentCheck = check
    let status = cmg_fuzz_run_driver(CommandLine.argc, CommandLine.unsafeArgv) { data, size in fuzzOneInput(data, size) }
    guard status == -1 else { exit(status) }
    var failures = 0
    var replayed = 0
    for path in CommandLine.arguments.dropFirst() {
        for file in files(at: path) {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("\(name): cannot read \(file)\n".utf8))
                failures += 1
                continue
            }
            check([UInt8](data))
            replayed += 1
        }
    }
    print("\(name): replayed \(replayed) inputs; build with -sanitize=fuzzer,address to fuzz")
    exit(failures == 0 ? 0 : 1)
}

/// The file itself, or the regular files directly inside a folder (a corpus), in name order.
private func files(at path: String) -> [String] {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.sorted().map { path + "/" + $0 }
}

/// Stops the target with a message libFuzzer records beside the crashing input.
public func fuzzFailure(_ message: String) -> Never {
    fatalError(message)
}
