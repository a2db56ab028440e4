using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Aquila.Coordination.Audit;

// Opening: journal mode and durability, schema creation or version check, and a cheap check of the last entry.
public sealed partial class AuditChain
{
    private static void PrepareDatabase(SqliteConnection connection, string path, ILogger logger)
    {
        // WAL lets readers (listing, verify) run beside the writer; FULL syncs the WAL at every commit, so a committed
        // entry survives a power cut (NORMAL would only protect against a process crash).
        var journalMode = Scalar(connection, "PRAGMA journal_mode = WAL") as string;
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new AuditChainException($"The audit database {path} cannot use write-ahead logging (journal mode is {journalMode}).");
        }

        Execute(connection, "PRAGMA synchronous = FULL");
        var version = Convert.ToInt64(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        var hasTable = Convert.ToInt64(Scalar(connection, AuditSchema.TableExists), System.Globalization.CultureInfo.InvariantCulture) > 0;
        if (!hasTable && version == 0)
        {
            using var transaction = connection.BeginTransaction();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = AuditSchema.Create;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            CoordinationLog.AuditChainCreated(logger, path);
            return;
        }

        if (!hasTable || version != AuditSchema.Version)
        {
            throw new AuditChainException(
                $"The database {path} is not an Aquila audit chain of schema version {AuditSchema.Version} "
                + $"(user_version {version}, audit table {(hasTable ? "present" : "missing")}).");
        }

        Execute(connection, AuditSchema.NarrowIndex);
    }

    // Checks the last entry against its own hash and its predecessor: cheap, and it stops us from appending to a chain
    // whose end was edited or cut in the middle. A full check is VerifyAsync.
    private static AuditHead LoadAndCheckHead(SqliteConnection connection, string path, ILogger logger)
    {
        using var command = connection.CreateCommand();
        command.CommandText = AuditSchema.SelectLast;
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return AuditHead.Empty;
        }

        if (!AuditRows.TryRead(reader, out var last, out var problem))
        {
            throw Damaged(logger, path, reader.GetValue(0) is long s ? s : 0, problem);
        }

        if (AuditEntryEncoding.ComputeHash(last) != last.Hash)
        {
            throw Damaged(logger, path, last.Sequence, "it does not match its hash");
        }

        AuditHash expectedPrev;
        if (reader.Read())
        {
            if (!AuditRows.TryRead(reader, out var previous, out problem))
            {
                throw Damaged(logger, path, reader.GetValue(0) is long s ? s : 0, problem);
            }

            if (previous.Sequence != last.Sequence - 1)
            {
                throw Damaged(logger, path, last.Sequence, $"entry {last.Sequence - 1} is missing");
            }

            expectedPrev = previous.Hash;
        }
        else if (last.Sequence != 1)
        {
            throw Damaged(logger, path, last.Sequence, "it is the only entry but not entry 1");
        }
        else
        {
            expectedPrev = AuditHash.Zero;
        }

        if (last.PrevHash != expectedPrev)
        {
            throw Damaged(logger, path, last.Sequence, "it does not link to the entry before it");
        }

        return last.Head;
    }

    private static AuditChainException Damaged(ILogger logger, string path, long sequence, string reason)
    {
        CoordinationLog.AuditChainDamaged(logger, path, sequence, reason);
        return new AuditChainException(
            $"The audit chain {path} is damaged at entry {sequence}: {reason}. Nothing more is appended to it; run "
            + "`aquila audit verify` and, after the investigation, move the file aside to start a new chain.");
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
