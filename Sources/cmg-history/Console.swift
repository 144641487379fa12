import Foundation
import CMGHistory

/// Writes to standard output and standard error without buffering surprises between the two.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Every message is redacted on its way out, whatever built it: an error may quote what was
    /// typed (`--gateway 'ClientSecret=…'`, `--db logs/password=…/h.sqlite`), and the policy
    /// says no message quotes a secret (README, Secrets and hostile text).
    static func error(_ text: String) {
        let text = SecretText.redactedPath(text)
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
