import Dispatch
import Synchronization
import YAMLSource
import StemCheckEngine
import StemCheckInput
import StemCheckModel
import StemCheckReports

/// Checks many protocol files, in parallel, writing each one's reports as soon as it is done.
///
/// Files are read, checked, reported and released one at a time per worker, so memory does not
/// grow with the number of files. Standard-output text is emitted in input order, so output is
/// the same for any number of jobs.
public struct BatchCheck: Sendable {
    /// Reads each file into a protocol document.
    public var reader: ProtocolReader
    /// The checker (rules and options).
    public var checker: Checker
    /// Formats to produce and where each goes.
    public var requests: [OutputRequest]
    /// The formats requested.
    public var formats: [ReportFormat] { requests.map(\.format) }
    /// Where the GitHub job summary goes (`$GITHUB_STEP_SUMMARY`) when `github` is requested.
    public var stepSummary: String?
    /// Findings known from an earlier report (`--baseline`): left out of the reports.
    public var baseline: Baseline?
    /// Where to write this run's findings as the next baseline (`--write-baseline`): one JSON
    /// document of every result, before `baseline` leaves any out.
    public var writeBaseline: String?
    /// Folder for file formats.
    public var outputDirectory: String
    /// Worker threads.
    public var jobs: Int
    /// How formats with a choice look (terminal colour, the HTML appendix).
    public var options: RenderOptions
    /// Without `--profile`: the profile chosen per protocol (nil: `checker` for every file).
    public var autoProfile: AutoProfile?
    /// What the checker's rules were selected from. Given, each worker after the first of a run
    /// with at least `filesPerWorkerForOwnRules` files per worker checks with rules compiled again
    /// for it alone (`Lane`); without it, every worker shares the checker's.
    public var ruleOrigin: RuleOrigin?
    /// How many files per worker a run needs before its further workers compile rules of their
    /// own: compiling the shipped packs costs about as much as checking 50 protocols, sharing them
    /// up to a fifth of each protocol's check on two cores (docs/performance.md).
    public var filesPerWorkerForOwnRules = 256

    /// Creates a batch.
    public init(reader: ProtocolReader, checker: Checker, formats: [ReportFormat], outputDirectory: String, jobs: Int,
                options: RenderOptions = RenderOptions(), autoProfile: AutoProfile? = nil) {
        self.init(reader: reader, checker: checker, requests: formats.map { OutputRequest(format: $0) },
                  outputDirectory: outputDirectory, jobs: jobs, options: options, autoProfile: autoProfile)
    }

    /// Creates a batch whose formats may each go to one document for the whole run.
    public init(reader: ProtocolReader, checker: Checker, requests: [OutputRequest], outputDirectory: String, jobs: Int,
                options: RenderOptions = RenderOptions(), autoProfile: AutoProfile? = nil, stepSummary: String? = nil,
                baseline: Baseline? = nil, writeBaseline: String? = nil, ruleOrigin: RuleOrigin? = nil) {
        self.ruleOrigin = ruleOrigin
        self.baseline = baseline
        self.writeBaseline = writeBaseline
        var checkOptions = checker.options
        checkOptions.explainNotApplicable = requests.contains { $0.format.reporter.showsNotApplicableDetail(options) }
        checkOptions.explainUnknown = requests.contains { $0.format.reporter.showsUnknownMessage(options) }
        checkOptions.traceUnknown = requests.contains { $0.format.reporter.showsUnknownWhy(options) }
        checkOptions.describePasses = requests.contains { $0.format.reporter.showsPassDetail(options) }
        var reader = reader
        // The next baseline (`--write-baseline`) is an essential JSON document: it shows the digest.
        reader.computesDigest = reader.computesDigest && (writeBaseline != nil || requests.contains { $0.format.reporter.showsDigest })
        self.reader = reader
        self.checker = Checker(rules: checker.rules, options: checkOptions, schema: checker.schema)
        self.autoProfile = autoProfile?.with(options: checkOptions)
        self.requests = requests
        self.stepSummary = stepSummary
        self.outputDirectory = outputDirectory
        self.jobs = max(1, jobs)
        self.options = options
    }

