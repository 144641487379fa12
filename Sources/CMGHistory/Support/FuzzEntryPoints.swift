/// The readers, callable without a database, for the libFuzzer targets in `Tests/Fuzz/`.
///
/// Package access: not part of the library's API, but the fuzz targets in this package, built
/// without `-enable-testing`, still reach the same code an import runs.
package enum FuzzEntryPoints {
    /// What one reader made of its input.
    package struct Outcome: Sendable {
        /// Records decoded, as the text an import would store (`String(describing:)`).
        package var records: [String] = []
        /// Rejections and errors, as their messages.
        package var messages: [String] = []
    }

    /// Decodes `line` (one NDJSON line, without its newline) as the NDJSON importer does.
    package static func ndjsonLine(_ line: [UInt8]) -> Outcome {
        var outcome = Outcome()
        var decoder = NDJSONRecordDecoder()
        line.withUnsafeBufferPointer { bytes in
            do throws(LineRejection) {
                outcome.records.append(String(describing: try decoder.decode(bytes)))
            } catch {
                outcome.messages.append(error.message)
            }
        }
        return outcome
    }

    /// Reads `bytes` as an export file in `format`, or in the format sniffed from the content.
    package static func exportFile(_ bytes: [UInt8], format: ExportFormat?, fileName: String = "fuzz.input") -> Outcome {
        var outcome = Outcome()
        guard let format = format ?? ExportFormatSniffer.sniff(bytes, fileName: fileName), format != .ndjson else {
            return outcome
        }
        let context = ExportContext(file: fileName, options: ExportImportOptions(format: format),
                                    fileModifiedAt: 1_790_000_000, knownGateways: ["GraniteFalls.contoso.com"])
        do {
            let decoding = try ExportImporter.decode(bytes, as: format, context)
            outcome.records = decoding.records.map { String(describing: $0) }
            outcome.messages = decoding.rejections.map { "\(fileName):\($0.0): \($0.1.message)" }
        } catch {
            outcome.messages.append(String(describing: error))
        }
        return outcome
    }
}
