/// `SMS_AzureService` objects → a gateway's configuration, status, storage, alert thresholds,
/// reported 14-day egress and (from `ServiceCertificate`) server certificate, all at the export time.
///
/// Only `ServiceType` `CloudProxyService` rows are gateways; the others are cloud distribution
/// points and are counted as skipped. A row without `ServiceType` is taken as a gateway:
/// `Get-CMCloudManagementGateway` returns gateways only, and a `Select-Object` may leave it out.
enum AzureServiceMapper {
    static let gatewayServiceType = "CloudProxyService"

    static func map(_ rows: [ExportRow], _ context: ExportContext, into decoding: inout ExportDecoding) throws {
        for var row in rows {
            defer { decoding.noteLocalTimes(of: row) }
            decoding.droppedSecrets += row.droppedSecrets
            do {
                try map(&row, context, into: &decoding)
            } catch let problem as LineRejection {
                decoding.rejections.append((row.line, problem))
            }
        }
    }

    private static func map(_ row: inout ExportRow, _ context: ExportContext, into decoding: inout ExportDecoding) throws {
        if let type = try row.string("ServiceType"),
           type.caseInsensitiveCompare(gatewayServiceType) != .orderedSame {
            decoding.skippedNonGateways += 1
            return
        }
        guard let gateway = try row.name("ServiceCName") else {
            throw LineRejection(field: "ServiceCName", "is missing: it names the gateway (the CN of its server certificate)")
        }
        let at = try context.exportTime(of: &row, noting: &decoding)
        let line = row.line
        let percent: ClosedRange<Int64> = 0...100
        let notPercent = "is not a percentage from 0 to 100"

        // Read every property first, so that one bad value rejects the row before any record of it.
        let serviceID = try row.string("AzureServiceID")
        let site = try row.string("SiteCode")
        let region = try row.string("Region")
        let instances = try row.integer("NumberOfInstances")
        let state = try row.integer("State", in: Int64(Int32.min)...Int64(UInt32.max), "is not a state code")
        let details = try row.integer("StatusDetails", in: Int64(Int32.min)...Int64(UInt32.max), "is not a number")
        let vmSize = vmSize(&row)
        // A GB figure too precise to store drops that figure only (with its rejection), not the row.
        var fieldProblems: [LineRejection] = []
        let storageBytes = try row.gigabytes("StorageUsage", fieldProblems: &fieldProblems)
        let egressBytes = try row.gigabytes("TrafficOutUsage", fieldProblems: &fieldProblems)
        let alert = AlertConfig(
            gateway: gateway, at: at,
            egressThresholdBytes: try row.gigabytes("TrafficOutInGB", fieldProblems: &fieldProblems),
            egressWarningPct: try row.integer("TrafficWarningThreshold", in: percent, notPercent),
            egressCriticalPct: try row.integer("TrafficCriticalThreshold", in: percent, notPercent),
            stopOnCritical: try row.bool("TrafficOutStopService"),
            storageQuotaBytes: try row.gigabytes("StorageQuotaInGB", fieldProblems: &fieldProblems),
            storageWarningPct: try row.integer("StorageWarningThreshold", in: percent, notPercent),
            storageCriticalPct: try row.integer("StorageCriticalThreshold", in: percent, notPercent),
            extra: nil)
        let certificateText = try row.string("ServiceCertificate")
        var certificates: [ParsedCertificate] = []
        if let certificateText {
            guard let parsed = CertificateFile.parse(text: certificateText), !parsed.isEmpty else {
                // Not quoted: base64 that is no certificate may be key material (a PKCS #8 key begins
                // `MIIEvQIBADANBg…`), which no redaction rule can tell from a certificate's bytes.
                throw LineRejection(field: "ServiceCertificate", value: "(\(certificateText.utf8.count) bytes, not quoted)",
                                    "is not a certificate (base64 DER or PEM)")
            }
            certificates = parsed
        }

        // A stopped or deleted service may report 0 instances; the count is kept in extra then.
        var config = GatewayConfig(gateway: gateway, at: at, azureServiceID: serviceID, site: site, region: region,
                                   vmSize: vmSize, instances: instances.flatMap { (1...16).contains($0) ? $0 : nil })
        var unusual: Set<String> = []
        if let instances, !(1...16).contains(instances) { unusual.insert("numberofinstances") }
        config.extra = row.extraJSON(excluding: Set(ExportContext.exportTimeFields.map { $0.lowercased() }).subtracting(unusual))
        if !unusual.isEmpty, let instances {
            config.extra = Self.merging(config.extra, "NumberOfInstances", String(instances))
        }
        decoding.append(.gateway(config), line: line)
        if let state {
            let known = GatewayState(rawValue: state)
            decoding.append(.status(StatusSnapshot(
                gateway: gateway, at: at, stateCode: state, state: known?.text ?? "State \(state)", description: "",
                extra: details.map { #"{"StatusDetails":\#($0)}"# })), line: line)
        }
        for problem in fieldProblems { decoding.rejections.append((line, problem)) }
        if let storageBytes {
            decoding.append(.storage(StorageSample(gateway: gateway, at: at, usedBytes: storageBytes)), line: line)
        }
        if [alert.egressThresholdBytes, alert.egressWarningPct, alert.egressCriticalPct, alert.storageQuotaBytes,
            alert.storageWarningPct, alert.storageCriticalPct].contains(where: { $0 != nil }) || alert.stopOnCritical != nil {
            decoding.append(.alertConfig(alert), line: line)
        }
        if let egressBytes {
            decoding.append(.reportedEgress(ReportedEgressSample(gateway: gateway, at: at, lastFourteenDaysBytes: egressBytes)), line: line)
        }
        for certificate in certificates where !certificate.isCertificateAuthority {
            decoding.append(.credential(certificate.credential(gateway: gateway, kind: .serverCertificate)), line: line)
        }
    }

    /// The VM size from the first property that holds one. `SMS_AzureService` has none today,
    /// but the admin service, a later ConfigMgr or an admin's `Select-Object` may add it under
    /// any of these names, then under any name that looks like one (``isVMSizeName(_:)``),
    /// compared without regard to case; the property is also kept as written in the raw JSON.
    static let vmSizeProperties = ["VMSize", "VirtualMachineSize", "VMSku", "VirtualMachineSku", "RoleSize", "InstanceSize", "Sku", "SkuName"]

    /// A name such as `AzureVmSize`, `RoleSku` or `VMSkuName`: it has `sku`, or ends in a kind of size.
    static func isVMSizeName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.contains("sku") || ["vmsize", "rolesize", "machinesize", "instancesize"].contains { lower.hasSuffix($0) }
    }

    /// A value that is no VM size (a `Sku` of `Standard` names a tier, an object, bytes that
    /// are not text) is passed over, not an error: the property is kept in the raw JSON anyway.
    private static func vmSize(_ row: inout ExportRow) -> String? {
        let others = row.propertyNames.filter { name in
            isVMSizeName(name) && !vmSizeProperties.contains { $0.caseInsensitiveCompare(name) == .orderedSame }
        }
        for name in vmSizeProperties + others where row.has(name) {
            if let size = (try? row.peekString(name))?.flatMap(VMSizeName.canonical) { return size }
        }
        return nil
    }

    /// `extra` with one more member.
    private static func merging(_ extra: String?, _ key: String, _ rawValue: String) -> String {
        let member = Fields.jsonString(key) + ":" + rawValue
        guard let extra, extra.count > 2 else { return "{" + member + "}" }
        return String(extra.dropLast()) + "," + member + "}"
    }
}