    /// What happened to one file.
    public enum FileOutcome: Sendable {
        /// Checked; `gated` when a result gates under `--fail-on`.
        case checked(gated: Bool)
        /// Unusable input or an unwritable report; nothing was written for it.
        case failed
    }

    /// The run's result.
    public struct Outcome: Sendable {
        public var outcomes: [FileOutcome]
        /// Whether the whole-run documents for files (`FORMAT=PATH`) could not be written (none was put in place).
        public var documentsFailed = false
        /// How many workers compiled rules of their own (`Lane`).
        public var workersWithOwnRules = 0
        /// 0, 1 or 2 (SPEC 5).
        public var exitCode: Int32 {
            var code: Int32 = 0
            for outcome in outcomes {
                switch outcome {
                case .checked(let gated): if gated { code = max(code, 1) }
                case .failed: code = 2
                }
            }
            return code
        }
    }

    /// Report file stems, unique within the batch: later files with a taken stem get `-2`, `-3`, ...
    public static func stems(for files: [InputFile]) -> [String] {
        var used = Set<String>()
        var out: [String] = []
        for file in files {
            var stem = file.stem
            if used.contains(stem) {
                var n = 2
                while used.contains("\(file.stem)-\(n)") { n += 1 }
                stem = "\(file.stem)-\(n)"
            }
            used.insert(stem)
            out.append(stem)
        }
        return out
    }

