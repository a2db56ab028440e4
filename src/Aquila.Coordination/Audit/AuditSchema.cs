namespace Aquila.Coordination.Audit;

// The SQLite schema of the audit chain. PRAGMA user_version marks it; a newer version is refused, not guessed at.
internal static class AuditSchema
{
    public const int Version = 1;

    public const string Table = "audit_entries";

    // STRICT keeps column types honest; the triggers make the table append-only for anyone using the database normally.
    // They are no security boundary (whoever can write the file can drop them): the hash chain and the nodes' saved
    // heads are.
    public const string Create = """
        CREATE TABLE audit_entries (
            sequence     INTEGER PRIMARY KEY,
            timestamp_ms INTEGER NOT NULL,
            kind         TEXT    NOT NULL,
            actor        TEXT    NOT NULL,
            project_id   TEXT,
            subject      TEXT,
            details      TEXT    NOT NULL,
            prev_hash    BLOB    NOT NULL,
            hash         BLOB    NOT NULL
        ) STRICT;
        CREATE INDEX audit_entries_batch_subject ON audit_entries (subject) WHERE kind = 'batch.accepted';
        CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
            BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
        CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
            BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
        PRAGMA user_version = 1;
        """;

    // Chains made before the index above indexed every entry's (kind, subject): a query or a bulk check's person then cost
    // a random index page per hit. Only accepted batches are ever looked up by subject, so the opening swaps the index
    // (the table, the entries and their hashes are unchanged; the schema version stays).
    public const string NarrowIndex = """
        DROP INDEX IF EXISTS audit_entries_kind_subject;
        CREATE INDEX IF NOT EXISTS audit_entries_batch_subject ON audit_entries (subject) WHERE kind = 'batch.accepted';
        """;

    public const string Columns = "sequence, timestamp_ms, kind, actor, project_id, subject, details, prev_hash, hash";

    public const string Insert = """
        INSERT INTO audit_entries (sequence, timestamp_ms, kind, actor, project_id, subject, details, prev_hash, hash)
        VALUES ($sequence, $timestamp, $kind, $actor, $project, $subject, $details, $prev, $hash)
        """;

    // The same by position (?1..?9), for the writer's statement bound through SQLite's own API.
    public const string InsertByPosition = """
        INSERT INTO audit_entries (sequence, timestamp_ms, kind, actor, project_id, subject, details, prev_hash, hash)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
        """;

    public const string SelectLast = "SELECT " + Columns + " FROM audit_entries ORDER BY sequence DESC LIMIT 2";

    public const string SelectAll = "SELECT " + Columns + " FROM audit_entries ORDER BY sequence";

    public const string SelectFrom = "SELECT " + Columns + " FROM audit_entries WHERE sequence >= $from ORDER BY sequence LIMIT $max";

    // Uses the partial index (the kind is a literal, so SQLite can prove the index covers it).
    public const string SelectBatchAcceptedBySubject =
        "SELECT " + Columns + " FROM audit_entries WHERE kind = 'batch.accepted' AND subject = $subject ORDER BY sequence LIMIT 1";

    // Any other kind: no index, a scan of the table.
    public const string SelectByKindAndSubject =
        "SELECT " + Columns + " FROM audit_entries WHERE kind = $kind AND subject = $subject ORDER BY sequence LIMIT 1";

    public const string TableExists = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_entries'";
}
