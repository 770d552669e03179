#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import YAMLSource
import StemCheckModel

/// `.stemcheck.yaml`: a project's settings for `check` (docs/configuration.md).
///
/// Every path in it is taken relative to the file's folder, and is kept here already resolved,
/// as a path from the working folder. Command-line options override it; the CLI merges.
public struct ConfigFile: Sendable {
    /// The file name looked for, from the working folder upward.
    public static let fileName = ".stemcheck.yaml"
    /// The keys a config may hold.
    public static let keys = ["profile", "rules", "extends", "waivers", "exclude", "fail_on", "formats", "jobs"]
    /// The values `fail_on` accepts (the `--fail-on` choices).
    public static let failOnValues = ["error", "warning", "info", "never"]

    /// The file as found or given (for messages and locations).
    public var file: String
    /// Its canonical absolute path, for the "using config" note.
    public var canonicalPath: String
    /// `profile`: a profile name, `all`, or a profile file path (resolved).
    public var profile: String?
    /// `rules`: packs that replace the shipped ones, like `--rules`.
    public var rules: [String] = []
    /// `extends`: packs and profiles added to the shipped ones, like `--add-rules`.
    public var extends: [String] = []
    /// `waivers`: a waiver file.
    public var waivers: String?
    /// `exclude`: glob patterns, compiled.
    public var exclude: [PathGlob] = []
    /// `fail_on`: one of `failOnValues`.
    public var failOn: String?
    /// `formats`: `--format` option strings as written, each with its location (the CLI parses
    /// them as it parses `--format`, and locates a bad one here).
    public var formats: [(text: String, location: SourceLocation)] = []
    /// `jobs`: files checked in parallel, at least 1.
    public var jobs: Int?

    /// Looks for `.stemcheck.yaml` in `directory` (default: the working folder) and each folder
    /// above it, stopping after the first folder that holds `.git` (a repository's root: a config
    /// above it belongs to something else) or at the filesystem root. Returns the path found,
    /// written relative to the start (`.stemcheck.yaml`, `../.stemcheck.yaml`, ...).
    public static func discover(from directory: String = ".") -> String? {
        var prefix = directory == "." ? "" : (directory.hasSuffix("/") ? directory : directory + "/")
        var previous: String?
        for _ in 0..<256 {
            let candidate = prefix + fileName
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { return candidate }
            let here = InputFile(prefix.isEmpty ? "." : prefix).canonicalPath
            if here == nil || here == "/" || here == previous { return nil }
            if access(prefix + ".git", F_OK) == 0 { return nil }
            previous = here
            prefix += "../"
        }
        return nil
    }

    /// Reads and validates a config file; every problem is a located diagnostic.
    public static func load(path: String, loader: YAMLLoader = YAMLLoader()) throws(InputError) -> ConfigFile {
        let bytes: [UInt8]
        let document: YAMLDocument
        let directory = InputFile(path).directory
        var config = ConfigFile(file: path, canonicalPath: InputFile(path).canonicalPath ?? path)
        do {
            bytes = try SourceFile.read(path: path, displayName: path, limit: loader.limits.maxFileSize)
            // An empty file (or only comments) is a config with no settings, not a YAML error.
            if isBlank(bytes) { return config }
            document = try loader.loadDocument(bytes: bytes, file: path)
        } catch {
            throw InputError([Diagnostic(error)])
        }
        let root = document.root
        if root.isNull { return config }
        var reader = NodeReader(bytes: bytes)
        let what = "the config file"
        guard reader.requireMapping(root, what) else { throw InputError(reader.diagnostics) }
        reader.checkKeys(root, allowed: keys, in: what)
        let resolve = { (written: String) in WrittenPath.resolve(written, from: directory) }

        if let profile = reader.string(root, "profile", required: false, in: what) {
            // As `--profile`: a path is a file (relative to the config), anything else a name.
            let isFile = profile.hasSuffix(".yaml") || profile.hasSuffix(".yml") || profile.contains("/")
            config.profile = isFile ? resolve(profile) : profile
        }
        config.rules = reader.pathList(root, "rules").map { resolve($0.text) }
        config.extends = reader.pathList(root, "extends").map { resolve($0.text) }
        config.waivers = reader.string(root, "waivers", required: false, in: what).map(resolve)
        for pattern in reader.pathList(root, "exclude", noun: "pattern") {
            do {
                config.exclude.append(try PathGlob(pattern.text))
            } catch {
                reader.fail(at: pattern.location, "exclude pattern '\(pattern.text)': \(error.message)",
                            hint: "see docs/configuration.md for the glob syntax (*, ?, [a-z], **)")
            }
        }
        if let value = root["fail_on"], !value.isNull {
            if let text = value.string, failOnValues.contains(text) {
                config.failOn = text
            } else {
                let written = value.text ?? describe(value)
                reader.fail(value, "fail_on '\(written)' must be one of \(failOnValues.joined(separator: ", "))" +
                            Suggestion.phrase(for: written, in: failOnValues))
            }
        }
        config.formats = reader.pathList(root, "formats", noun: "format").map { ($0.text, $0.location) }
        if let value = root["jobs"], !value.isNull {
            if let n = value.int, n >= 1 {
                config.jobs = n
            } else {
                reader.fail(value, "jobs must be a whole number of at least 1, found \(describe(value))",
                            hint: "remove jobs to use one per core")
            }
        }
        guard reader.diagnostics.isEmpty else { throw InputError(reader.diagnostics.sorted { $0.location < $1.location }) }
        return config
    }

    /// Whether a file holds nothing but blank lines, comments and document markers.
    static func isBlank(_ bytes: [UInt8]) -> Bool {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).allSatisfy { line in
            let text = line.drop { $0 == " " || $0 == "\t" }
            return text.isEmpty || text.hasPrefix("#") || text == "---" || text == "..."
        }
    }

    /// A config with no settings.
    init(file: String, canonicalPath: String) {
        self.file = file
        self.canonicalPath = canonicalPath
    }
}
