import Crypto
import Foundation
import SwiftASN1
import X509

/// The public facts of one X.509 certificate: what a credential record keeps.
struct ParsedCertificate: Equatable {
    /// `CN=GraniteFalls.contoso.com, O=Contoso`: most specific first, as Windows shows it.
    var subject: String
    var commonName: String?
    var issuer: String
    /// SHA-1 of the DER encoding, uppercase hex: the thumbprint Windows shows.
    var thumbprint: String
    /// Uppercase hex without separators.
    var serialNumber: String
    var subjectAlternativeNames: [String]
    var notBefore: UnixSeconds
    var notAfter: UnixSeconds
    var isCertificateAuthority: Bool

    init(der: [UInt8]) throws {
        let certificate = try Certificate(derEncoded: der)
        // Names in a certificate are whatever its requester typed (`O=…, OU=AccountKey=…`): text
        // stored and printed like any other, so redacted like any other.
        subject = SecretText.redacted(Self.windowsForm(certificate.subject))
        issuer = SecretText.redacted(Self.windowsForm(certificate.issuer))
        commonName = certificate.subject.reversed().lazy.flatMap { $0 }
            .first { $0.type == .RDNAttributeType.commonName }
            .map { SecretText.redacted(String(String(describing: $0).drop { $0 != "=" }.dropFirst())) }
        thumbprint = Self.hex(Insecure.SHA1.hash(data: der))
        serialNumber = Self.hex(certificate.serialNumber.bytes)
        notBefore = Int64(saturating: certificate.notValidBefore.timeIntervalSince1970.rounded(.down))
        notAfter = Int64(saturating: certificate.notValidAfter.timeIntervalSince1970.rounded(.down))
        for (field, instant) in [("notBefore", notBefore), ("notAfter", notAfter)] where !ValueLimits.isStorable(instant) {
            throw CertificateDateOutOfRange(field: field, instant: instant)
        }
        subjectAlternativeNames = (try certificate.extensions.subjectAlternativeNames)?.map { SecretText.redacted(Self.describe($0)) } ?? []
        if case .isCertificateAuthority? = try certificate.extensions.basicConstraints {
            isCertificateAuthority = true
        } else {
            isCertificateAuthority = false
        }
    }

    /// The credential record of this certificate.
    func credential(gateway: String, kind: CredentialKind) -> Credential {
        Credential(gateway: gateway, kind: kind, name: "", subject: subject, thumbprint: thumbprint,
                   notBefore: notBefore, expiresAt: notAfter, extra: nil, issuer: issuer, serialNumber: serialNumber,
                   subjectAlternativeNames: subjectAlternativeNames)
    }

    private static func windowsForm(_ name: DistinguishedName) -> String {
        name.reversed().map { String(describing: $0) }.joined(separator: ", ")
    }

    private static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.map { String($0, radix: 16, uppercase: true).count == 1 ? "0" + String($0, radix: 16, uppercase: true) : String($0, radix: 16, uppercase: true) }.joined()
    }

    private static func describe(_ name: GeneralName) -> String {
        switch name {
        case .dnsName(let dns): return "DNS:" + dns
        case .rfc822Name(let mail): return "email:" + mail
        case .uniformResourceIdentifier(let uri): return "URI:" + uri
        case .ipAddress(let octets):
            let bytes = Array(octets.bytes)
            if bytes.count == 4 { return "IP:" + bytes.map(String.init).joined(separator: ".") }
            return "IP:" + stride(from: 0, to: bytes.count, by: 2).map { i in
                String(UInt16(bytes[i]) << 8 | UInt16(i + 1 < bytes.count ? bytes[i + 1] : 0), radix: 16)
            }.joined(separator: ":")
        case .directoryName(let dn): return "DirName:" + windowsForm(dn)
        default: return String(describing: name)
        }
    }
}

/// A certificate whose validity starts before 1970 or ends after 9999 (``ValueLimits``).
struct CertificateDateOutOfRange: Error, CustomStringConvertible {
    var field: String
    var instant: UnixSeconds

    var description: String {
        "its \(field) \(Timestamp.format(instant)) is out of range \(ValueLimits.instantLimitText)"
    }
}

