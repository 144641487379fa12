/// `vProxy_Connectors` rows → connection point observations at the export time.
enum ProxyConnectorMapper {
    static func map(_ rows: [ExportRow], _ context: ExportContext, into decoding: inout ExportDecoding) throws {
        for var row in rows {
            defer { decoding.noteLocalTimes(of: row) }
            decoding.droppedSecrets += row.droppedSecrets
            do {
                guard let server = try row.name("ServerName") else {
                    throw LineRejection(field: "ServerName", "is missing: it names the connection point")
                }
                guard let gateway = try row.name("ProxyServiceName") ?? context.options.gateway else {
                    throw LineRejection(field: "ProxyServiceName", "is missing: it names the gateway (or give --gateway)")
                }
                let status = try row.requiredInteger("ConnectionStatus", in: 0...2,
                                                     "is not a connection point status (0 offline, 1 partially online, 2 online)")
                let at = try context.exportTime(of: &row, noting: &decoding)
                decoding.append(.connectionPoint(ConnectionPointStatus(gateway: gateway, server: server, at: at, status: status)), line: row.line)
            } catch let problem as LineRejection {
                decoding.rejections.append((row.line, problem))
            }
        }
    }
}

/// `BGB_Statistics` rows → online-client samples: the gateway's count (`CMGOnlineClients`) as the
/// metric, and the internet/intranet split beside it.
///
/// The rows name no gateway: they belong to `--gateway`, else to the only stored gateway; with
/// several stored and no `--gateway` the import stops, since guessing would misfile them.
/// `TimeStamp` is a SQL Server `datetime` without a zone: it is read in `--source-tz`.
enum BGBStatisticsMapper {
    static func map(_ rows: [ExportRow], _ context: ExportContext, into decoding: inout ExportDecoding) throws {
        let gateway = try Self.gateway(context)
        decoding.notes.append("TimeStamp values carry no zone; read as \(context.options.sourceTimeZone.identifier) (--source-tz)")
        var firstRow = RowsByInstant()
        for var row in rows {
            defer { decoding.noteLocalTimes(of: row) }
            decoding.droppedSecrets += row.droppedSecrets
            do throws(LineRejection) {
                guard let at = try row.time("TimeStamp", zone: context.options.sourceTimeZone) else {
                    throw LineRejection(field: "TimeStamp", "is missing")
                }
                let text = try row.string("TimeStamp") ?? ""
                if let earlier = firstRow.clash(at: at, text: text, line: row.line, nearDSTChange: !row.localTimeFits.isEmpty) {
                    decoding.conflicts.append((row.line, ConflictProblem([
                        "TimeStamp \"\(text)\" and line \(earlier.line)'s \"\(earlier.text)\" are both \(Timestamp.format(at)) in "
                        + "\(context.options.sourceTimeZone.identifier), where a DST change skips or repeats an hour",
                    ], other: "line \(earlier.line)", kept: "line \(earlier.line)")))
                    continue
                }
                let cmg = try row.integer("CMGOnlineClients")
                let internet = try row.integer("InternetOnlineClients")
                let intranet = try row.integer("IntranetOnlineClients")
                guard cmg != nil || internet != nil || intranet != nil else {
                    throw LineRejection(field: "CMGOnlineClients", "is missing, and so are InternetOnlineClients and IntranetOnlineClients")
                }
                if let cmg { decoding.append(.onlineClients(OnlineClientsSample(gateway: gateway, at: at, count: cmg)), line: row.line) }
                if internet != nil || intranet != nil {
                    decoding.append(.onlineClientsByNetwork(OnlineClientsByNetwork(
                        gateway: gateway, at: at, internetCount: internet, intranetCount: intranet)), line: row.line)
                }
            } catch {
                decoding.rejections.append((row.line, error))
            }
        }
    }

    /// The first row read at each instant, to find two local times that a DST change made one.
    ///
    /// Such rows are two real samples, and storing one as a duplicate of the other would drop
    /// one silently: they are a conflict. Rows at one instant away from a DST change are left
    /// to the store, which tells a duplicate from a conflict by their values.
    struct RowsByInstant {
        private var first: [UnixSeconds: (line: Int, text: String, nearDSTChange: Bool)] = [:]

        /// The earlier row at `at`, when it or this one was read near a DST change; else nil,
        /// and this row is remembered.
        mutating func clash(at: UnixSeconds, text: String, line: Int, nearDSTChange: Bool) -> (line: Int, text: String)? {
            if let earlier = first[at] {
                return earlier.nearDSTChange || nearDSTChange ? (earlier.line, earlier.text) : nil
            }
            first[at] = (line, text, nearDSTChange)
            return nil
        }
    }

    private static func gateway(_ context: ExportContext) throws(ImportError) -> String {
        if let gateway = context.options.gateway { return gateway }
        if context.knownGateways.count == 1 { return context.knownGateways[0] }
        throw ImportError.gatewayNeeded(file: context.file, reason: "BGB_Statistics rows name no gateway", known: context.knownGateways)
    }
}

/// A certificate file → credential records: the first certificate that is not a CA is the
/// gateway's server certificate; CA certificates (a chain's intermediates and root) are
/// trusted root certificates.
///
/// The gateway is `--gateway`, else the stored gateway the server certificate names (its CN or
/// a DNS name), else its CN (a gateway is named by its server certificate's CN), else the only
/// stored gateway.
enum CertificateMapper {
    static func map(_ contents: CertificateFile.Contents, _ context: ExportContext, into decoding: inout ExportDecoding) throws {
        decoding.droppedSecrets += contents.privateKeysDropped
        let server = contents.certificates.first { !$0.certificate.isCertificateAuthority }?.certificate
        let gateway = try Self.gateway(server: server, context)
        var sawServer = false
        for (line, certificate) in contents.certificates {
            let isServer = !certificate.isCertificateAuthority && !sawServer
            sawServer = sawServer || isServer
            let kind: CredentialKind = certificate.isCertificateAuthority ? .trustedRootCertificate : isServer ? .serverCertificate : .clientCertificate
            decoding.append(.credential(certificate.credential(gateway: gateway, kind: kind)), line: line)
        }
    }

    private static func gateway(server: ParsedCertificate?, _ context: ExportContext) throws(ImportError) -> String {
        if let gateway = context.options.gateway { return gateway }
        if let server {
            let names = ([server.commonName].compactMap { $0 } + server.subjectAlternativeNames.compactMap {
                $0.hasPrefix("DNS:") ? String($0.dropFirst(4)) : nil
            }).map { $0.lowercased() }
            if let known = context.knownGateways.first(where: { names.contains($0.lowercased()) }) { return known }
            if let cn = server.commonName, !cn.contains("*"), !cn.isEmpty, cn.utf8.count <= ValueLimits.maximumNameBytes { return cn }
        }
        if context.knownGateways.count == 1 { return context.knownGateways[0] }
        throw ImportError.gatewayNeeded(file: context.file, reason: server == nil
            ? "the file holds only CA certificates, which name no gateway"
            : "the server certificate's CN is a wildcard and matches no stored gateway", known: context.knownGateways)
    }
}
