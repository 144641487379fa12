/// Text for log times, with milliseconds.
package enum LogTimeFormat {
    /// `2020-02-04T15:10:29.068Z`.
    package static func utc(_ milliseconds: Int64) -> String {
        local(milliseconds) + "Z"
    }

    /// `2020-02-04T15:10:29.068`: a wall-clock time with no zone.
    package static func local(_ milliseconds: Int64) -> String {
        let seconds = milliseconds.floorDivided(by: 1000)
        let millis = milliseconds - seconds * 1000
        let text = CivilDate.rfc3339(seconds)
        let fraction = String(millis)
        return String(text.dropLast()) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
