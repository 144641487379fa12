import Foundation
import Testing
@testable import CMGHistory

@Suite("Sample statistics: nearest-rank p95 by selection")
struct SampleStatisticsTests {
    @Test func selectionFindsTheSameValueAsSortingForRandomRunsAndTies() {
        var rng = SplitMix64(seed: 9)
        for round in 0..<300 {
            let count = 1 + Int(rng.next() % 400)
            // Few distinct values in some rounds (ties), wide ranges in others, sorted runs in a third
            let spread = [3, 1000, UInt64(Int64.max)][round % 3]
            var values = (0..<count).map { _ in Int64(bitPattern: rng.next() % spread) }
            if round % 5 == 0 { values.sort() }
            if round % 7 == 0 { values.reverse() }
            let sorted = values.sorted()
            let rank = Int(rng.next() % UInt64(count))
            var scratch = values
            #expect(Selection.select(&scratch, rank: rank) == sorted[rank], "round \(round)")
            #expect(scratch.sorted() == sorted)
            let stats = SampleStatistics(values: values)
            #expect(stats.p95 == sorted[SampleStatistics.nearestRank(0.95, count: count) - 1])
            #expect(stats.min == sorted.first && stats.max == sorted.last && stats.count == count)
        }
    }

    @Test func nearestRankOfTwentyValuesIsTheNineteenth() {
        let stats = SampleStatistics(values: Array((1...20).reversed()))
        #expect(stats.p95 == 19 && stats.sum == 210 && stats.mean == 10.5)
        #expect(SampleStatistics(values: []) == .empty)
    }

    @Test func valueListsRoundTripAndStopQuietlyAtTruncatedBytes() {
        var rng = SplitMix64(seed: 4)
        for round in 0..<200 {
            let values = (0..<Int(rng.next() % 300)).map { _ in Int64(bitPattern: rng.next() >> (rng.next() % 64)) & Int64.max }
            let encoded = ValueList.encode(values)
            var decoded: [Int64] = []
            encoded.withUnsafeBytes { ValueList.decode($0, into: &decoded) }
            #expect(decoded == values.sorted(), "round \(round)")
            // A list cut anywhere gives the values wholly before the cut
            guard !encoded.isEmpty else { continue }
            let cut = Int(rng.next() % UInt64(encoded.count))
            var partial: [Int64] = []
            ValueList.decode(encoded.prefix(cut), into: &partial)
            #expect(partial == Array(values.sorted().prefix(encoded.prefix(cut).filter { $0 < 0x80 }.count)), "round \(round)")
        }
    }

    @Test func valueListsAppendAndStopAtAnOverlongValueWhateverHoldsTheirBytes() {
        // Given a list of three values, then ten continuation bytes (a value past 64 bits), then one more value
        let list = ValueList.encode([5, 300, 70_000])
        let overlong = list + Array(repeating: 0xFF, count: 10) + [0x01]
        for bytes in [list, overlong] {
            // When it is decoded after values already held, from contiguous bytes, Data and a non-contiguous collection
            var fromArray: [Int64] = [-1]
            bytes.withUnsafeBytes { ValueList.decode($0, into: &fromArray) }
            var fromData: [Int64] = [-1]
            ValueList.decode(Data(bytes), into: &fromData)
            var fromLazy: [Int64] = [-1]
            ValueList.decode(bytes.lazy.map { $0 }, into: &fromLazy)
            // Then the values held stay first and decoding stops before the overlong value
            #expect(fromArray == [-1, 5, 300, 70_000])
            #expect(fromData == fromArray && fromLazy == fromArray)
        }
    }
}
