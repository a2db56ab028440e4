namespace Aquila.Coordination.Projects;

// The SQL of the project store. A project is one JSON document (its roster, confirmations, submissions and attestations
// are small) with the state and version beside it; feedback and retained hits are rows because they grow with hits.
internal static class ProjectStoreSchema
{
    public const int Version = 1;

    public const string TableExists = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'projects'";

    public const string Create = """
        CREATE TABLE projects (
            id TEXT PRIMARY KEY,
            version INTEGER NOT NULL,
            state TEXT NOT NULL,
            document TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE feedback (
            project_id TEXT NOT NULL REFERENCES projects(id),
            hit_id TEXT NOT NULL,
            party TEXT NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('confirmed', 'rejected')),
            follow_up TEXT,
            recorded_at INTEGER NOT NULL,
            PRIMARY KEY (project_id, hit_id, party)
        ) STRICT;
        CREATE TABLE retained_hits (
            project_id TEXT NOT NULL REFERENCES projects(id),
            hit_id TEXT NOT NULL,
            party_a TEXT NOT NULL,
            party_b TEXT NOT NULL,
            band TEXT NOT NULL CHECK (band IN ('possible', 'probable', 'strong')),
            PRIMARY KEY (project_id, hit_id)
        ) STRICT;
        PRAGMA user_version = 1;
        """;

    // Tables added after version 1: created when missing on every open (IF NOT EXISTS), so a database of an earlier
    // build gains them and keeps its user_version.
    public const string CreateAdditions = """
        CREATE TABLE IF NOT EXISTS ceremony_messages (
            project_id TEXT NOT NULL REFERENCES projects(id),
            round INTEGER NOT NULL,
            stage INTEGER NOT NULL CHECK (stage BETWEEN 1 AND 3),
            from_party TEXT NOT NULL,
            to_party TEXT NOT NULL,
            body BLOB NOT NULL,
            fingerprint TEXT NOT NULL,
            posted_at INTEGER NOT NULL,
            PRIMARY KEY (project_id, round, stage, from_party, to_party)
        ) STRICT;
        """;

    public const string UpsertCeremonyMessage = """
        INSERT INTO ceremony_messages (project_id, round, stage, from_party, to_party, body, fingerprint, posted_at)
        VALUES ($project, $round, $stage, $from, $to, $body, $fingerprint, $at)
        ON CONFLICT (project_id, round, stage, from_party, to_party) DO UPDATE SET
            body = excluded.body, fingerprint = excluded.fingerprint, posted_at = excluded.posted_at
        """;

    public const string CountCeremonyMessages =
        "SELECT count(*) FROM ceremony_messages WHERE project_id = $project AND round = $round AND stage = $stage";

    public const string SelectCeremonyMessages = """
        SELECT from_party, to_party, body, fingerprint FROM ceremony_messages
        WHERE project_id = $project AND round = $round AND stage = $stage AND ($to IS NULL OR to_party = $to)
        ORDER BY from_party, to_party
        """;

    public const string DropCeremonyMessages =
        "DELETE FROM ceremony_messages WHERE project_id = $project AND (round <> $round OR $keep = 0)";

    public const string SelectProject = "SELECT document FROM projects WHERE id = $id";

    public const string SelectAllProjects = "SELECT document FROM projects ORDER BY id";

    public const string InsertProject = """
        INSERT INTO projects (id, version, state, document, updated_at) VALUES ($id, $version, $state, $document, $updated_at)
        """;

    // The version check makes a change by another writer of the same file a conflict instead of a lost update.
    public const string UpdateProject = """
        UPDATE projects SET version = $version, state = $state, document = $document, updated_at = $updated_at
        WHERE id = $id AND version = $expected
        """;

    public const string UpsertFeedback = """
        INSERT INTO feedback (project_id, hit_id, party, verdict, follow_up, recorded_at)
        VALUES ($project, $hit, $party, $verdict, $follow_up, $at)
        ON CONFLICT (project_id, hit_id, party) DO UPDATE SET
            verdict = excluded.verdict, follow_up = excluded.follow_up, recorded_at = excluded.recorded_at
        """;

    public const string SelectFeedback = """
        SELECT hit_id, party, verdict, follow_up, recorded_at FROM feedback
        WHERE project_id = $project AND ($party IS NULL OR party = $party) ORDER BY recorded_at, hit_id, party
        """;

    public const string ForgetFollowUps = "UPDATE feedback SET follow_up = NULL WHERE project_id = $project";

    public const string InsertRetainedHit = """
        INSERT OR IGNORE INTO retained_hits (project_id, hit_id, party_a, party_b, band) VALUES ($project, $hit, $a, $b, $band)
        """;

    public const string SelectRetainedHits = "SELECT hit_id, party_a, party_b, band FROM retained_hits WHERE project_id = $project ORDER BY hit_id";
}
