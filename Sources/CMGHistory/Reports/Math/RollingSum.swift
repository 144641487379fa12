/// The highest sum of a sliding window reached within each bucket: the window ending at each
/// sample holds the samples in `(at - window, at]` (an interval sample counts at its `at`).
enum RollingSum {
    /// `samples` in time order; `buckets` ascending and not overlapping. A bucket with no sample
    /// is nil; a sum too large for 64 bits is nil, as any figure that cannot be represented.
    static func peaks(_ samples: [(at: UnixSeconds, value: Int64)], window: Int64,
                      buckets: [(start: UnixSeconds, end: UnixSeconds)]) -> [Int64?] {
        var result = [Int64?](repeating: nil, count: buckets.count)
        var best = [WideSum?](repeating: nil, count: buckets.count)
        var oldest = 0
        var sum = WideSum()
        var bucket = 0
        for sample in samples {
            sum.add(sample.value)
            while samples[oldest].at <= sample.at - window {
                sum.subtract(samples[oldest].value)
                oldest += 1
            }
            while bucket < buckets.count, buckets[bucket].end <= sample.at { bucket += 1 }
            guard bucket < buckets.count else { break }
            guard buckets[bucket].start <= sample.at else { continue }
            if best[bucket].map({ sum > $0 }) ?? true { best[bucket] = sum }
        }
        for index in buckets.indices { result[index] = best[index]?.int64 }
        return result
    }

    /// The largest of the figures already summed over the window (ConfigMgr's reported 14-day
    /// egress) in each bucket; nil for a bucket without one. `samples` in time order.
    static func reportedPeaks(_ samples: [(at: UnixSeconds, bytes: Int64)], buckets: [(start: UnixSeconds, end: UnixSeconds)]) -> [Int64?] {
        var result = [Int64?](repeating: nil, count: buckets.count)
        var bucket = 0
        for sample in samples {
            while bucket < buckets.count, buckets[bucket].end <= sample.at { bucket += 1 }
            guard bucket < buckets.count else { break }
            guard buckets[bucket].start <= sample.at else { continue }
            result[bucket] = max(result[bucket] ?? sample.bytes, sample.bytes)
        }
        return result
    }
}
