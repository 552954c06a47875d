import ArgumentParser

/// The domain subcommands (glossary, align, tm, check), listed in one place so that each can
/// live in its own folder.
enum CommandRegistry {
    static let domainCommands: [ParsableCommand.Type] = [GlossaryCommand.self, TMCommand.self, AlignCommand.self, CheckCommand.self]
}
