// libFuzzer target for the certificate reader (PEM, DER, chains; PKCS#12 refused): any bytes
// must give credentials or a message, never trap.
//
//   swift build -c debug -Xswiftc -sanitize=fuzzer,address --scratch-path .build-fuzz --product cmg-history-fuzz-certificates
//   .build-fuzz/debug/cmg-history-fuzz-certificates fuzz-corpus-certificates -max_total_time=600 -max_len=8192
import CMGHistory
import FuzzSupport

runFuzzTarget("cmg-history-fuzz-certificates") { bytes in
    for name in ["fuzz.cer", "fuzz.pem"] {
        let outcome = FuzzEntryPoints.exportFile(bytes, format: .certificate, fileName: name)
        for message in outcome.messages where message.isEmpty { fuzzFailure("an error without a message") }
    }
}
