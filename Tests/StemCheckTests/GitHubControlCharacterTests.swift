import Testing
@testable import StemCheckModel
@testable import StemCheckEngine
@testable import StemCheckReports

/// `--format github`: control characters in protocol values do not reach the workflow command raw
/// (a tab, an escape sequence or DEL become spaces, as in the text report; CR and LF stay %-escaped).
@Suite struct GitHubControlCharacterTests {
    @Test func dataTurnsControlCharactersIntoSpaces() {
        #expect(GitHubReporter.data("a\tb\u{1B}[31mred\u{7F}z\u{07}!") == "a b [31mred z !")
        #expect(GitHubReporter.data("line\r\nnext 100%") == "line%0D%0Anext 100%25")
        #expect(GitHubReporter.data("plain ü — ok") == "plain ü — ok")
        #expect(GitHubReporter.property("a\u{1B}:b,\tc") == "a %3Ab%2C c")
    }

    @Test func aProtocolValueWithControlCharactersStaysOneCleanLine() throws {
        // YAML double-quoted escapes: \t tab, \e ESC, \x7F DEL, \x01, \r\n.
        let doc = "protocol:\n  title: \"Tab\\there \\e[31mred\\e[0m del\\x7F soh\\x01 crlf\\r\\nend\"\n"
        let report = try EngineFixture.report(rules: EngineFixture.pack(check: "{path: protocol.title, equals: x}", message: "got {value}"),
                                              protocol: doc)
        #expect(report.results.first?.status == .fail)
        #expect(report.results.first?.message.contains("\u{1B}") == true, "the fixture must carry an ESC into the message")
        let out = GitHubReporter.render(report)
        let lines = out.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("::error file=proto.yaml,line=2,col=10,title=R::") == true, "\(out)")
        // Only the line's own newline is a control character.
        #expect(!out.dropLast().utf8.contains { $0 < 0x20 || $0 == 0x7F }, "\(out.debugDescription)")
        #expect(out.contains("Tab here  [31mred [0m del  soh  crlf%0D%0Aend"), "\(out.debugDescription)")
    }
}
