import StemCheckModel
import YAMLSource

/// A loaded scalar written anew as YAML text that loads back as the same value.
enum ScalarText {
    static func yaml(_ node: YAMLNode) -> String {
        let plain = node.style == .plain && !node.isTagged ? node.text : nil
        switch node.kind {
        case .null:
            return "null"
        case .bool:
            return node.bool! ? "true" : "false"
        case .int:
            if let plain, CoreSchema.resolvePlain(plain) == .int(node.int!) { return plain }
            return String(node.int!)
        case .float:
            let value = node.float!
            if let plain, CoreSchema.resolvePlain(plain) == .float(value) { return plain }
            if value.isNaN { return ".nan" }
            if value.isInfinite { return value < 0 ? "-.inf" : ".inf" }
            return JSONText.number(value)
        case .string:
            return ImportWriter.scalarText(.string(node.string ?? ""))
        case .sequence, .mapping:
            return node.count == 0 ? (node.kind == .mapping ? "{}" : "[]") : ""
        }
    }
}
