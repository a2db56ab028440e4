using Aquila.Coordination.Audit;
using Microsoft.Data.Sqlite;

namespace Aquila.Coordination.Tests.Audit;

/// <summary>Only accepted batches are indexed by subject (the lookup the server makes); a chain from before is re-indexed on opening.</summary>
public sealed class AuditChainIndexTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<string> Indexes(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_entries' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static string Plan(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        command.Parameters.AddWithValue("$subject", "x");
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetString(3) : "";
    }

    [Fact]
    public async Task A_chain_with_the_former_index_on_every_entry_gets_the_narrow_one_and_finds_its_batches_through_it()
    {
        using var dir = new TempDirectory();
        var path = dir.File("audit.db");
        await using (var chain = await AuditTestSupport.OpenAsync(path))
        {
            await chain.AppendAsync(AuditTestSupport.BatchAccepted(1), Ct);
        }

        AuditTestSupport.Tamper(path, "DROP INDEX audit_entries_batch_subject; CREATE INDEX audit_entries_kind_subject ON audit_entries (kind, subject)");
        Assert.Equal(["audit_entries_kind_subject"], Indexes(path));

        await using (var reopened = await AuditTestSupport.OpenAsync(path))
        {
            await reopened.AppendAsync(AuditTestSupport.BatchAccepted(2), Ct);
            Assert.Equal(2, (await reopened.FindAsync(AuditKind.BatchAccepted, "batch-00000002", Ct))?.Sequence);
            Assert.Equal(1, (await reopened.FindAsync(AuditKind.BatchAccepted, "batch-00000001", Ct))?.Sequence);
            Assert.True((await reopened.VerifyAsync(null, Ct)).IsValid);
        }

        Assert.Equal(["audit_entries_batch_subject"], Indexes(path));
        Assert.Contains("USING INDEX audit_entries_batch_subject", Plan(path, AuditSchema.SelectBatchAcceptedBySubject), StringComparison.Ordinal);
    }
}
