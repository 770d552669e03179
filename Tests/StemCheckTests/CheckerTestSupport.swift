@testable import StemCheckEngine
@testable import StemCheckInput
@testable import StemCheckModel
@testable import StemCheckRun
import YAMLSource

extension Checker {
    /// Reads `bytes` as a protocol file named `name` (no import settings) and checks it.
    func check(bytes: [UInt8], name: String) throws(InputError) -> Report {
        try ProtocolCheck(checker: self).check(bytes: bytes, name: name)
    }
}