    /// Checks every file. `emit` receives standard-output text (UTF-8) in file order, `diagnose`
    /// receives standard-error text (also in file order), and `progress` the count of files done.
    public func run(files: [InputFile], emit: @escaping @Sendable ([UInt8]) -> Void,
                    diagnose: @escaping @Sendable (String) -> Void,
                    progress: (@Sendable (Int, Int) -> Void)? = nil) -> Outcome {
        let stems = Self.stems(for: files)
        // Whole-run documents: each protocol's part is spooled as it comes, in input order.
        var spooled = requests.indices.filter { requests[$0].isWholeRun }
        if writeBaseline != nil { spooled.append(Self.baselinePart) }
        let state = Mutex(OrderedState(count: files.count, spooled: spooled))
        let next = Atomic<Int>(0)
        // A worker takes a file only while fewer than `window` files are taken and not yet
        // emitted: when one worker is held up (a large file, a stalled core), the others wait
        // rather than pile up pieces behind it, so memory stays bounded by the window, not by the
        // run. The first file not emitted is always being checked, so a place always comes free.
        let window = DispatchSemaphore(value: Self.window(jobs: jobs))
        let workers = min(jobs, files.count)
        let shared = Lane(checker: checker, autoProfile: autoProfile)
        let compiled = Atomic<Int>(0)
        let work: @Sendable (Int) -> Void = { worker in
            // The first worker starts at once with the run's rules; the others compile their own
            // first (in parallel with it, when there are cores for both), unless what is left of
            // the run is too small to repay that.
            var lane = shared
            if let origin = self.ruleOrigin,
               Self.compilesOwnRules(worker: worker, workers: workers, left: files.count - next.load(ordering: .relaxed),
                                     filesPerWorker: self.filesPerWorkerForOwnRules),
               let own = Lane(compiledFrom: origin, like: shared) {
                lane = own
                compiled.add(1, ordering: .relaxed)
            }
            while true {
                window.wait()
                let index = next.add(1, ordering: .relaxed).oldValue
                if index >= files.count {
                    window.signal()
                    return
                }
                let piece = self.process(files[index], index: index, stem: stems[index], lane: lane)
                let emitted = state.withLock { s in
                    s.store(index, piece)
                    var emitted = 0
                    while let ready = s.takeNext() {
                        for (n, part) in ready.parts { s.spools[n]?.append(part) }
                        if !ready.stdout.isEmpty { emit(ready.stdout) }
                        if !ready.stderr.isEmpty { diagnose(ready.stderr) }
                        s.done += 1
                        emitted += 1
                        progress?(s.done, files.count)
                    }
                    return emitted
                }
                for _ in 0..<emitted { window.signal() }
            }
        }
        if workers < 2 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        var outcomes = state.withLock { $0.outcomes.map { $0 ?? .failed } }
        let (spools, failed) = state.withLock { ($0.spools, $0.failed) }
        // One document per whole-run request, written from the spooled parts in input order.
        let clock = checker.options
        let context = BatchContext(generatedAt: clock.generatedAt, failOn: clock.failOn,
                                   failedFiles: failed.sorted { $0.key < $1.key }.map { (files[$0.key].display, $0.value) })
        var documents: [(path: String, write: (DocumentWriter) -> String?)] = []
        if let writeBaseline, let spool = spools[Self.baselinePart] {
            documents.append((writeBaseline, { out in
                JSONReporter.writeBatch(spool.parts(), context: context, options: self.options, to: out)
                return spool.problem
            }))
        }
        for (n, request) in requests.enumerated() where request.isWholeRun {
            guard let spool = spools[n] else { continue }
            let reporter = request.format.reporter
            switch request.destination {
            case .file(let path):
                documents.append((path, { out in
                    reporter.writeBatch(spool.parts(), context: context, options: self.options, to: out)
                    return spool.problem
                }))
            case .standardOutput, .perProtocol:
                let out = DocumentWriter { emit($0) }
                reporter.writeBatch(spool.parts(), context: context, options: options, to: out)
                out.flush()
                if let problem = spool.problem {
                    diagnose("error: the whole-run \(request.format) document on standard output is incomplete: \(problem)\n")
                    outcomes.append(.failed)
                }
            }
            if request.format == .github, let summary = stepSummary {
                let text = Array((MarkdownReporter.summaryTable(spool.parts().entries, count: spool.count, context: context, links: false) + "\n").utf8)
                if let problem = spool.problem {
                    diagnose("\(summary): error: the job summary was not written: \(problem)\n")
                } else {
                    do throws(AtomicFiles.WriteError) { try AtomicFiles.append(text, to: summary) } catch { diagnose(error.description + "\n") }
                }
            }
        }
        var documentsFailed = false
        do {
            try AtomicFiles.writeAll(streaming: documents)
        } catch {
            diagnose(error.description + "\n")
            outcomes.append(.failed)
            documentsFailed = true
        }
        return Outcome(outcomes: outcomes, documentsFailed: documentsFailed, workersWithOwnRules: compiled.load(ordering: .relaxed))
    }

    /// Whether a worker compiles rules of its own as it starts: not the first (which starts at
    /// once with the run's), and only while at least `filesPerWorker` files per worker are left.
    /// A worker that starts late (more jobs than cores run their iterations one after another)
    /// finds few files left and shares the run's rules.
    static func compilesOwnRules(worker: Int, workers: Int, left: Int, filesPerWorker: Int) -> Bool {
        worker > 0 && workers > 1 && left / workers >= filesPerWorker
    }

    /// How many files may be taken and not yet emitted at once: 32 per worker.
    static func window(jobs: Int) -> Int { 32 * max(1, jobs) }

    /// The index under which a file's part of the next baseline is kept.
    static let baselinePart = -1

    /// One file's output, held until it can be emitted in order.
    struct Piece: Sendable {
        /// Standard-output text, UTF-8 (the text and GitHub formats, written as they render it).
        var stdout: [UInt8]
        var stderr: String
        var outcome: FileOutcome
        /// The protocol's parts of whole-run documents, by request index.
        var parts: [Int: BatchPart] = [:]
    }

    struct OrderedState: ~Copyable {
        var pending: [Int: Piece] = [:]
        var nextToEmit = 0
        var outcomes: [FileOutcome?]
        var done = 0
        /// Whole-run parts by request index, spooled in input order as pieces are emitted.
        var spools: [Int: BatchSpool] = [:]
        /// Files that could not be checked, with the first line of why.
        var failed: [Int: String] = [:]

