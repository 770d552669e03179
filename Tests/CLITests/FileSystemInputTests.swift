import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// SPEC 8, end to end: files and folders that are not plain readable files, and output folders
/// that cannot take the reports. Each case exits 2 with a located message and writes no report.
@Suite struct FileSystemInputTests {
    static let rules = """
        pack: {id: t, version: "1"}
        rules:
          - id: NEED-A
            title: a is present
            severity: error
            check: {path: a, exists: true}
        """
    static let good = "a: 1\n"

    func scratch() throws -> Scratch {
        let s = try Scratch()
        try s.write("rules/t.yaml", Self.rules)
        return s
    }

    func check(_ s: Scratch, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["check"] + arguments + ["--rules", "rules"], in: s.url)
    }

    /// Report files in `folder`, temporaries (hidden files) included.
    func everything(_ s: Scratch, _ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: s.url.appendingPathComponent(folder).path)) ?? []).sorted()
    }

    @Test func fifoIsRefusedWithoutBlocking() throws {
        let s = try scratch()
        try s.folder("dir")
        #expect(mkfifo(s.url.appendingPathComponent("p.yaml").path, 0o644) == 0)
        #expect(mkfifo(s.url.appendingPathComponent("dir/q.yaml").path, 0o644) == 0)
        // Nobody ever opens the FIFOs for writing: a blocking open would hang here.
        for argument in ["p.yaml", "dir"] {
            let r = try check(s, [argument, "--format", "json", "--output", "out"])
            #expect(r.status == 2)
            let name = argument == "dir" ? "dir/q.yaml" : "p.yaml"
            #expect(r.stderr.contains("\(name):1:1: error: cannot read file: not a regular file (a FIFO, socket or device?)"), "\(r.stderr)")
            #expect(everything(s, "out") == [])
        }
    }

    @Test func symlinkLoopIsRefused() throws {
        let s = try scratch()
        try s.folder("dir")
        try s.write("dir/good.yaml", Self.good)
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: s.url.appendingPathComponent("loop.yaml").path, withDestinationPath: "loop.yaml")
        try fm.createSymbolicLink(atPath: s.url.appendingPathComponent("dir/again").path, withDestinationPath: ".")
        try fm.createSymbolicLink(atPath: s.url.appendingPathComponent("dir/self.yaml").path, withDestinationPath: "self.yaml")
        let direct = try check(s, ["loop.yaml", "--format", "json", "--output", "out"])
        #expect(direct.status == 2)
        #expect(direct.stderr.contains("loop.yaml:1:1: error: cannot read: Too many levels of symbolic links"), "\(direct.stderr)")
        #expect(!s.exists("out"))
        // In a folder, a looping directory link is walked once and a looping file link is skipped.
        let walked = try check(s, ["dir", "--format", "json", "--output", "out"])
        #expect(walked.status == 0, "\(walked.stderr)")
        #expect(s.list("out") == ["good.json"])
    }

    @Test(.enabled(if: geteuid() != 0, "running as root: chmod 000 does not stop root from reading the file"))
    func unreadableFile() throws {
        let s = try scratch()
        let file = try s.write("p.yaml", Self.good)
        #expect(chmod(file.path, 0) == 0)
        let r = try check(s, ["p.yaml", "--format", "json", "--output", "out"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("p.yaml:1:1: error: cannot read file: Permission denied"), "\(r.stderr)")
        #expect(everything(s, "out") == [])
    }

    @Test func nonUTF8FileNames() throws {
        let s = try scratch()
        try s.folder("dir")
        // "caf\xE9.yaml": Latin-1, not UTF-8.
        let name: [UInt8] = Array("dir/caf".utf8) + [0xE9] + Array(".yaml".utf8)
        let path = Array(s.url.path.utf8) + [UInt8(ascii: "/")] + name + [0]
        let fd = path.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        #expect(fd >= 0)
        _ = Self.good.withCString { write(fd, $0, strlen($0)) }
        close(fd)
        let r = try check(s, ["dir", "--format", "json", "--output", "out"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(s.list("out") == ["caf\u{FFFD}.json"])
        let report = try s.json("out/caf\u{FFFD}.json")
        #expect((report["protocol"] as? [String: Any])?["path"] as? String == "dir/caf\u{FFFD}.yaml")
        // Named on the command line: Foundation's Process only passes UTF-8 arguments, so go through sh.
        let binary = try #require(CLI.binary)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", #"exec "$0" check "$(printf 'dir/caf\351.yaml')" --rules rules --format json --output direct 2>/dev/null"#, binary.path]
        process.currentDirectoryURL = s.url
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(s.list("direct") == ["caf\u{FFFD}.json"])
    }

    @Test func pathGivenTwiceIsCheckedOnce() throws {
        let s = try scratch()
        try s.write("dir/p.yaml", Self.good)
        let r = try check(s, ["dir/p.yaml", "./dir/p.yaml", "dir", "dir/p.yaml", "--format", "json", "--output", "out"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(s.list("out") == ["p.json"])
        #expect(!r.stderr.contains("checked"), "\(r.stderr)")
    }

    @Test func outputThatIsAFile() throws {
        let s = try scratch()
        try s.write("p.yaml", Self.good)
        try s.write("out", "keep me\n")
        let r = try check(s, ["p.yaml", "--format", "json", "--output", "out"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("out: error: cannot write report: it exists and is not a directory; choose another --output"), "\(r.stderr)")
        #expect(s.read("out") == "keep me\n")
    }

    @Test func outputUnderAFileIsRefused() throws {
        let s = try scratch()
        try s.write("p.yaml", Self.good)
        try s.write("file", "keep me\n")
        let r = try check(s, ["p.yaml", "--format", "json", "--output", "file/reports"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("file/reports: error: cannot write report:"), "\(r.stderr)")
        #expect(s.read("file") == "keep me\n")
    }

    @Test func missingOutputFolderIsCreated() throws {
        let s = try scratch()
        try s.write("p.yaml", Self.good)
        let r = try check(s, ["p.yaml", "--format", "json", "--output", "a/b/c"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(s.list("a/b/c") == ["p.json"])
    }

    @Test(.enabled(if: TinyDisk.available, "cannot mount a tmpfs here (needs root); the read-only case is untested"))
    func readOnlyOutputFolder() throws {
        let s = try scratch()
        try s.write("p.yaml", Self.good)
        try s.folder("out")
        try TinyDisk.mount(at: s.url.appendingPathComponent("out").path, options: "ro,size=64k")
        defer { TinyDisk.unmount(s.url.appendingPathComponent("out").path) }
        let r = try check(s, ["p.yaml", "--format", "json", "--output", "out"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("out: error: cannot write report: the directory is not writable"), "\(r.stderr)")
        #expect(everything(s, "out") == [])
    }

    @Test(.enabled(if: TinyDisk.available, "cannot mount a tmpfs here (needs root); the full-disk case is untested"))
    func fullDiskKeepsTheEarlierReport() throws {
        let s = try scratch()
        try s.write("p.yaml", Self.good)
        try s.folder("out")
        let out = s.url.appendingPathComponent("out").path
        try TinyDisk.mount(at: out, options: "size=64k")
        defer { TinyDisk.unmount(out) }
        try Data("earlier report\n".utf8).write(to: URL(fileURLWithPath: out + "/p.json"))
        // Fill what is left of the 64 KiB.
        let handle = try #require(FileHandle(forWritingAtPath: { FileManager.default.createFile(atPath: out + "/.fill", contents: nil); return out + "/.fill" }()))
        let block = Data(repeating: 0x20, count: 4096)
        while (try? handle.write(contentsOf: block)) != nil {}
        try? handle.close()
        let r = try check(s, ["p.yaml", "--format", "json", "--format", "html", "--output", "out"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("out/p.json: error: cannot write report: No space left on device")
                || r.stderr.contains("out/p.html: error: cannot write report: No space left on device"), "\(r.stderr)")
        #expect(everything(s, "out") == [".fill", "p.json"])
        #expect(s.read("out/p.json") == "earlier report\n")
    }
}

/// A tiny tmpfs, for the read-only and full-disk cases (root only).
enum TinyDisk {
    /// Whether this process can mount a tmpfs.
    static let available: Bool = {
        guard geteuid() == 0, let point = try? Scratch() else { return false }
        guard (try? mount(at: point.url.path, options: "size=64k")) != nil else { return false }
        unmount(point.url.path)
        return true
    }()

    struct Failed: Error { var status: Int32 }

    static func mount(at path: String, options: String) throws {
        let status = run("/bin/mount", ["-t", "tmpfs", "-o", options, "tmpfs", path])
        if status != 0 { throw Failed(status: status) }
    }

    static func unmount(_ path: String) {
        _ = run("/bin/umount", [path])
    }

    private static func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
