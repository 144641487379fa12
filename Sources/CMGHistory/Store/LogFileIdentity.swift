/// What a log file is known by before any store is asked: its path and name as they may be
/// stored (redacted), the hash of its head, and the VM instance its name gives.
///
/// The rules a file is recognised by, the same on each backend: the same head hash (salted
/// when another instance's log holds the plain one), a recorded shorter head that is a prefix of
/// this one, or this file being a shorter copy of a stored one. ``PostgresLogFiles`` starts from
/// it; SQLite's tracker (``SQLiteStore/openLogFile(path:name:head:size:now:gateway:)``) computes
/// the same values in its own body, which it can take from here instead.
struct LogFileIdentity {
    /// The path, a secret in it redacted (a redacted path no longer finds the file; the bundle
    /// then rebuilds its text from the database).
    let path: String
    /// The file name's parts, each redacted like a message.
    let name: LogFileName
    /// The head as read (up to ``LogFileHead/identifyingLength`` bytes).
    let head: [UInt8]
    /// The head's length and hash.
    let current: LogFileHead
    /// The VM instance the name gives (0 for none).
    let instanceKey: Int64
    /// What the hash is XORed with when another instance's log holds the plain one.
    let salt: Int64

    /// The identity of the file at `path` named `name` whose first bytes are `head`.
    init(path: String, name: LogFileName, head: [UInt8]) {
        // A file name is input too (`CloudMgr-ClientSecret=….log`): stored redacted, like a message.
        self.path = SecretText.redactedPath(path)
        var name = name
        name.log = SecretRedactor.redact(name.log)?.text ?? name.log
        name.service = name.service.map { SecretRedactor.redact($0)?.text ?? $0 }
        name.instance = name.instance.map { SecretRedactor.redact($0)?.text ?? $0 }
        self.name = name
        self.head = head
        current = head.withUnsafeBufferPointer { LogFileHead($0) }
        instanceKey = name.vmInstanceKey
        salt = LogFileHead.instanceSalt(instanceKey)
    }

    /// Whether a stored file whose name gave `instance` can be this one: not when both name VM
    /// instances, and other ones.
    func canBe(instance: String?) -> Bool {
        let key = LogFileName.vmInstanceKey(instance)
        return key == 0 || instanceKey == 0 || key == instanceKey
    }

    /// Whether a stored head of `length` bytes hashed `hash` is a prefix of this head (plain or salted).
    func hasPrefix(length: Int, hash: Int64) -> Bool {
        guard length >= 0, length <= head.count else { return false }
        let prefix = head.withUnsafeBufferPointer { LogFileHead.fnv1a(UnsafeBufferPointer(rebasing: $0[..<length])) }
        return hash == prefix || hash == prefix ^ salt
    }

    /// The line-end prefix of this head a longer stored file must hold for this one to be a
    /// shorter copy of it; nil when the head is a whole identifying head or too short to tell.
    var shorterCopyPrefix: (length: Int, hash: Int64)? {
        guard head.count < LogFileHead.identifyingLength,
              let prefix = head.withUnsafeBufferPointer({ LogFileHead.lineEndPrefixes($0).last }),
              prefix.length >= SQLiteStore.minimumPrefixHeadLength
        else { return nil }
        return (prefix.length, prefix.hash)
    }

    /// The line-end prefixes to record, so a shorter copy of this file is known later.
    var recordedPrefixes: [(length: Int, hash: Int64)] {
        head.withUnsafeBufferPointer(LogFileHead.lineEndPrefixes)
            .filter { $0.length >= SQLiteStore.minimumPrefixHeadLength }
            .map { ($0.length, $0.hash) }
    }
}
