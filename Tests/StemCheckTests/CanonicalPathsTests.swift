import Foundation
import Testing
@testable import StemCheckModel
#if canImport(Glibc)
import Glibc
#endif

/// `CanonicalPaths` resolves a file's folder once and adds its name; it must say what
/// `InputFile.canonicalPath` (`realpath` of the whole path) says for every kind of path.
@Suite struct CanonicalPathsTests {
    @Test func agreesWithRealpathOnEveryKindOfPath() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("canonical-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: root) }
        for folder in ["a/b", "reports", "real"] { try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true) }
        for file in ["a/one.yaml", "a/b/two.yaml", "reports/r.yaml", "real/c.yaml"] {
            #expect(fm.createFile(atPath: root + "/" + file, contents: Data("a: 1\n".utf8)))
        }
        try fm.createSymbolicLink(atPath: root + "/a/link.yaml", withDestinationPath: "../reports/r.yaml")
        try fm.createSymbolicLink(atPath: root + "/a/chain.yaml", withDestinationPath: "link.yaml")
        try fm.createSymbolicLink(atPath: root + "/a/dangling.yaml", withDestinationPath: "nowhere.yaml")
        try fm.createSymbolicLink(atPath: root + "/a/dirlink", withDestinationPath: "../real")
        try fm.createSymbolicLink(atPath: root + "/rootlink", withDestinationPath: root + "/a")
        // A name that is not UTF-8 (Latin-1 `é`).
        let latin1 = Array((root + "/a/caf").utf8CString.dropLast()) + [CChar(bitPattern: 0xE9), 46, 121, 0]
        #expect(creat(latin1, 0o644) >= 0)

        let paths = [
            "a/one.yaml", "a/b/two.yaml", "a//one.yaml", "a/./one.yaml", "a/b/../one.yaml", "a/link.yaml",
            "a/chain.yaml", "a/dangling.yaml", "a/missing.yaml", "a/dirlink/c.yaml", "rootlink/b/two.yaml",
            "rootlink/link.yaml", "reports/r.yaml", "a/b", "a/b/", "a/.", "a/..", "a/one.yaml/x",
        ].map { InputFile(root + "/" + $0) } + [InputFile(cPath: latin1), InputFile("/"), InputFile("/tmp")]
        var resolver = CanonicalPaths()
        for file in paths + paths {  // the second time from the cache
            #expect(resolver.path(of: file) == file.canonicalPath, "\(file.display)")
        }
        // Relative paths: the folder is the working directory's.
        let here = fm.currentDirectoryPath
        #expect(fm.createFile(atPath: here + "/.canonical-test-\(getpid()).yaml", contents: Data()))
        defer { try? fm.removeItem(atPath: here + "/.canonical-test-\(getpid()).yaml") }
        for relative in [".canonical-test-\(getpid()).yaml", "./.canonical-test-\(getpid()).yaml"] {
            let file = InputFile(relative)
            #expect(resolver.path(of: file) == file.canonicalPath, "\(relative)")
            #expect(resolver.path(of: file) == here + "/.canonical-test-\(getpid()).yaml")
        }
    }
}
