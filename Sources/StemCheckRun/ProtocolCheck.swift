import StemCheckEngine
import StemCheckInput
import StemCheckModel

/// One protocol through every stage: `InputFile` → `ProtocolDocument` → `Report`.
public struct ProtocolCheck: Sendable {
    /// The first stage: reading, loading, importing.
    public var reader: ProtocolReader
    /// The rules and run settings.
    public var checker: Checker

    /// Creates the pipeline.
    public init(reader: ProtocolReader = ProtocolReader(), checker: Checker) {
        self.reader = reader
        self.checker = checker
    }

    /// Reads and checks one protocol file.
    public func check(file: InputFile) throws(InputError) -> Report {
        try checker.check(reader.read(file))
    }

    /// Checks one protocol given as bytes; `name` is its file name in messages and the report.
    public func check(bytes: [UInt8], name: String) throws(InputError) -> Report {
        try checker.check(reader.read(bytes: bytes, name: name))
    }
}
