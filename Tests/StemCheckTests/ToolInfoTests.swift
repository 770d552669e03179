import Testing
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckReports
@testable import StemCheckRun

@Test func versionIsSemantic() {
    #expect(ToolInfo.version.split(separator: ".").count == 3)
}
