@testable import StemCheckEngine
@testable import StemCheckInput
@testable import StemCheckModel
@testable import StemCheckRun
import YAMLSource

extension Checker {
    /// Reads `bytes` as a protocol file named `name` (no import settings) and checks it.
    func check(bytes: [UInt8], name: String, migratesSchemaV1: Bool = true) throws(InputError) -> Report {
        try ProtocolCheck(reader: ProtocolReader(migratesSchemaV1: migratesSchemaV1), checker: self).check(bytes: bytes, name: name)
    }
}
