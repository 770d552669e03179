/// Why a YAML or JSON input could not be loaded. Every case carries the location of the problem.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// libyaml rejected the text (its own words, e.g. "mapping values are not allowed in this context").
        case syntax(String)
        /// A `.json` file is not RFC 8259 JSON (`JSONLoader`).
        case json(JSONProblem)
        /// A byte that cannot start or continue a UTF-8 sequence.
        case invalidUTF8(byte: UInt8)
        /// A NUL byte: binary data rather than text.
        case nulByte
        /// A control character YAML does not allow in a document.
        case controlCharacter(UInt32)
        /// The file is larger than the configured limit.
        case fileTooLarge(size: Int, limit: Int)
        /// Collections nest deeper than the configured limit.
        case nestingTooDeep(limit: Int)
        /// Aliases would expand to more nodes than the configured limit (an "alias bomb").
        case aliasExpansionTooLarge(limit: Int)
        /// An alias names an anchor that was never defined.
        case undefinedAlias(String)
        /// An alias points at a collection that contains the alias itself.
        case recursiveAlias(String)
        /// A mapping has the same key twice; `first` is where it appeared first.
        case duplicateKey(key: String, first: SourceLocation)
        /// A standard tag (`!!int`, ...) does not fit the value it is on.
        case tagMismatch(tag: String, value: String)
        /// A number too large to represent (`1e999`, `99999999999999999999999`).
        case numberOutOfRange(String)
        /// The value of a merge key (`<<`) is not a mapping or a list of mappings.
        case invalidMerge
        /// The file could not be read.
        case unreadable(String)
        /// A second document in a file that must hold exactly one.
        case multipleDocuments
        /// A file that must hold a document holds none (empty, or only comments).
        case noDocument
    }

    /// Where the problem is.
    public var location: SourceLocation
    /// What the problem is.
    public var reason: Reason
    /// The text of the offending line, when known, for the caret display.
    public var sourceLine: String?

    /// Creates an error.
    public init(location: SourceLocation, reason: Reason, sourceLine: String? = nil) {
        self.location = location
        self.reason = reason
        self.sourceLine = sourceLine
    }

    /// The one-line message, without location.
    public var message: String {
        switch reason {
        case .syntax(let text): return "invalid YAML: \(text)"
        case .json(let problem): return "invalid JSON: \(problem.message)"
        case .invalidUTF8(let byte): return "invalid UTF-8: byte 0x\(hex(byte)) cannot appear here; the file must be UTF-8 text"
        case .nulByte: return "NUL byte in input: this looks like binary data, not a YAML or JSON text file"
        case .controlCharacter(let value): return "control character U+\(hex4(value)) is not allowed in YAML text"
        case .fileTooLarge(let size, let limit): return "file is \(size) bytes, larger than the limit of \(limit) bytes"
        case .nestingTooDeep(let limit): return "collections nest deeper than the limit of \(limit) levels"
        case .aliasExpansionTooLarge(let limit): return "aliases expand to more than \(limit) nodes (an alias bomb?)"
        case .undefinedAlias(let name): return "alias *\(name) refers to an anchor &\(name) that is not defined before it"
        case .recursiveAlias(let name): return "alias *\(name) refers to a collection that contains the alias itself"
        case .duplicateKey(let key, let first): return "duplicate key \(key) (first defined at \(first.line):\(first.column))"
        case .tagMismatch(let tag, let value): return "tag \(tag) does not fit the value \(quoted(value))"
        case .numberOutOfRange(let text): return "number \(text) is out of range"
        case .invalidMerge: return "the value of a merge key (<<) must be a mapping or a list of mappings"
        case .unreadable(let why): return "cannot read file: \(why)"
        case .multipleDocuments: return "a second YAML document starts here, but this file must hold exactly one"
        case .noDocument: return "the file holds no YAML document (it is empty or only comments)"
        }
    }

    /// How to fix the problem, when there is advice to give.
    public var hint: String? {
        switch reason {
        case .syntax(let text):
            // libyaml (like the YAML spec) limits a key written on one line to 1024 characters and
            // reports a longer one in words that do not say so.
            if location.column > 1024, text.hasPrefix("mapping values are not allowed")
                || text.hasPrefix("did not find expected ',' or '}'") {
                return "a key on one line is limited to 1024 characters; write a longer key as an explicit key (`? KEY` on one line, `: VALUE` on the next)"
            }
            return "check indentation, colons and quotes around this position"
        case .json(let problem): return problem.hint
        case .invalidUTF8: return "save the file as UTF-8"
        case .nulByte, .controlCharacter: return "remove the character, or check that this is the right file"
        case .fileTooLarge: return "split the file, or check that this is the right file"
        case .nestingTooDeep: return "flatten the structure"
        case .aliasExpansionTooLarge: return "use fewer or smaller aliases"
        case .undefinedAlias: return "define the anchor (&NAME) before the alias, or fix the name"
        case .recursiveAlias: return "an alias cannot point into its own enclosing collection"
        case .duplicateKey: return "remove or rename one of the two keys"
        case .tagMismatch: return "remove the tag or fix the value"
        case .numberOutOfRange: return "quote the value to keep it as text"
        case .invalidMerge: return "write `<<: *anchor` where the anchor names a mapping"
        case .unreadable: return nil
        case .multipleDocuments: return "put each protocol in a file of its own"
        case .noDocument: return "write the document, or remove the file"
        }
    }

    /// `FILE:LINE:COL: error: MESSAGE`, then the source line and a caret, then the hint.
    public var description: String {
        var out = "\(location): error: \(message)"
        if let line = sourceLine {
            let shown = line.replacingTabs()
            out += "\n" + shown + "\n" + String(repeating: " ", count: max(0, caretOffset(in: line))) + "^"
        }
        if let hint { out += "\n  hint: \(hint)" }
        return out
    }

    /// The display column of the caret: the character column, with tabs widened to one space.
    private func caretOffset(in line: String) -> Int {
        min(location.column - 1, line.unicodeScalars.count)
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}

private func hex4(_ value: UInt32) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - text.count)) + text
}

private func quoted(_ text: String) -> String {
    let short = text.unicodeScalars.count > 60 ? String(text.unicodeScalars.prefix(60)) + "…" : text
    return "\"" + short + "\""
}

extension String {
    /// Tabs become single spaces so the caret lines up with the character column.
    fileprivate func replacingTabs() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\t" ? " " : $0 }))
    }
}