/// Reads certificate files as Windows writes them: `.cer` in DER or base64 (PEM), `.crt`, `.pem`,
/// and chain files holding several PEM certificates. Refuses `.pfx`, which holds a private key.
enum CertificateFile {
    struct Contents {
        var certificates: [(line: Int, certificate: ParsedCertificate)] = []
        /// PEM blocks holding a private key: dropped unread, counted as dropped secrets.
        var privateKeysDropped = 0
        /// `PEM` or `DER`.
        var encoding = "PEM"
        /// Blocks of a PEM file that are not certificates that can be stored, when the file holds
        /// good ones too: each is rejected alone, as a bad line of any other import is.
        var rejections: [(line: Int, problem: LineRejection)] = []
    }

    static func read(_ bytes: [UInt8], file: String) throws(ImportError) -> Contents {
        let lowered = file.lowercased()
        if lowered.hasSuffix(".pfx") || lowered.hasSuffix(".p12") || isPKCS12(bytes) {
            throw ImportError.privateKeyFile(file: file)
        }
        if bytes.first == 0x30 {
            do {
                return Contents(certificates: [(1, try ParsedCertificate(der: bytes))], encoding: "DER")
            } catch let error as CertificateDateOutOfRange {
                throw ImportError.unreadable(file: file, reason: "line 1: the certificate is refused: \(error)")
            } catch {
                throw ImportError.unreadable(file: file, reason: "it is DER but not an X.509 certificate (\(error))")
            }
        }
        guard let text = ExportText(bytes)?.text else {
            throw ImportError.unreadable(file: file, reason: "it is neither a PEM nor a DER certificate")
        }
        var contents = Contents()
        var lineNumber = 0
        var blockStart = 0
        var discriminator: String?
        var body = ""
        // Any line end: a CRLF is one Character, not a "\n".
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.hasPrefix("-----BEGIN "), line.hasSuffix("-----") {
                discriminator = String(line.dropFirst("-----BEGIN ".count).dropLast(5))
                blockStart = lineNumber
                body = ""
            } else if line.hasPrefix("-----END "), let kind = discriminator {
                discriminator = nil
                if kind.contains("PRIVATE KEY") {
                    contents.privateKeysDropped += 1
                    continue
                }
                guard kind == "CERTIFICATE" || kind == "X509 CERTIFICATE" || kind == "TRUSTED CERTIFICATE" else { continue }
                do {
                    guard let der = Data(base64Encoded: body) else { throw ImportError.unreadable(file: file, reason: "") }
                    contents.certificates.append((blockStart, try ParsedCertificate(der: Array(der))))
                } catch let error as CertificateDateOutOfRange {
                    contents.rejections.append((blockStart, LineRejection("the certificate is refused: \(error)")))
                } catch {
                    contents.rejections.append((blockStart, LineRejection("the PEM block is not an X.509 certificate")))
                }
            } else if discriminator != nil, !line.contains(":") {
                body += line
            }
        }
        if contents.certificates.isEmpty, let (line, problem) = contents.rejections.first {
            // Nothing to keep: the file as a whole is unreadable, as a single certificate is.
            throw ImportError.unreadable(file: file, reason: "line \(line): \(problem.reason)")
        }
        if contents.certificates.isEmpty {
            throw ImportError.unreadable(file: file, reason: contents.privateKeysDropped > 0
                ? "it holds only a private key (dropped unread), no certificate"
                : "no -----BEGIN CERTIFICATE----- block and not DER: not a certificate file")
        }
        return contents
    }

    /// Certificates in a text property (`SMS_AzureService.ServiceCertificate`): PEM or bare
    /// base64 DER. Nil when it is neither.
    static func parse(text: String) -> [ParsedCertificate]? {
        if text.contains("-----BEGIN") {
            return (try? read(Array(text.utf8), file: ""))?.certificates.map(\.certificate)
        }
        let compact = text.filter { !$0.isWhitespace }
        guard let der = Data(base64Encoded: compact), let certificate = try? ParsedCertificate(der: Array(der)) else { return nil }
        return [certificate]
    }

    /// PKCS #12: SEQUENCE { INTEGER 3, … } where a certificate has SEQUENCE { SEQUENCE … }.
    private static func isPKCS12(_ b: [UInt8]) -> Bool {
        guard b.count > 8, b[0] == 0x30 else { return false }
        let start = b[1] < 0x80 ? 2 : 2 + Int(b[1] & 0x7F)
        return start + 2 < b.count && b[start] == 0x02 && b[start + 1] == 0x01 && b[start + 2] == 0x03
    }
}
