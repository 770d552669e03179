import ArgumentParser
import StemCheckModel
import StemCheckReports

// The closed choices of the command line. Their names come from the library's enums; the
// conformances live here so that the library does not depend on ArgumentParser.

extension ReportFormat: ExpressibleByArgument {}
extension ReportDetail: ExpressibleByArgument {}

extension OutputRequest {
    /// Parses `--format NAME[=DEST]` for `@Option(transform:)`, with a did-you-mean for the name.
    static func choice(_ argument: String) throws -> OutputRequest {
        if let request = OutputRequest(argument: argument) { return request }
        let name = String(argument.prefix { $0 != "=" })
        if ReportFormat(rawValue: name) != nil {
            throw UnknownChoice(argument: argument, valid: [], message: "give a file or - after '=' (e.g. \(name)=report\(name == "junit" ? ".xml" : "." + name) or \(name)=-)")
        }
        throw UnknownChoice(argument: name, valid: ReportFormat.allValueStrings)
    }
}
extension ColorMode: ExpressibleByArgument {}

/// `--fail-on`: the lowest severity whose fail or error sets exit status 1, or `never`.
enum FailOn: String, CaseIterable, ExpressibleByArgument {
    case error, warning, info, never

    /// The severity the checker gates at; nil for `never`.
    var severity: Severity? {
        switch self {
        case .error: return .error
        case .warning: return .warning
        case .info: return .info
        case .never: return nil
        }
    }
}

extension ExpressibleByArgument where Self: CaseIterable {
    /// Parses one of `allValueStrings`, for `@Option(transform:)`. An unknown name throws, and
    /// ArgumentParser reports it as a usage error: "The value 'jsn' is invalid for
    /// '--format <FORMAT>': did you mean 'json'? Use one of text, json, … or github."
    static func choice(_ argument: String) throws -> Self {
        if let value = Self(argument: argument) { return value }
        throw UnknownChoice(argument: argument, valid: allValueStrings)
    }

    /// The valid names for help text: "a, b or c".
    static var choices: String { orList(allValueStrings) }
}

/// "a, b or c".
private func orList(_ names: [String]) -> String {
    names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
}

/// A name that is not one of a closed choice's; its description follows ArgumentParser's
/// "The value 'x' is invalid for '--option <VALUE>': ".
struct UnknownChoice: Error, CustomStringConvertible {
    var argument: String
    var valid: [String]
    var message: String? = nil

    var description: String {
        if let message { return message }
        let names = orList(valid)
        if let near = Suggestion.closest(to: argument, in: valid) {
            return "did you mean '\(near)'? Use one of \(names)."
        }
        return "use one of \(names)."
    }
}
