import GRDB

/// The glossary tables (user glossaries imported into the workspace).
///
/// A glossary row holds its header; each concept is one row with its full data as JSON (so every
/// TBX field survives), and each term one row for queries by spelling and language.
enum GlossarySchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("101-glossaries") { db in
            try db.execute(
                sql: """
                    CREATE TABLE glossary (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        source_file TEXT,
                        format TEXT NOT NULL,
                        language TEXT NOT NULL,
                        header TEXT NOT NULL,
                        imported_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL
                    );
                    CREATE TABLE glossary_concept (
                        id INTEGER PRIMARY KEY,
                        glossary_id INTEGER NOT NULL REFERENCES glossary(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        concept_id TEXT NOT NULL,
                        data TEXT NOT NULL,
                        UNIQUE (glossary_id, concept_id)
                    );
                    CREATE INDEX glossary_concept_glossary ON glossary_concept(glossary_id, position);
                    CREATE TABLE glossary_term (
                        concept_rowid INTEGER NOT NULL REFERENCES glossary_concept(id) ON DELETE CASCADE,
                        language TEXT NOT NULL,
                        term TEXT NOT NULL,
                        status TEXT
                    );
                    CREATE INDEX glossary_term_text ON glossary_term(term);
                    CREATE INDEX glossary_term_concept ON glossary_term(concept_rowid);
                    """)
        }
    }
}
