import Testing
@testable import CMGHistory

@Suite("Outputs are safe: CSV formulas, Markdown, control characters")
struct OutputEscapingTests {
    @Test func aTextCellThatAFormulaWouldStartGetsAQuote() {
        // Given cells a spreadsheet would evaluate, and numbers
        let line = CSVRender.line([#"=HYPERLINK("http://evil.example","open")"#, "+cmd", "-x", "@SUM(A1)", "\tTab", "\rCR",
                                   "-5", "-1.25", "+3", "-3e-7", "GraniteFalls", "", "-"])
        // Then the text cells open as text, quoted as RFC 4180 wants; the numbers stay numbers
        #expect(line == #""'=HYPERLINK(""http://evil.example"",""open"")",'+cmd,'-x,'@SUM(A1),'"# + "\tTab,\"'\rCR\",-5,-1.25,+3,-3e-7,GraniteFalls,,'-")
    }

    @Test func markdownCellsAndNamesEscapeHTMLCodeAndCellEnds() {
        // Given a name holding HTML, a cell end and a code span
        var table = MarkdownTable(headers: ["gateway", "note"], alignments: [.left, .left])
        table.append(["<img src=x onerror=alert(1)>", "a|b `rm -rf` C:\\admin"])
        // Then each is escaped once, and a backslash before a letter is left as written
        #expect(table.text.hasSuffix(#"| \<img src=x onerror=alert(1)\> | a\|b \`rm -rf\` C:\admin |"# + "\n"))
        // And escaping already escaped text changes nothing
        #expect(MarkdownText.escape(MarkdownText.escape("a|b<c>")) == #"a\|b\<c\>"#)
        #expect(MarkdownText.escape(#"\\<b>"#) == #"\\\<b\>"#)
        #expect(MarkdownText.code("CCM_STS") == "`CCM_STS`" && MarkdownText.code("a`b") == "``a`b``")
        #expect(MarkdownText.escape("line\nbreak") == #"line\nbreak"#)
    }

    @Test func controlCharactersAreShownNotObeyed() {
        // Given a name with ANSI sequences, a bell, a C1 CSI, DEL and a bidi override
        let hostile = "G1\u{1B}[2J\u{1B}]0;owned\u{07}\u{9B}31m\u{7F}\u{202E}txt.exe"
        // Then each control character is a visible escape
        #expect(VisibleText.escape(hostile) == #"G1\u{1B}[2J\u{1B}]0;owned\u{7}\u{9B}31m\u{7F}\u{202E}txt.exe"#)
        #expect(VisibleText.escape("a\r\nb\tc") == #"a\r\nb\tc"#)
        #expect(VisibleText.escape("a\nb", keepingLineBreaks: true) == "a\nb")
        // And a text table shows them escaped, aligned by what is shown
        var table = TextTable(headers: ["gateway", "n"], alignments: [.left, .right])
        table.append([hostile, "1"])
        table.append(["GraniteFalls.contoso.com", "22"])
        let text = table.render()
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E })
        #expect(text.split(separator: "\n").map(\.count) == [Int](repeating: VisibleText.escape(hostile).count + 4, count: 3))
    }

    @Test func ordinaryTextIsUnchanged() {
        for text in ["GraniteFalls.contoso.com", "CONTOSO\\admin", "2026-10-08 13:45:00Z", "99.931 %", "ünïcødé 名前"] {
            #expect(VisibleText.escape(text) == text)
            #expect(MarkdownText.escape(text) == text)
            #expect(CSVRender.line([text]) == text)
        }
    }

    @Test func aRejectionMessageIsOneLine() {
        let rejection = LineRejection(field: "ServiceCName", value: "a\nb\u{1B}[31m", "is not a name")
        #expect(rejection.message == #"field "ServiceCName": a\nb\u{1B}[31m is not a name"#)
    }
}
