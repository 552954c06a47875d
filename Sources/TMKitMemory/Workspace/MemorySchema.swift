import GRDB

/// The translation-memory tables.
///
/// - `tm_import`: one row per imported file (its TMX header kept as JSON).
/// - `tm_unit`: one row per language pair of a translation unit. Text is kept twice: the plain
///   text (what matching and search see) and, when the segment holds inline codes, its TMX
///   markup (what export writes back). `source_key` is the hash of the source's match key
///   (exact lookup, duplicate candidates); `hash` covers languages and both segments with codes.
/// - `tm_gram`: the fuzzy-match prefilter, an inverted index from character trigrams of the
///   source's match key (the winnowed selection `MatchKey.indexGrams`) to unit ids. One row per trigram and import batch, ids delta-coded in a
///   blob: building it costs one row per distinct trigram per batch, not one per occurrence
///   (SQLite FTS5's trigram tokenizer indexed 200,000 units ten times slower than the rest of
///   the import together; see Benchmarks/memory.md).
/// - `tm_gram_count`: postings per trigram over all batches, so that a lookup picks its rarest
///   trigrams without touching the (large) posting blobs.
enum MemorySchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("001-memory-units") { db in
            try db.execute(sql: """
                CREATE TABLE tm_import (
                    id INTEGER PRIMARY KEY,
                    source TEXT NOT NULL,
                    format TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    imported_by TEXT,
                    header TEXT,
                    units INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE tm_unit (
                    id INTEGER PRIMARY KEY,
                    source_lang TEXT NOT NULL,
                    target_lang TEXT NOT NULL,
                    source_text TEXT NOT NULL,
                    target_text TEXT NOT NULL,
                    source_markup TEXT,
                    target_markup TEXT,
                    source_key INTEGER NOT NULL,
                    hash INTEGER NOT NULL,
                    tuid TEXT,
                    document TEXT,
                    paragraph INTEGER,
                    sentence INTEGER,
                    score REAL,
                    created_at TEXT,
                    created_by TEXT,
                    changed_at TEXT,
                    changed_by TEXT,
                    meta TEXT,
                    import_id INTEGER REFERENCES tm_import(id) ON DELETE SET NULL
                );
                CREATE INDEX tm_unit_source_key ON tm_unit(source_key);
                CREATE TABLE tm_gram (
                    gram INTEGER NOT NULL,
                    batch INTEGER NOT NULL,
                    count INTEGER NOT NULL,
                    units BLOB NOT NULL,
                    PRIMARY KEY (gram, batch)
                ) WITHOUT ROWID;
                CREATE TABLE tm_gram_count (
                    gram INTEGER PRIMARY KEY,
                    count INTEGER NOT NULL
                );
                """)
        }
        // The index keeps a winnowed selection of each unit's trigrams (MatchKey.indexGrams)
        // instead of all of them: memories made before hold all, and are indexed again.
        migrator.registerMigration("002-memory-winnowed-grams") { db in
            try GramIndexWriter.rebuild(db)
        }
    }
}
