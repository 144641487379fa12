import CMGHistory
import Foundation

/// Writes a large server-format log shaped like the site server's CloudMgr.log and
/// SMS_Cloud_ProxyConnector.log together (the message shapes of `shared/samples/real-logs`):
/// `message  $$<COMPONENT><MM-DD-YYYY HH:MM:SS.fff+B><thread=N (0xHEX)>`, messages of 60 bytes
/// to 2 KB (forwarded requests, web exceptions with their stack, Azure deployment failures
/// with `~~` for line breaks), about one entry in six matched by a default rule, CRLF line
/// ends, bias +0. As in the real logs, a request's message ID recurs on the few lines about
/// it, a client's certificate thumbprint whenever that client comes back (2,000 clients), and
/// a gateway's subscription on every deployment line. Deterministic for a seed; no clock is read.
struct SiteServerLogGenerator {
    var rng: SplitMix64
    private var messageID = ""

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    static let gateways = ["GraniteFalls", "CedarRapids", "BlueRidge"]
    static let endpoints = ["SMS_MP/.sms_aut?MPLIST2&CM1", "SMS_MP/.sms_aut?SITESIGNCERT", "CCM_STS", "SMS_MP/.sms_pol?DC1",
                            "SMS_DP_SMSPKG$/Content_5a1f9e0c-7c3e-4a26-9f1b-2d2c1d7e3b40.1/sccm?/x64/ccmsetup.msi"]
    static let stack = "~~   at System.Net.HttpWebRequest.EndGetResponse(IAsyncResult asyncResult)"
        + "~~   at Microsoft.ConfigurationManager.CloudConnection.ProxyConnector.ConnectionBase.InternalResponseCallBack(IAsyncResult asynchronousResult)"
    static let deploymentFailure = "Azure.RequestFailedException, At least one resource deployment operation failed. Please list deployment "
        + "operations for details. Please see https://aka.ms/arm-deployment-operations for usage details.~~Status: 200 (OK)~~"
        + "ErrorCode: DeploymentFailed~~~~Service request succeeded. Response content and headers are not included to avoid logging sensitive data.~~"

    mutating func write(to path: String, megabytes: Int) throws -> (bytes: Int, entries: Int) {
        var clock = GeneratedLogClock()
        return try GeneratedLogClock.writeLines(to: path, megabytes: megabytes) { entries in
            let t = clock.advance(&rng)
            let (component, message) = nextMessage(entries)
            let stamp = String(format: "%02d-%02d-%04d %02d:%02d:%02d.%03d+000", t.month, t.day, t.year, t.hour, t.minute, t.second, t.millisecond)
            let thread = 4000 + entries % 24
            return "\(message)  $$<\(component)><\(stamp)><thread=\(thread) (0x\(String(thread, radix: 16, uppercase: true)))>\r\n"
        }
    }

    /// The thumbprint of client `n`'s certificate: 40 hex digits, the same every time.
    private static func thumbprint(client n: Int64) -> String {
        var digits = SplitMix64(seed: UInt64(n))
        return (0..<3).map { _ in String(format: "%016llx", digits.next()) }.joined().prefix(40).uppercased()
    }

    private static func subscription(_ gateway: String) -> String {
        ["GraniteFalls": "9e64d3f6-2ce4-4e52-8adb-9c2aead002b6", "CedarRapids": "2008d8c2-e74d-4b69-b59b-73fd847a0c24"][gateway]
            ?? "8f559e98-5b52-440c-991c-ff569d51df5e"
    }

    private mutating func guid() -> String {
        let a = rng.below(0xFFFF_FFFF), b = rng.below(0xFFFF), c = rng.below(0xFFFF), d = rng.below(0xFFFF), e = rng.below(0xFFFF_FFFF)
        return String(format: "%08llx-%04llx-%04llx-%04llx-%08llx%04llx", a, b, c, d, e, b ^ c)
    }

    /// The component and message of entry `n`: mostly the proxy connector's request traffic,
    /// now and then the cloud services manager's deployment and maintenance work.
    private mutating func nextMessage(_ n: Int) -> (String, String) {
        let gateway = Self.gateways[n / 7 % 3]
        let endpoint = Self.endpoints[Int(rng.below(Int64(Self.endpoints.count)))]
        if n % 5 == 0 { messageID = guid() }
        let id = messageID
        switch n % 45 {
        case 0, 18:
            return ("SMS_CLOUD_PROXYCONNECTOR", "Received response https://MP01.contoso.com/\(endpoint) for message \(id): HTTP/1.1 403 CMGConnector_Clientcertificaterequired")
        case 4:
            return ("SMS_CLOUD_PROXYCONNECTOR", "Web exception for message \(id): System.Net.WebException: The remote server returned an error: (403) Forbidden.\(Self.stack)")
        case 13:
            return ("SMS_CLOUD_SERVICES_MANAGER", "Deployment instance status for service \(gateway) is \(["Ready", "Busy", "Restarting"][n / 45 % 3])Role.")
        case 31:
            return ("SMS_CLOUD_SERVICES_MANAGER", "ERROR: TaskManager: Task [Deployment Maintenance for service \(gateway)] has failed. Exception \(Self.deploymentFailure).~~")
        case 40:
            return ("SMS_CLOUD_SERVICES_MANAGER", "TaskManager: Task [Deployment Maintenance for service \(gateway)] status is Faulted~~")
        case 41:
            return ("SMS_CLOUD_SERVICES_MANAGER", "TaskManager: Scheduling task [Deployment Maintenance for service \(gateway)] for retry.~~")
        case 1, 10, 19, 28, 37, 9, 27:
            return ("SMS_CLOUD_PROXYCONNECTOR", "Forwarding proxy message \(id) to URL: https://MP01.contoso.com/\(endpoint)")
        case 2, 11, 20, 29, 38, 22, 36:
            return ("SMS_CLOUD_PROXYCONNECTOR", "MessageID: \(id) RequestURI: https://MP01.contoso.com/\(endpoint) EndpointName: CCM_STS "
                        + "ResponseHeader: HTTP/1.1 200 OK ~~ ResponseBodySize: \(rng.below(90_000)) ElapsedTime: \(rng.below(900)) ms")
        case 5, 23:
            return ("SMS_CLOUD_SERVICES_MANAGER", "Resource Manager - Creating Public IP Address \(gateway) with deployment CreatePublicIPAddress\(guid())~~")
        case 6, 24:
            let certs = (0..<(1 + Int(rng.below(6)))).map { _ in
                let client = rng.below(2000)
                return "Not allowed cert: CN=client\(client).contoso.com; Issuer: CN=Contoso Issuing CA 2; Thumbprint: \(Self.thumbprint(client: client))"
            }
            return ("SMS_CLOUD_PROXYCONNECTOR", "Filtered cert count with digital signature: \(certs.count)~~" + certs.joined(separator: "~~"))
        case 7, 25:
            let body = (0..<(4 + Int(rng.below(12)))).map { i in "\"resource\(i)\": {\"provisioningState\": \"Succeeded\", \"id\": \"/subscriptions/\(Self.subscription(gateway))/resourceGroups/\(gateway)\"}" }
            return ("SMS_CLOUD_SERVICES_MANAGER", "Deployment \(guid()) for service \(gateway) returned: {" + body.joined(separator: ", ") + "}")
        default:
            return ("SMS_CLOUD_PROXYCONNECTOR", ["Maintaining connections...", "Connection point is healthy; \(rng.below(64)) connections open to \(gateway).cloudapp.net:443",
                                                 "Sending proxy message \(id) of \(rng.below(40_000)) bytes to the management point"][n % 3])
        }
    }
}
