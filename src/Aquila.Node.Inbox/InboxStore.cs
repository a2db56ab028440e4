using System.Globalization;
using Aquila.Node.Hits;
using Microsoft.Data.Sqlite;

namespace Aquila.Node.Inbox;

/// <summary>
/// The inbox database (SQLite, <c>inbox.db</c> in the data directory): every hit with its workflow state, and one cursor
/// per project. A hit and the cursor that passes it are written in one transaction, so a restart resumes exactly
/// after the last stored hit: nothing is lost, and a replayed event updates the row it already made.
/// </summary>
public sealed partial class InboxStore
{
    private readonly string _connectionString;

    private InboxStore(string connectionString) => _connectionString = connectionString;

    /// <summary>The database file.</summary>
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "inbox.db");

    /// <summary>Opens (creating when needed) the database in <paramref name="dataDirectory"/>.</summary>
    public static InboxStore Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var builder = new SqliteConnectionStringBuilder { DataSource = PathIn(dataDirectory), Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true };
        var store = new InboxStore(builder.ToString());
        using var connection = store.Connect();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS hits (
                arrival INTEGER PRIMARY KEY AUTOINCREMENT,
                project TEXT NOT NULL,
                hit_id TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                band TEXT NOT NULL,
                other_party TEXT NOT NULL,
                agreeing_keys TEXT NOT NULL,
                record_id TEXT NULL,
                received_at TEXT NOT NULL,
                state TEXT NOT NULL,
                case_reference TEXT NULL,
                officer_id TEXT NULL,
                note TEXT NULL,
                changed_at TEXT NULL,
                score REAL NULL,
                agreement TEXT NULL,
                UNIQUE (project, hit_id));
            CREATE INDEX IF NOT EXISTS hits_state ON hits (state, arrival);
            CREATE INDEX IF NOT EXISTS hits_project ON hits (project, arrival);
            CREATE TABLE IF NOT EXISTS cursors (project TEXT PRIMARY KEY, sequence INTEGER NOT NULL);
            """);
        AddStageTwoColumns(connection);
        Execute(connection, InboxAudit.Schema);
        Execute(connection, NotificationSchema);
        Execute(connection, SortIndexes);
        return store;
    }

    /// <summary>The last sequence stored for a project (0: from the start).</summary>
    public long CursorOf(string project)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence FROM cursors WHERE project = $p";
        command.Parameters.AddWithValue("$p", project);
        return command.ExecuteScalar() is long sequence ? sequence : 0;
    }

    /// <summary>
    /// Stores one hit, already resolved to the party's record id (<see cref="HitFeed"/>), and moves the project's cursor
    /// past it, atomically. A new hit starts as <c>new</c>; an update refreshes the evidence and keeps the workflow; a
    /// withdrawal marks the hit withdrawn. Returns true for a hit not seen before.
    /// </summary>
    public bool Record(string project, NodeHit hit, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(hit);
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        var hitId = hit.HitId;
        var recordId = hit.RecordId;
        bool added;
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO hits (project, hit_id, sequence, band, other_party, agreeing_keys, record_id, received_at, state, score, agreement)
                VALUES ($project, $hit, $seq, $band, $party, $keys, $record, $at, $state, $score, $agreement)
                ON CONFLICT (project, hit_id) DO NOTHING
                """;
            Bind(insert, project, hitId, hit, recordId);
            insert.Parameters.AddWithValue("$at", receivedAt.ToString("O", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$state", hit.Kind == NodeHitKind.Withdrawn ? HitState.Withdrawn : HitState.New);
            added = insert.ExecuteNonQuery() == 1;
        }

        if (!added)
        {
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE hits SET sequence = $seq, band = $band, other_party = $party, agreeing_keys = $keys,
                    score = $score, agreement = $agreement, record_id = COALESCE($record, record_id),
                    state = CASE WHEN $withdrawn = 1 THEN 'withdrawn' ELSE state END
                WHERE project = $project AND hit_id = $hit AND sequence < $seq
                """;
            Bind(update, project, hitId, hit, recordId);
            update.Parameters.AddWithValue("$withdrawn", hit.Kind == NodeHitKind.Withdrawn ? 1 : 0);
            update.ExecuteNonQuery();
        }

        using (var cursor = connection.CreateCommand())
        {
            cursor.Transaction = transaction;
            cursor.CommandText = """
                INSERT INTO cursors (project, sequence) VALUES ($p, $s)
                ON CONFLICT (project) DO UPDATE SET sequence = MAX(sequence, excluded.sequence)
                """;
            cursor.Parameters.AddWithValue("$p", project);
            cursor.Parameters.AddWithValue("$s", hit.Sequence);
            cursor.ExecuteNonQuery();
        }

        transaction.Commit();
        return added;
    }

    /// <summary>Moves a hit on in the workflow and appends the change to the audit chain; false when there is no such hit.</summary>
    public bool ChangeState(string project, string hitId, string state, string? caseReference, string? officerId, string? note,
        DateTimeOffset at)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE hits SET state = $state, case_reference = $ref, officer_id = $officer, note = $note, changed_at = $at
            WHERE project = $project AND hit_id = $hit AND state <> 'withdrawn'
            """;
        command.Parameters.AddWithValue("$state", state);
        command.Parameters.AddWithValue("$ref", (object?)caseReference ?? DBNull.Value);
        command.Parameters.AddWithValue("$officer", (object?)officerId ?? DBNull.Value);
        command.Parameters.AddWithValue("$note", (object?)note ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$project", project);
        command.Parameters.AddWithValue("$hit", hitId);
        if (command.ExecuteNonQuery() != 1)
        {
            return false;
        }

        InboxAudit.Append(connection, transaction, project, hitId, state, officerId, caseReference, at);
        transaction.Commit();
        return true;
    }

    private static void Bind(SqliteCommand command, string project, string hitId, NodeHit hit, string? recordId)
    {
        command.Parameters.AddWithValue("$project", project);
        command.Parameters.AddWithValue("$hit", hitId);
        command.Parameters.AddWithValue("$seq", hit.Sequence);
        command.Parameters.AddWithValue("$band", BandNames.Of(hit.Band));
        command.Parameters.AddWithValue("$party", hit.OtherParty);
        command.Parameters.AddWithValue("$keys", string.Join(';', hit.AgreeingKeys));
        command.Parameters.AddWithValue("$record", (object?)recordId ?? DBNull.Value);
        command.Parameters.AddWithValue("$score", hit.Score is { } score ? score : DBNull.Value);
        command.Parameters.AddWithValue("$agreement", hit.Agreement.Count > 0 ? string.Join(' ', hit.Agreement) : DBNull.Value);
    }

    // An inbox created before stage 2 has no score or agreement column: add them (existing hits keep null, as stage-1 hits).
    private static void AddStageTwoColumns(SqliteConnection connection)
    {
        var columns = new HashSet<string>(StringComparer.Ordinal);
        using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('hits')";
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                columns.Add(reader.GetString(0));
            }
        }

        if (!columns.Contains("score"))
        {
            Execute(connection, "ALTER TABLE hits ADD COLUMN score REAL NULL");
        }

        if (!columns.Contains("agreement"))
        {
            Execute(connection, "ALTER TABLE hits ADD COLUMN agreement TEXT NULL");
        }
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
