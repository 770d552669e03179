import StemCheckEngine
import StemCheckInput
import StemCheckModel
import YAMLSource
import StemCheckReports

extension Checker {
    /// Checks what a `ProtocolReader` read: a document directly, an imported one through its source map.
    public func check(_ input: ProtocolInput) throws(InputError) -> Report {
        switch input {
        case .document(let document):
            return try check(document)
        case .imported(let imported, let source):
            return try check(imported: imported, path: source.path, sha256: source.sha256)
        }
    }

    /// Checks a protocol built in memory and translates every location in the report (and in input
    /// errors) back to the source file through the protocol's source map.
    public func check(imported: ImportedProtocol, path: String, sha256: String) throws(InputError) -> Report {
        let map = imported.sourceMap
        func source(_ location: SourceLocation?) -> SourceLocation? {
            location.flatMap { map.source(of: Mark(line: Int32($0.line), column: Int32($0.column))) }
        }
        var report: Report
        do {
            report = try check(ProtocolDocument(root: imported.document.root, path: path, sha256: sha256))
        } catch {
            throw InputError(error.diagnostics.map { diagnostic in
                var moved = diagnostic
                if let s = source(diagnostic.location) { moved.location = s }
                moved.sourceLine = nil
                return moved
            })
        }
        for n in report.results.indices {
            var result = report.results[n]
            for t in result.why.indices { result.why[t].location = source(result.why[t].location) }
            if let location = result.location {
                let mapped = source(SourceLocation(file: path, line: location.line, column: location.column))
                if let mapped, mapped.file == path {
                    result.location = Location(mapped)
                } else {
                    // The value is in another file (the registry record): point at the first part of
                    // the decision that is in the protocol file, if any.
                    result.location = result.why.compactMap(\.location).first { $0.file == path }.map(Location.init)
                }
            }
            report.results[n] = result
        }
        if let note = imported.registryRecordNote { report.notes.append(note) }
        return report
    }
}
