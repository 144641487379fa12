extension TimelineCollector {
    /// Traffic anomalies from the hourly rollups: an hour whose online clients or requests fall
    /// below ``TimelinePolicy/trafficDropShare`` of their usual level (`traffic_drop`), and the
    /// first hour back at or above it (`traffic_recovered`).
    ///
    /// An hour's level is the mean of its samples (`sum / count` of its `rollup_hour` row: the
    /// online clients at an instant, or the requests of an instant summed over endpoints), so a
    /// half-reported hour is not mistaken for a drop. Its usual level is the median of the same
    /// UTC hour 1 to 4 weeks before (the mean of the two middle values for an even count), judged
    /// only with at least two of those weeks and a usual level of at least
    /// ``TimelinePolicy/minimumBaseline``. An hour without samples is not judged (the status lane
    /// says whether the gateway was down).
    func trafficItems() throws -> [TimelineItem] {
        let firstHour = RollupMaintainer.hourStart(window.start)
        let week: Int64 = 7 * 86_400
        var items: [TimelineItem] = []
        for metric in [RollupMetric.onlineClients, .requests] {
            let hours = try reads.hourlyTotals(gatewayID: gateway.id, metric: metric,
                                               from: firstHour - 3600 - Int64(TimelinePolicy.baselineWeeks) * week, to: window.end)
            var level: [UnixSeconds: Double] = [:]
            for hour in hours {
                level[hour.hourStart] = Double(hour.sum) / Double(max(hour.count, 1))
            }
            func judge(_ hour: UnixSeconds) -> (value: Double, usual: Double, low: Bool)? {
                guard let value = level[hour] else { return nil }
                let history = (1...TimelinePolicy.baselineWeeks).compactMap { level[hour - Int64($0) * week] }.sorted()
                guard history.count >= TimelinePolicy.minimumBaselineWeeks else { return nil }
                let middle = history.count / 2
                let usual = history.count % 2 == 1 ? history[middle] : (history[middle - 1] + history[middle]) / 2
                guard usual >= TimelinePolicy.minimumBaseline else { return nil }
                return (value, usual, value < TimelinePolicy.trafficDropShare * usual)
            }
            let what = metric == .onlineClients ? "online clients" : "requests"
            var low = judge(firstHour - 3600)?.low ?? false
            var openDrop: Int?
            // Only hours with samples can be judged: walking those, not every hour of the window,
            // keeps a window of centuries (`--from 1970-01-01 --to 9999-12-31`) as fast as its data.
            for hour in level.keys.filter({ $0 >= firstHour && $0 < window.end }).sorted() {
                guard let verdict = judge(hour) else { continue }
                let alreadyLow = hour == firstHour && low && verdict.low
                if verdict.low != low || alreadyLow {
                    let share = NumberFormat.percent(verdict.value / verdict.usual, places: 0)
                    let hours = "\(clock(hour, reference: hour))–\(clock(hour + 3600, reference: hour))"
                    let figures = "\(NumberFormat.grouped(Int64(saturating: verdict.value.rounded()))) on average, \(share) of the usual "
                        + "\(NumberFormat.grouped(Int64(saturating: verdict.usual.rounded())))"
                    let text = verdict.low
                        ? "\(what) \(alreadyLow ? "still low" : "dropped"): \(figures), \(hours)"
                        : "\(what) recovered: \(figures), \(hours)"
                    let at = max(hour, window.start)
                    // A drop stands for the whole low stretch: it ends where traffic recovers
                    // (or at the window's end).
                    items.append(item(at: at, end: verdict.low ? window.end : nil, source: .traffic,
                                      kind: verdict.low ? "traffic_drop" : "traffic_recovered",
                                      severity: verdict.low ? .warning : .info, gateway: gateway.name, text: text,
                                      ref: "traffic/\(gateway.name)/\(metric.name)/\(Timestamp.format(hour))",
                                      origin: "derived: rollup_hour \(metric.name), median of the same hour \(TimelinePolicy.baselineWeeks) weeks back"))
                    if verdict.low {
                        openDrop = items.count - 1
                    } else if let index = openDrop {
                        items[index].endInstant = hour
                        items[index].end = Timestamp.format(hour)
                        items[index].text += "; low until \(clock(hour, reference: items[index].instant))"
                        openDrop = nil
                    }
                }
                low = verdict.low
            }
        }
        return items
    }
}
