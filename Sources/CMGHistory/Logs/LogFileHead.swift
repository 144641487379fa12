/// A log file's identity: a hash of its first bytes.
///
/// ConfigMgr rolls a full log over by renaming it (`CloudMgr.log` → `CloudMgr.lo_`) and starting
/// a new one, so a name does not identify content. The first 4 KB do: they hold the first
/// entries with their times. A file shorter than that is identified by what it has, and
/// recognised again once it has grown (its old head is a prefix of the new one).
struct LogFileHead: Equatable {
    /// How many bytes of a file's beginning identify it.
    static let identifyingLength = 4096

    /// The number of bytes hashed: the file's size, up to ``identifyingLength``.
    var length: Int
    var hash: Int64

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        length = bytes.count
        hash = Self.fnv1a(bytes)
    }

    init(length: Int, hash: Int64) {
        self.length = length
        self.hash = hash
    }

    /// The hash of the head up to and including each line feed in it, shortest first: what a
    /// shorter copy of the file is recognised by (see `0007_add_log_file_prefixes.sql`).
    static func lineEndPrefixes(_ bytes: UnsafeBufferPointer<UInt8>) -> [(length: Int, hash: Int64)] {
        var prefixes: [(length: Int, hash: Int64)] = []
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, byte) in bytes.enumerated() {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
            if byte == 0x0A { prefixes.append((index + 1, Int64(bitPattern: h))) }
        }
        return prefixes
    }

    /// What a file's hash is XORed with when another VM instance's log has the same first bytes
    /// (``LogFileName/vmInstanceKey``; 0 for none): two instances' logs are two files even when
    /// they begin alike, and a file that begins like no other keeps its plain hash.
    static func instanceSalt(_ key: Int64) -> Int64 {
        key == 0 ? 0 : Int64(bitPattern: 0x9E37_79B9_7F4A_7C15 &* UInt64(bitPattern: key))
    }

    /// 64-bit FNV-1a: tiny, stable across platforms and versions (Swift's `Hasher` is seeded per run).
    static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: h)
    }
}
