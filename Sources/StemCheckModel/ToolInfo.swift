/// The tool's name and version, as written into every report.
public enum ToolInfo {
    /// The program name.
    public static let name = "stemcheck"
    /// The release version (semantic versioning).
    public static let version = "2.0.0"
}
