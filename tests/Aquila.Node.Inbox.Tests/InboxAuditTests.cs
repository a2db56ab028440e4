using Aquila.Protocol.V1;
using Google.Protobuf;
using Microsoft.Data.Sqlite;

namespace Aquila.Node.Inbox.Tests;

public class InboxAuditTests
{
    private static readonly string HitId = new('c', 32);

    private static InboxStore StoreWithChanges(string directory)
    {
        var store = InboxStore.Open(directory);
        store.Record("p1", new HitEvent
        {
            Sequence = 1, HitId = ByteString.CopyFrom(Convert.FromHexString(HitId)), OtherParty = "BA", Band = Band.Strong,
        }, "RS-1", DateTimeOffset.UtcNow);
        store.ChangeState("p1", HitId, HitState.InReview, null, "officer-1", "a note", DateTimeOffset.UtcNow);
        store.ChangeState("p1", HitId, HitState.Confirmed, "CASE-7", "officer-1", null, DateTimeOffset.UtcNow);
        return store;
    }

    [Fact]
    public void Every_state_change_is_in_the_chain_and_the_chain_verifies()
    {
        using var directory = new TempDirectory();
        StoreWithChanges(directory.Path);

        var (rows, broken) = InboxAudit.Verify(directory.Path);

        Assert.Equal(2, rows);
        Assert.Null(broken);
    }

    [Fact]
    public void A_rewritten_audit_row_breaks_the_chain_at_that_row()
    {
        using var directory = new TempDirectory();
        StoreWithChanges(directory.Path);
        using (var connection = new SqliteConnection("Data Source=" + InboxStore.PathIn(directory.Path) + ";Pooling=False"))
        {
            connection.Open();
            using var tamper = connection.CreateCommand();
            tamper.CommandText = "UPDATE audit SET state = 'rejected' WHERE sequence = 2";
            tamper.ExecuteNonQuery();
        }

        Assert.Equal(2, InboxAudit.Verify(directory.Path).FirstBroken);
    }
}
