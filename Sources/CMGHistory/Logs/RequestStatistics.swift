/// The per-endpoint request statistics the CMG service writes to CMGService.log:
///
/// ```
/// RequestUri: /CCM_PROXY_SERVERAUTH/72057594037938216/CCM_STS  RequestCount: 769  RequestSize: 1081595 Bytes  ResponseCount: 769     ResponseSize: 36143 Bytes  AverageElapsedTime: 3945 ms
/// ```
///
/// Each such line becomes an endpoint traffic sample of the gateway the file name names.
struct RequestStatistics: Equatable {
    var requestURI: String
    var requestCount: Int64
    var requestBytes: Int64
    var responseCount: Int64
    var responseBytes: Int64
    var averageElapsedMilliseconds: Int64?

    /// How long one statistics line covers, in seconds. The CMG writes its request statistics
    /// every 5 minutes, the cadence the console's request counters and the CMG's own log sync
    /// use (DESIGN §1); a sample covers `(at - 300, at]`.
    static let intervalSeconds: Int64 = 300

    /// What a message holds: nothing of interest, statistics, or statistics with a value out of
    /// range (the entry then stays a plain entry, and the ingest says why, with a warning).
    enum Parsed: Equatable {
        case statistics(RequestStatistics)
        case outOfRange(LineRejection)
    }

    /// Reads a message; nil when it is not a complete statistics line.
    static func parse(_ message: String) -> Parsed? {
        guard message.utf8.count < 4096, Self.mentionsRequestURI(message) else { return nil }
        let words = message.split(whereSeparator: { $0 == " " || $0 == "\t" })
        var values: [Substring: Substring] = [:]
        var i = 0
        while i + 1 < words.count {
            if words[i].hasSuffix(":") {
                values[words[i].dropLast()] = words[i + 1]
                i += 2
            } else {
                i += 1
            }
        }
        var problem: LineRejection?
        // A number in digits beyond the limit is out of range; anything else is not statistics.
        func count(_ key: Substring, limit: Int64 = ValueLimits.maximumSampleValue, limitText: @autoclosure () -> String? = nil) -> Int64? {
            guard let text = values[key], !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            guard let value = Int64(text), value <= limit else {
                if problem == nil { problem = .outOfRange(field: String(key), value: String(text), limit: limitText() ?? "(limit \(limit))") }
                return 0
            }
            return value
        }
        let requests = ValueLimits.maximumRequests(intervalSeconds: intervalSeconds)
        let requestsText = { ValueLimits.requestLimitText(intervalSeconds: intervalSeconds) }
        guard let uri = values["RequestUri"], !uri.isEmpty,
              let requestCount = count("RequestCount", limit: requests, limitText: requestsText()),
              let requestBytes = count("RequestSize"),
              let responseCount = count("ResponseCount", limit: requests, limitText: requestsText()),
              let responseBytes = count("ResponseSize")
        else { return nil }
        let statistics = RequestStatistics(
            requestURI: String(uri), requestCount: requestCount, requestBytes: requestBytes,
            responseCount: responseCount, responseBytes: responseBytes,
            averageElapsedMilliseconds: count("AverageElapsedTime", limit: ValueLimits.maximumAverageElapsedMilliseconds))
        if let problem { return .outOfRange(problem) }
        // The URI names the endpoint: held to the limit of every name, and refused when bytes
        // that were not UTF-8 became U+FFFD, since two garbled endpoints would then be one.
        if uri.utf8.count > ValueLimits.maximumNameBytes {
            return .outOfRange(LineRejection(field: "RequestUri", value: String(uri),
                                             "is too long: \(uri.utf8.count) bytes (limit \(ValueLimits.maximumNameBytes) bytes)"))
        }
        if uri.unicodeScalars.contains("\u{FFFD}") {
            return .outOfRange(LineRejection(field: "RequestUri", value: "invalid UTF-8",
                                             "(bytes that are not text, or U+FFFD in their place): two different endpoints would become one"))
        }
        let sample = statistics.sample(gateway: "", utcMilliseconds: 0)
        if let problem = ValueLimits.check(sample, averageField: "AverageElapsedTime", countField: "RequestCount") {
            return .outOfRange(problem)
        }
        return .statistics(statistics)
    }

    /// A byte search, cheap enough to run on every entry of a CMGService.log.
    private static func mentionsRequestURI(_ message: String) -> Bool {
        var message = message
        let needle: StaticString = "RequestUri:"
        return message.withUTF8 { ASCIISearch.contains($0, UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)) }
    }

    /// The sample this line stands for, at the entry's UTC instant (whole seconds).
    func sample(gateway: String, utcMilliseconds: Int64, vmInstance: Int64 = 0) -> EndpointTrafficSample {
        EndpointTrafficSample(
            gateway: gateway, endpoint: requestURI, at: utcMilliseconds.floorDivided(by: 1000), intervalSeconds: Self.intervalSeconds,
            requestCount: requestCount, requestBytes: requestBytes, responseCount: responseCount,
            responseBytes: responseBytes, averageElapsedMilliseconds: averageElapsedMilliseconds, vmInstance: vmInstance)
    }
}
