using Aquila.Coordination.Audit;
using Aquila.Security;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Coordination.Tests.Audit;

/// <summary>Opens chains in temp folders, makes sample events and tampers with the database the way an operator could.</summary>
internal static class AuditTestSupport
{
    public static Task<AuditChain> OpenAsync(string path, int maxBatchSize = 1024) =>
        AuditChain.OpenAsync(
            new AuditChainOptions { DatabasePath = path, MaxBatchSize = maxBatchSize },
            NullLogger<AuditChain>.Instance,
            TestContext.Current.CancellationToken);

    public static AuditEvent BatchAccepted(int i) => new(
        AuditKind.BatchAccepted,
        AuditActor.ForParty("RS", PartyRole.Node),
        projectId: "prj-2026-01",
        subject: $"batch-{i:x8}",
        details: new Dictionary<string, string> { ["records"] = (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), ["tokens"] = "7000" });

    /// <summary>A closed chain with <paramref name="count"/> entries; returns the head after every entry.</summary>
    public static async Task<AuditHead[]> CreateChainAsync(string path, int count)
    {
        var heads = new AuditHead[count + 1];
        await using var chain = await OpenAsync(path);
        for (var i = 1; i <= count; i++)
        {
            heads[i] = (await chain.AppendAsync(BatchAccepted(i), TestContext.Current.CancellationToken)).Head;
        }

        return heads;
    }

    /// <summary>Runs SQL on the closed database after dropping the append-only triggers, as a tampering operator would.</summary>
    public static void Tamper(string path, string sql)
    {
        SqliteScript.Execute(path, "DROP TRIGGER IF EXISTS audit_entries_no_update; DROP TRIGGER IF EXISTS audit_entries_no_delete; " + sql);
    }

    /// <summary>Recomputes every prev hash and hash in order, so the chain is internally consistent again.</summary>
    public static void RehashAll(string path)
    {
        var entries = new List<AuditEntry>();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = AuditSchema.SelectAll;
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(AuditRows.Read(reader));
            }
        }

        using (var drop = connection.CreateCommand())
        {
            drop.CommandText = "DROP TRIGGER IF EXISTS audit_entries_no_update";
            drop.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE audit_entries SET prev_hash = $prev, hash = $hash WHERE sequence = $sequence";
        var prev = AuditHash.Zero;
        foreach (var entry in entries)
        {
            var rehashed = entry with { PrevHash = prev };
            rehashed = rehashed with { Hash = AuditEntryEncoding.ComputeHash(rehashed) };
            update.Parameters.Clear();
            update.Parameters.AddWithValue("$prev", rehashed.PrevHash.ToArray());
            update.Parameters.AddWithValue("$hash", rehashed.Hash.ToArray());
            update.Parameters.AddWithValue("$sequence", rehashed.Sequence);
            update.ExecuteNonQuery();
            prev = rehashed.Hash;
        }

        transaction.Commit();
    }

    public static long Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
