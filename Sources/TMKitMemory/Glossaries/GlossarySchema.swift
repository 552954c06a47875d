import GRDB

/// The glossary tables (user glossaries imported into the workspace).
enum GlossarySchema {
    static func register(in migrator: inout DatabaseMigrator) {
        // Glossary migrations are added here ("101-glossary-concepts", ...).
    }
}
