import Testing
@testable import CMGHistory

@Suite("Secrets by content: SecretRedactor")
struct SecretRedactorTests {
    /// Text holding one secret each, and what it must become.
    static let redacted: [(String, String)] = [
        ("DefaultEndpointsProtocol=https;AccountName=cmgstore;AccountKey=q1w2e3r4t5y6u7i8o9p0+/ab==;EndpointSuffix=core.windows.net",
         "DefaultEndpointsProtocol=https;AccountName=cmgstore;AccountKey=[redacted];EndpointSuffix=core.windows.net"),
        ("Server=sql1;Database=CM_PS1;User Id=cm;Password=hunter2;", "Server=sql1;Database=CM_PS1;User Id=cm;Password=[redacted];"),
        ("Driver={SQL Server};Uid=cm;Pwd=hunter2", "Driver={SQL Server};Uid=cm;Pwd=[redacted]"),
        ("GET https://cmg.blob.core.windows.net/c/b?sv=2021-08-06&se=2026-10-02&sig=AbCd%2Bef%3D&sp=r HTTP/1.1",
         "GET https://cmg.blob.core.windows.net/c/b?sv=2021-08-06&se=2026-10-02&sig=[redacted]&sp=r HTTP/1.1"),
        ("Token request with ClientSecret=abc123 failed", "Token request with ClientSecret=[redacted] failed"),
        ("client_secret = 'abc 123' rejected", "client_secret = '[redacted]' rejected"),
        (#"body {"grant_type":"client_credentials","client_secret":"abc\"123","scope":"x"}"#,
         #"body {"grant_type":"client_credentials","client_secret":"[redacted]","scope":"x"}"#),
        (#"{"Password": 12345, "User": "cm"}"#, #"{"Password": [redacted], "User": "cm"}"#),
        ("Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjbWcifQ.c2lnbmF0dXJl",
         "Authorization: Bearer [redacted]"),
        ("Authorization: Basic dXNlcjpwYXNz\r\nHost: cmg", "Authorization: Basic [redacted]\r\nHost: cmg"),
        ("Authorization: Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnag", "Authorization: Negotiate [redacted]"),
        (#"headers: {"Authorization": "Bearer abc.def"}"#, #"headers: {"Authorization": "Bearer [redacted]"}"#),
        ("retrying with bearer AbCdEf0123456789 now", "retrying with bearer [redacted] now"),
        // PowerShell's Name/Value pairs: the name says what the Value is.
        (#"settings [{"Name":"ClientSecret","Value":"ps-pair-1"},{"Name":"Region","Value":"WestUS"}]"#,
         #"settings [{"Name":"ClientSecret","Value":"[redacted]"},{"Name":"Region","Value":"WestUS"}]"#),
        (#"{"Key": "StorageAccountKey", "Value": "ps-pair-2"}"#, #"{"Key": "StorageAccountKey", "Value": "[redacted]"}"#),
        // A hyphenated name before a colon is an HTTP header, read as a key (not prose).
        ("x-ms-access-token: hdr-tok-1 sent", "x-ms-access-token: [redacted] sent"),
        ("Ocp-Apim-Subscription-Key: hdr-key-2", "Ocp-Apim-Subscription-Key: [redacted]"),
        ("id_token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjbWcifQ.c2lnbmF0dXJl received",
         "id_token JWT [redacted] received"),
        ("key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1\nq2w3e4\n-----END RSA PRIVATE KEY-----\ndone",
         "key:\n-----BEGIN RSA PRIVATE KEY-----\n[redacted]\n-----END RSA PRIVATE KEY-----\ndone"),
        ("-----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "-----BEGIN PRIVATE KEY-----[redacted]"),
        ("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHzBJBgkq\n", "-----BEGIN ENCRYPTED PRIVATE KEY-----\n[redacted]"),
        ("StorageAccountKey=abc; SharedKey=def; sastoken=ghi", "StorageAccountKey=[redacted]; SharedKey=[redacted]; sastoken=[redacted]"),
        ("Server=sql1;User Id=cm;Password=my pass phrase;Encrypt=True", "Server=sql1;User Id=cm;Password=[redacted];Encrypt=True"),
        ("logon with Password: hunter2 was refused", "logon with Password: [redacted] was refused"),
        ("the client secret: s3cr3t expires soon", "the client secret: [redacted] expires soon"),
    ]

    @Test(arguments: redacted)
    func aSecretIsReplacedAndWhatItWasIsKept(_ input: String, _ expected: String) {
        // When the text is redacted
        let result = SecretRedactor.redact(input)
        // Then the value is gone, the marker says what it was
        #expect(result?.text == expected)
        #expect((result?.count ?? 0) >= 1)
    }

    /// Ordinary CMG text that must come through unchanged (and without a copy).
    static let untouched = [
        "Deployment instance status for service GraniteFalls is ReadyRole.",
        "RequestUri: /CCM_Proxy_MutualAuth/72057594037928112/SMS_MP/.sms_aut?MPLIST RequestCount: 769 RequestSize: 1081595 Bytes",
        "Bearer token expired; requesting a new one",
        "Basic authentication is disabled",
        "Token: expired at 10:00:00",
        "RegistryKey: HKLM\\SOFTWARE\\Microsoft\\SMS; AccessKey: none=0",
        "KeyUsage=DigitalSignature; Thumbprint=930BCC5B2A9C24BCB22D9F6D8E4FD6245D4A6E82; PublicKey=MIIBIjAN",
        "TokenExpiry=2027-01-01T00:00:00Z",
        "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----",
        "MIIDdzCCAl+gAwIBAgIEc2lnbmF0dXJlcecretkey=",
        "Password=[redacted]; Bearer [redacted]; JWT [redacted]",
        "eyJ is how a JSON object starts in base64",
        "credential_kind=server_certificate name=CMG-ServerApp",
        "",
    ]

    @Test(arguments: untouched)
    func ordinaryTextIsUntouched(_ input: String) {
        #expect(SecretRedactor.redact(input) == nil)
    }

    @Test func redactingTwiceChangesNothingMore() {
        // Given every secret-bearing sample redacted once
        for (input, _) in Self.redacted {
            let once = SecretRedactor.redact(input)?.text ?? input
            // Then redacting the result finds nothing
            #expect(SecretRedactor.redact(once) == nil, "\(once)")
        }
    }

    @Test func severalSecretsInOneTextAreAllCounted() {
        let result = SecretRedactor.redact("Password=a;AccountKey=b;sig=c&Authorization: Bearer d1234567")
        #expect(result?.text == "Password=[redacted];AccountKey=[redacted];sig=[redacted]&Authorization: Bearer [redacted]")
        #expect(result?.count == 4)
    }
}

@Suite("Secrets by structure: SecretFieldPolicy")
struct SecretFieldPolicyTests {
    static let secretNames = [
        "ClientSecret", "client_secret", "SecretKey", "Password", "AdminPassword", "passwd", "pwd", "DbPwd", "Passphrase",
        "PrivateKey", "AccountKey", "StorageAccountKey", "SharedKey", "ClientKey", "ApiKey", "PrimaryKey", "Token",
        "AuthToken", "access_token", "RefreshToken", "Credential", "Credentials", "ConnectionString", "SharedAccessSignature",
        "SasToken", "SasUrl", "sig", "Authorization", "ManagementCertificate", "PfxData",
        "Settings.ClientSecret", "Params.Password", "Credential.UserName", "config/db/Password",
    ]
    static let publicNames = [
        "Thumbprint", "KeyUsage", "PublicKey", "KeyLength", "SubjectKeyIdentifier", "TokenExpiry", "credential_kind",
        "CredentialType", "Key", "ServiceCName", "AzureServiceID", "ServiceCertificate", "note", "description", "subject",
        "Settings.Region", "tenant", "signature_algorithm", "ContinuationToken",
    ]

    @Test(arguments: secretNames)
    func aSecretNameIsSecret(_ name: String) {
        #expect(SecretFieldPolicy.isSecret(fieldName: name))
    }

    @Test(arguments: publicNames)
    func aPublicNameIsKept(_ name: String) {
        #expect(!SecretFieldPolicy.isSecret(fieldName: name))
    }

    @Test func everyRuleAndExceptionSaysWhy() {
        #expect(SecretFieldPolicy.rules.allSatisfy { !$0.reason.isEmpty && $0.fragment == $0.fragment.lowercased() })
        #expect(SecretFieldPolicy.publicNames.values.allSatisfy { !$0.isEmpty })
    }
}