        init(count: Int, spooled: [Int]) {
            outcomes = Array(repeating: nil, count: count)
            for n in spooled { spools[n] = BatchSpool() }
        }

        mutating func store(_ index: Int, _ piece: Piece) {
            outcomes[index] = piece.outcome
            if case .failed = piece.outcome {
                failed[index] = String(piece.stderr.split(separator: "\n").first ?? "")
            }
            pending[index] = piece
        }

        mutating func takeNext() -> Piece? {
            guard let piece = pending.removeValue(forKey: nextToEmit) else { return nil }
            nextToEmit += 1
            return piece
        }
    }

    /// What one worker checks with: a checker, and the profile choice that picks others.
    struct Lane: Sendable {
        var checker: Checker
        var autoProfile: AutoProfile?

        /// Checks a document under the profile chosen for it (with a note saying which and why),
        /// else with `checker`.
        func check(_ document: ProtocolDocument) throws(InputError) -> Report {
            var document = document
            var checker = self.checker
            if let autoProfile {
                let (chosen, note) = try autoProfile.checker(for: document, fallback: checker)
                checker = chosen
                if let note { document.notes.insert(note, at: 0) }
            }
            return try checker.check(document)
        }
    }

    private func process(_ file: InputFile, index: Int, stem: String, lane: Lane) -> Piece {
        let checked: Report
        do {
            checked = try lane.check(try reader.read(file))
        } catch {
            return Piece(stdout: [], stderr: error.description + "\n", outcome: .failed)
        }
        var stdout: [UInt8] = []
        var files: [(bytes: [UInt8], path: String)] = []
        var parts: [Int: BatchPart] = [:]
        if writeBaseline != nil {
            var essential = options
            essential.detail = .essential
            parts[Self.baselinePart] = JSONReporter.batchPart(checked, index: index, options: essential)
        }
        let report = baseline?.apply(to: checked) ?? checked
        for (n, request) in requests.enumerated() {
            let reporter = request.format.reporter
            if request.isWholeRun {
                parts[n] = reporter.batchPart(report, index: index, options: options)
            } else if let suffix = reporter.fileSuffix {
                files.append((reporter.render(report, options: options), outputDirectory + "/" + stem + suffix))
            } else {
                stdout += reporter.render(report, options: options)
            }
        }
        do {
            try AtomicFiles.writeAll(files)
        } catch {
            return Piece(stdout: stdout, stderr: error.description + "\n", outcome: .failed)
        }
        return Piece(stdout: stdout, stderr: "", outcome: .checked(gated: !report.summary.gatePassed), parts: parts)
    }
}

extension BatchCheck.Lane {
    /// A lane like `shared` whose rules are compiled again from `origin`: the same rules and
    /// options, in objects no other worker holds. Nil when they cannot be (the worker then
    /// shares `shared`'s: slower on several cores, the same results).
    init?(compiledFrom origin: RuleOrigin, like shared: BatchCheck.Lane) {
        // The same rules as the run's, in the same order and with the same severities (a
        // profile's overrides applied), or none: `origin` must be what `shared` came from.
        guard let catalog = origin.catalog.recompiled(), let rules = try? catalog.select(profile: origin.profile),
              rules.ruleCount == shared.checker.rules.ruleCount,
              zip(rules.packs.lazy.flatMap(\.rules), shared.checker.rules.packs.lazy.flatMap(\.rules))
                .allSatisfy({ $0.id == $1.id && $0.severity == $1.severity }) else { return nil }
        var own: AutoProfile?
        if let auto = shared.autoProfile {
            guard let made = AutoProfile(catalog: catalog, options: auto.options, adding: auto.adding) else { return nil }
            own = made
        }
        self.init(checker: Checker(rules: rules, options: shared.checker.options, schema: shared.checker.schema), autoProfile: own)
    }
}
