import GRDB

/// The translation-memory tables.
enum MemorySchema {
    static func register(in migrator: inout DatabaseMigrator) {
        // Translation-memory migrations are added here ("001-memory-units", ...).
    }
}
