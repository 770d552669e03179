/// Long runs of path arguments, folded into one placeholder each before the command line is
/// parsed and unfolded after (`stemcheck check` or `stemcheck migrate` with thousands of files).
///
/// ArgumentParser (1.8) parses a repeating positional argument in time quadratic in its number of
/// values: each value copies the array of values so far and merges the set of argument positions
/// seen so far. `stemcheck check` given 10,000 files spent about 2.4 s parsing its command line
/// before reading a file; a shell glob over a registry's records is exactly that. Folding each run
/// of arguments that can only be paths into one placeholder leaves the parser a few values.
///
/// An argument can only be a path when neither it nor the argument before it starts with `-`:
/// it is not an option, and no option takes it as its value, because every option of the
/// command takes at most one value, written after it (or after `=`, in the option's own
/// argument). So `--jobs 2 a.yaml` folds from `a.yaml` on, and the argument after a flag or `--`
/// is left to the parser. The placeholder starts with a NUL byte, which no argument a program is
/// given can contain (arguments are C strings), so it cannot be taken for one.
public struct PathArgumentRuns: Sendable, Equatable {
    /// The folded runs, in order; placeholder `k` stands for `runs[k]`.
    public private(set) var runs: [[String]] = []

    /// Runs shorter than this are left as they are: the parser handles a few values quickly, and
    /// what it sees stays the command line as written.
    public static let minimumRun = 16

    private static let prefix = "\u{0}paths:"

    /// `arguments` (after the program's name; the first is the subcommand's name, which the parser
    /// reads as a command, not an option) with every run of at least `minimumRun` arguments that
    /// can only be paths replaced by one placeholder, and the runs. Only for a command whose
    /// options each take at most one value (see the type's documentation).
    public static func fold(_ arguments: [String]) -> (arguments: [String], runs: PathArgumentRuns) {
        var folded: [String] = []
        var runs = PathArgumentRuns()
        var run: [String] = []
        func endRun() {
            if run.count >= minimumRun {
                folded.append(prefix + String(runs.runs.count))
                runs.runs.append(run)
            } else {
                folded.append(contentsOf: run)
            }
            run.removeAll(keepingCapacity: true)
        }
        for (n, argument) in arguments.enumerated() {
            if n > 0, !isDashed(argument), !isDashed(arguments[n - 1]) {
                run.append(argument)
            } else {
                endRun()
                folded.append(argument)
            }
        }
        endRun()
        return (folded, runs)
    }

    /// `values` (the parsed paths) with each placeholder replaced by its run.
    public func unfold(_ values: [String]) -> [String] {
        guard !runs.isEmpty else { return values }
        var out: [String] = []
        out.reserveCapacity(values.count + runs.reduce(0) { $0 + $1.count })
        for value in values {
            if value.hasPrefix(Self.prefix), let k = Int(value.dropFirst(Self.prefix.count)), runs.indices.contains(k) {
                out.append(contentsOf: runs[k])
            } else {
                out.append(value)
            }
        }
        return out
    }

    /// Whether `value` is a placeholder for a folded run (which holds at least `minimumRun`
    /// paths): a command's validation while it is parsed counts it as several files.
    public static func isPlaceholder(_ value: String) -> Bool {
        value.hasPrefix(prefix)
    }

    /// Whether the parser may read `argument` as an option (or the `--` terminator).
    private static func isDashed(_ argument: String) -> Bool {
        argument.utf8.first == UInt8(ascii: "-")
    }
}
