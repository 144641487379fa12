import ArgumentParser

/// `cmg-history gateway …`
struct GatewayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway",
        abstract: "List the gateways, record what exports do not say about them, and keep one gateway per CMG.",
        discussion: """
            A gateway answers to its name, its AzureServiceID and its aliases, without regard to case. \
            A short name (GraniteFalls, as log file names write it) is the gateway whose name begins \
            with it and a dot when only one does; a gateway stored under a short name before the full \
            name arrived is folded into it on import.
            """,
        subcommands: [GatewayListCommand.self, GatewaySetCommand.self, GatewayRenameCommand.self, GatewayMergeCommand.self,
                      GatewayAliasCommand.self, GatewayRemoveCommand.self]
    )
}
