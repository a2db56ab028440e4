using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Aquila.Coordination.Audit;

// The writer's insert, prepared once on the writer's connection and run through SQLite's own API: values are bound by
// position, the details as the UTF-8 bytes the JSON writer produced (no string made for them, none converted back), and
// each row costs a bind per column, one step and one reset — not a command, a reader and a parameter look-up by name.
// Runs inside whatever transaction the connection has open. Only the writer touches it.
internal sealed class AuditRowInsert : IDisposable
{
    private const int SqliteOk = 0, SqliteDone = 101;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    private AuditRowInsert(sqlite3 database, sqlite3_stmt statement)
    {
        _database = database;
        _statement = statement;
    }

    public static AuditRowInsert Prepare(SqliteConnection connection)
    {
        var database = connection.Handle ?? throw new InvalidOperationException("The audit database connection is not open.");
        Check(raw.sqlite3_prepare_v2(database, AuditSchema.InsertByPosition, out var statement), database);
        return new AuditRowInsert(database, statement);
    }

    public void Insert(AuditEntry entry)
    {
        Span<byte> hashes = stackalloc byte[2 * AuditHash.Length];
        entry.PrevHash.CopyTo(hashes);
        entry.Hash.CopyTo(hashes[AuditHash.Length..]);
        var statement = _statement;
        try
        {
            Check(raw.sqlite3_bind_int64(statement, 1, entry.Sequence));
            Check(raw.sqlite3_bind_int64(statement, 2, entry.Timestamp.ToUnixTimeMilliseconds()));
            Check(raw.sqlite3_bind_text(statement, 3, entry.Kind));
            Check(raw.sqlite3_bind_text(statement, 4, entry.Actor.Text));
            Check(entry.ProjectId is null ? raw.sqlite3_bind_null(statement, 5) : raw.sqlite3_bind_text(statement, 5, entry.ProjectId));
            Check(entry.Subject is null ? raw.sqlite3_bind_null(statement, 6) : raw.sqlite3_bind_text(statement, 6, entry.Subject));
            Check(raw.sqlite3_bind_text(statement, 7, AuditDetailsJson.WriteUtf8(entry.Details)));
            Check(raw.sqlite3_bind_blob(statement, 8, hashes[..AuditHash.Length]));
            Check(raw.sqlite3_bind_blob(statement, 9, hashes[AuditHash.Length..]));
            var step = raw.sqlite3_step(statement);
            if (step != SqliteDone)
            {
                Check(step);
                throw new SqliteException($"Inserting audit entry {entry.Sequence} returned SQLite code {step}.", step);
            }
        }
        finally
        {
            // Outside the transaction's failure path too: a statement left mid-step would keep the write lock.
            _ = raw.sqlite3_reset(statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int code) => Check(code, _database);

    private static void Check(int code, sqlite3 database)
    {
        if (code != SqliteOk)
        {
            SqliteException.ThrowExceptionForRC(code, database);
        }
    }
}
