import ArgumentParser
import StemCheckModel
import StemCheckEngine

/// `stemcheck schema`: prints the protocol schema built into the binary.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the protocol schema (JSON Schema draft 2020-12) that check validates protocols against.",
        discussion: """
            The output is rules/protocol.schema.json of the source tree, byte for byte. Save it beside your \
            protocols and start a protocol with `# yaml-language-server: $schema=protocol.schema.json` for \
            completion and squiggles in editors that use the YAML language server.
            """)

    func run() throws {
        Console.output(EmbeddedResources.protocolSchema)
    }
}
