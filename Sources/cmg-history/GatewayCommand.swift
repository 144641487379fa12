import ArgumentParser

/// `cmg-history gateway …`
struct GatewayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway",
        abstract: "List the gateways and keep one gateway per CMG: rename, merge, alias and remove them.",
        discussion: """
            A gateway answers to its name, its AzureServiceID and its aliases, without regard to case. \
            A short name (GraniteFalls, as log file names write it) is the gateway whose name begins \
            with it and a dot when only one does; a gateway stored under a short name before the full \
            name arrived is folded into it on import.
            """,
        subcommands: [GatewayListCommand.self, GatewayRenameCommand.self, GatewayMergeCommand.self,
                      GatewayAliasCommand.self, GatewayRemoveCommand.self]
    )
}
