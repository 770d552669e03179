import YAMLSource

/// A problem with an input file (rule pack, profile, waiver file or protocol) that stops a run.
///
/// Printed in GNU form, `FILE:LINE:COL: error: MESSAGE`, with the source line and a caret when
/// known, then a hint saying how to fix it.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var hint: String?
    /// The offending source line, for the caret display.
    public var sourceLine: String?

    /// Creates a diagnostic.
    public init(_ location: SourceLocation, _ message: String, hint: String? = nil, sourceLine: String? = nil) {
        self.location = location
        self.message = message
        self.hint = hint
        self.sourceLine = sourceLine
    }

    /// Wraps a YAML loading error, keeping its location, source line and hint.
    public init(_ error: YAMLError) {
        self.init(error.location, error.message, hint: error.hint, sourceLine: error.sourceLine)
    }

    public var description: String {
        var out = "\(location): error: \(message)"
        if let sourceLine {
            out += "\n" + sourceLine + "\n" + String(repeating: " ", count: max(0, min(location.column - 1, sourceLine.unicodeScalars.count))) + "^"
        }
        if let hint { out += "\n  hint: \(hint)" }
        return out
    }
}

/// One or more diagnostics: the input was unusable.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, in file and position order.
    public var diagnostics: [Diagnostic]

    /// Creates an error from diagnostics.
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
