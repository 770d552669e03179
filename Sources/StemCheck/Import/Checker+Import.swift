import YAMLSource

extension Checker {
    /// Whether the input's first significant byte opens a JSON object (a BOM and whitespace skipped).
    static func looksLikeJSONObject(_ bytes: [UInt8]) -> Bool {
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        return i < bytes.count && bytes[i] == UInt8(ascii: "{")
    }

    /// Checks a loaded document that may need converting: USDM or CT.gov JSON is imported, and the
    /// `--registry-record` is grafted in. Locations in the report point into `name` (the file given).
    func checkConverting(_ document: YAMLDocument, bytes: [UInt8], name: String) throws(InputError) -> Report {
        let root = document.root
        let sha256 = Digest.sha256(bytes)
        let format = try ImportFormat.detect(root)
        guard root.kind == .mapping, format != nil || options.registryRecord != nil else {
            return try check(root: root, path: name, sha256: sha256, bytes: bytes)
        }
        var tree: ImportedValue
        if let format {
            let imported = try format.importProtocol(root, file: name)
            guard options.registryRecord != nil else { return try check(imported: imported, path: name, sha256: sha256) }
            tree = imported.tree
        } else {
            tree = ImportedValue(node: root)
        }
        if let record = options.registryRecord { tree = record.graft(into: tree) }
        let built = try ImportedProtocol(format: format, tree: tree, header: [], footer: [], file: name)
        return try check(imported: built, path: name, sha256: sha256)
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
            report = try check(root: imported.document.root, path: path, sha256: sha256)
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
        return report
    }
}
