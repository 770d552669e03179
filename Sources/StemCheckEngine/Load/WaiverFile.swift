import YAMLSource
import StemCheckModel

/// Loads `--waivers FILE`: a `waivers:` list (or a bare list) of waivers (SPEC 3.4).
public enum WaiverFile {
    /// Reads and validates the file; incomplete waivers are input errors.
    public static func load(path: String, loader: YAMLLoader = YAMLLoader()) throws(InputError) -> [Waiver] {
        let bytes: [UInt8]
        let document: YAMLDocument
        do {
            bytes = try SourceFile.read(path: path, displayName: path, limit: loader.limits.maxFileSize)
            document = try loader.loadDocument(bytes: bytes, file: path)
        } catch {
            throw InputError([Diagnostic(error)])
        }
        var reader = NodeReader(bytes: bytes)
        let root = document.root
        var list = root
        if root.kind == .mapping {
            reader.checkKeys(root, allowed: ["waivers"], in: "a waiver file")
            guard let inner = root["waivers"] else {
                reader.fail(root, "a waiver file needs a 'waivers' list")
                throw InputError(reader.diagnostics)
            }
            list = inner
        }
        let waivers = reader.waivers(list, source: path)
        guard reader.diagnostics.isEmpty else { throw InputError(reader.diagnostics) }
        return waivers
    }
}
