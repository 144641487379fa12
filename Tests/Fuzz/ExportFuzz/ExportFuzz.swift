// libFuzzer target for the ConfigMgr export readers: UTF-8/UTF-16 detection, PowerShell JSON,
// Export-Csv and the four mappers. Any bytes must be read or refused with a message, never trap.
// The first byte picks the format, so each mapper sees every kind of text; the rest is the file.
//
//   swift build -c debug -Xswiftc -sanitize=fuzzer,address --scratch-path .build-fuzz --product cmg-history-fuzz-exports
//   .build-fuzz/debug/cmg-history-fuzz-exports fuzz-corpus-exports -max_total_time=600 -max_len=8192
import CMGHistory
import FuzzSupport

let formats: [ExportFormat?] = [nil, .azureService, .azureServicesTask, .proxyConnectors, .bgbStatistics]

runFuzzTarget("cmg-history-fuzz-exports") { bytes in
    guard let first = bytes.first else { return }
    let format = formats[Int(first) % formats.count]
    let outcome = FuzzEntryPoints.exportFile(Array(bytes.dropFirst()), format: format)
    for message in outcome.messages where message.isEmpty { fuzzFailure("an error without a message") }
}
