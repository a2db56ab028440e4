using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Aquila.Node.Inbox;

/// <summary>
/// The inbox's local audit log of state changes, hash-chained: each row's hash is SHA-256 over the previous hash and the
/// row (sequence, time, project, hit id, state, officer id, case reference — never the note), so changing, removing or
/// reordering a row breaks the chain from there on. Rows are written in the same transaction as the change.
/// </summary>
public static class InboxAudit
{
    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS audit (
            sequence INTEGER PRIMARY KEY,
            at TEXT NOT NULL, project TEXT NOT NULL, hit_id TEXT NOT NULL, state TEXT NOT NULL,
            officer_id TEXT NULL, case_reference TEXT NULL,
            hash TEXT NOT NULL);
        """;

    private static readonly string Genesis = new('0', 64);

    internal static void Append(SqliteConnection connection, SqliteTransaction transaction, string project, string hitId, string state,
        string? officerId, string? caseReference, DateTimeOffset at)
    {
        using var last = connection.CreateCommand();
        last.Transaction = transaction;
        last.CommandText = "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1";
        long sequence = 1;
        var previous = Genesis;
        using (var reader = last.ExecuteReader())
        {
            if (reader.Read())
            {
                sequence = reader.GetInt64(0) + 1;
                previous = reader.GetString(1);
            }
        }

        var time = at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO audit (sequence, at, project, hit_id, state, officer_id, case_reference, hash)
            VALUES ($s, $at, $p, $h, $state, $o, $r, $hash)
            """;
        insert.Parameters.AddWithValue("$s", sequence);
        insert.Parameters.AddWithValue("$at", time);
        insert.Parameters.AddWithValue("$p", project);
        insert.Parameters.AddWithValue("$h", hitId);
        insert.Parameters.AddWithValue("$state", state);
        insert.Parameters.AddWithValue("$o", (object?)officerId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$r", (object?)caseReference ?? DBNull.Value);
        insert.Parameters.AddWithValue("$hash", Hash(previous, sequence, time, project, hitId, state, officerId, caseReference));
        insert.ExecuteNonQuery();
    }

    /// <summary>Checks the chain: the number of rows, and the sequence of the first row that does not verify (null: intact).</summary>
    public static (long Rows, long? FirstBroken) Verify(string dataDirectory) => VerifyDatabase(InboxStore.PathIn(dataDirectory));

    /// <summary>As <see cref="Verify"/>, for the database file itself (<c>inbox.db</c>, or a backup of it).</summary>
    public static (long Rows, long? FirstBroken) VerifyDatabase(string databasePath)
    {
        using var connection = OpenReadOnly(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, at, project, hit_id, state, officer_id, case_reference, hash FROM audit ORDER BY sequence";
        using var reader = command.ExecuteReader();
        var previous = Genesis;
        long rows = 0;
        while (reader.Read())
        {
            rows++;
            var sequence = reader.GetInt64(0);
            var expected = Hash(previous, sequence, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6));
            if (sequence != rows || expected != reader.GetString(7))
            {
                return (rows, rows);
            }

            previous = expected;
        }

        return (rows, null);
    }

    /// <summary>True when <paramref name="databasePath"/> is an inbox database (it has the inbox's hits and audit tables).</summary>
    public static bool IsInboxDatabase(string databasePath)
    {
        try
        {
            using var connection = OpenReadOnly(databasePath);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('hits', 'cursors', 'audit')";
            return (long)command.ExecuteScalar()! == 3;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private static SqliteConnection OpenReadOnly(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static string Hash(string previous, long sequence, string at, string project, string hitId, string state, string? officerId,
        string? caseReference)
    {
        // Length-prefixed fields: no two different rows give the same bytes.
        var text = new StringBuilder(previous);
        foreach (var field in new[] { sequence.ToString(CultureInfo.InvariantCulture), at, project, hitId, state, officerId ?? "\0", caseReference ?? "\0" })
        {
            text.Append(CultureInfo.InvariantCulture, $"|{field.Length}:{field}");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
