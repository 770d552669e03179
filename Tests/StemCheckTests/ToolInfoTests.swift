import Testing
@testable import StemCheck

@Test func versionIsSemantic() {
    #expect(ToolInfo.version.split(separator: ".").count == 3)
}
