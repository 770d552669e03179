import YAMLSource
import StemCheckModel

/// Structural equality with a leaf's options (`equals`, `not_equals`, `in`, `not_in`): `Compare.equal`,
/// plus `ignore_whitespace` (issue 14), which trims strings, collapses each run of whitespace
/// (spaces, tabs, line breaks, no-break spaces) to one space and drops a sentence's final `.`, `;`,
/// `:` or `,` before comparing them (a registry's "…values." is the protocol's "…values").
enum Equality {
    /// Whether `node` equals `value`, case-folded when `fold`, whitespace-normalised when `whitespace`.
    static func equal(_ node: YAMLNode, _ value: RuleValue, fold: Bool, whitespace: Bool) -> Bool {
        guard whitespace else { return Compare.equal(node, value, fold: fold) }
        switch (node.kind, value) {
        case (.string, .string(let s)):
            let a = normalized(node.string!), b = normalized(s)
            return fold ? a.lowercased() == b.lowercased() : a == b
        case (.sequence, .list(let items)):
            guard node.count == items.count else { return false }
            for (a, b) in zip(node.items, items) where !equal(a, b, fold: fold, whitespace: true) { return false }
            return true
        case (.mapping, .map(let map, _)):
            guard node.count == map.count else { return false }
            for (key, child) in node.pairs {
                guard let name = key.text, let expected = map[name], equal(child, expected, fold: fold, whitespace: true) else { return false }
            }
            return true
        default:
            return Compare.equal(node, value, fold: fold)
        }
    }

    /// The text trimmed, each run of whitespace made one space, final sentence punctuation dropped.
    static func normalized(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(character)
            }
        }
        while let last = out.last, ".;:,".contains(last) {
            out.removeLast()
            while out.last?.isWhitespace == true { out.removeLast() }
        }
        return out
    }
}
