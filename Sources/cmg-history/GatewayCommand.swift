import ArgumentParser

/// `cmg-history gateway …`: the gateways themselves, and what the exports do not say about them.
struct GatewayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway",
        abstract: "Record and manage gateways (CMGs) and their configuration.",
        subcommands: [GatewaySetCommand.self]
    )
}
