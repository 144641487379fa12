/// Order statistics without sorting: the value at a given rank of an unsorted array.
enum Selection {
    /// The value that would stand at `rank` (0-based) if `values` were sorted ascending.
    /// Reorders `values`. Quickselect with a median-of-three pivot, linear on average; after
    /// too many rounds (an adversarial order) it sorts what is left, so it is never quadratic.
    static func select(_ values: inout [Int64], rank: Int) -> Int64 {
        precondition(values.indices.contains(rank), "rank out of range")
        return values.withUnsafeMutableBufferPointer { buffer in
            var low = 0
            var high = buffer.count - 1
            var rounds = 0
            while low < high {
                rounds += 1
                if rounds > 64 {
                    buffer[low...high].sort()
                    break
                }
                let pivot = medianOfThree(buffer[low], buffer[(low + high) / 2], buffer[high])
                // Three-way partition: [low, lt) < pivot, [lt, gt] == pivot, (gt, high] > pivot,
                // so runs of equal values (common in sample data) end the search at once.
                var lt = low, i = low, gt = high
                while i <= gt {
                    let value = buffer[i]
                    if value < pivot {
                        buffer.swapAt(lt, i)
                        lt += 1
                        i += 1
                    } else if value > pivot {
                        buffer.swapAt(i, gt)
                        gt -= 1
                    } else {
                        i += 1
                    }
                }
                if rank < lt {
                    high = lt - 1
                } else if rank > gt {
                    low = gt + 1
                } else {
                    return pivot
                }
            }
            return buffer[rank]
        }
    }

    private static func medianOfThree(_ a: Int64, _ b: Int64, _ c: Int64) -> Int64 {
        max(min(a, b), min(max(a, b), c))
    }
}
