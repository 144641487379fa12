/// Thins a line to what the plot can show: per pixel column, the first point, the lowest, the
/// highest and the first gap, in their order. A 60-day chart of 5-minute buckets has 17,280
/// points for 870 columns; drawn this way it looks the same (every spike and every drop to zero
/// stays) at a tenth of the size.
enum ChartDownsampling {
    /// `points` unchanged when they are no more than two per column; else at most four per
    /// column (first, minimum, maximum, first gap), in time order.
    static func perColumn(_ points: [(x: Int64, y: Double?)], columns: Int, column: (Int64) -> Int) -> [(x: Int64, y: Double?)] {
        guard columns > 0, points.count > 2 * columns else { return points }
        var out: [(x: Int64, y: Double?)] = []
        out.reserveCapacity(4 * columns)
        var index = 0
        while index < points.count {
            let current = column(points[index].x)
            var first: Int?, low: Int?, high: Int?, gap: Int?
            while index < points.count, column(points[index].x) == current {
                if let y = points[index].y {
                    if first == nil { first = index }
                    if low.map({ y < (points[$0].y ?? y) }) ?? true { low = index }
                    if high.map({ y > (points[$0].y ?? y) }) ?? true { high = index }
                } else if gap == nil {
                    gap = index
                }
                index += 1
            }
            for i in Set([first, low, high, gap].compactMap { $0 }).sorted() { out.append(points[i]) }
        }
        return out
    }
}
