using System.Text;
using Aquila.Coordination.Audit;
using Aquila.Node;
using Aquila.Node.Lists;
using Aquila.Protocol;
using Aquila.Protocol.V1;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using Grpc.Core;

namespace Aquila.Server.Tests.Lists;

/// <summary>
/// What contributors met when they used a joint list as users (issue 21, item 4), on the real server: reciprocity asks
/// for an entry held, an entry the list cannot take is refused by its place and audited, a re-added entry is re-confirmed.
/// </summary>
[Collection(nameof(ServerCollection))]
public class ListUsabilityTests(RestartFixture fixture) : IClassFixture<RestartFixture>
{
    private const string Future = "2031-12-31";
    private const string Stojanovic = "X,Stojanović,Miloš,Dragan,M,1982-05-04,Niš,SRB,,,suspect";
    private const string Horvat = "X,Horvat,Ana,,Ž,1975-07-21,Zagreb,HR,,,suspect";

    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    private static string Entry(string id, string person, string review = Future) => id + person[1..] + "," + review;

    [Fact]
    public async Task A_contributor_that_holds_no_entry_is_refused_under_reciprocity_until_it_gives_one()
    {
        using var list = await ListScenario.OpenAsync(fixture, ["RS", "BA"], []);
        await list.ChangeAsync("RS", ListChangeKind.Add, Entry("RS-1", Stojanovic));
        var before = fixture.Server.AuditHead.Sequence;

        var refused = await Assert.ThrowsAsync<RpcException>(() => list.QueryAsync("BA", Stojanovic, "CASE-R1"));
        var denials = await fixture.Server.Audit.ReadAsync(before + 1, 10, Cancel);
        await list.ChangeAsync("BA", ListChangeKind.Add, Entry("BA-1", Horvat));
        var answered = await list.QueryAsync("BA", Stojanovic, "CASE-R2");
        await list.RemoveAsync("BA", "BA-1");
        var afterRemoval = await Assert.ThrowsAsync<RpcException>(() => list.QueryAsync("BA", Stojanovic, "CASE-R3"));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("only a party that gives entries may ask", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("party BA holds no entry on it now", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(denials, e => e.Kind == AuditKind.AuthDenied && e.ProjectId == list.Id);
        Assert.True(answered.Hit);
        Assert.Equal(StatusCode.PermissionDenied, afterRemoval.StatusCode);
    }

    [Fact]
    public async Task An_entry_of_a_category_the_list_does_not_take_is_refused_by_its_place_audited_and_nothing_changes()
    {
        using var list = await ListScenario.OpenAsync(fixture, ["RS", "BA"], []);
        await list.ChangeAsync("RS", ListChangeKind.Add, Entry("RS-1", Stojanovic));
        var before = fixture.Server.AuditHead.Sequence;

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            list.ChangeAsync("RS", ListChangeKind.Add, Entry("RS-2", Horvat), Entry("RS-3", Horvat.Replace("suspect", "other", StringComparison.Ordinal))));
        var audited = await fixture.Server.Audit.ReadAsync(before + 1, 10, Cancel);
        var next = await list.ChangeAsync("RS", ListChangeKind.Add, Entry("RS-1", Stojanovic));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("Entry 2: list '" + list.Id + "' does not take entries of category other", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("2", refused.Trailers.GetValue(ListEntryTrailer.Name));
        var entry = Assert.Single(audited, e => e.Kind == AuditKind.BatchRefused);
        Assert.Equal(list.Id, entry.ProjectId);
        Assert.Contains("Entry 2", entry.Details["reason"], StringComparison.Ordinal);
        Assert.Equal(1, next.Entries);
    }

    [Fact]
    public async Task An_entry_refused_after_the_first_message_of_a_large_change_is_still_named_by_its_place()
    {
        using var list = await ListScenario.OpenAsync(fixture, ["RS", "BA"], []);
        var rows = Enumerable.Range(1, 1200).Select(i => Entry("RS-" + i, Horvat.Replace("1975", (1900 + (i % 100)).ToString(
            System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))).ToList();
        rows[2] = rows[2].Replace("suspect", "other", StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<RpcException>(() => list.ChangeAsync("RS", ListChangeKind.Add, [.. rows]));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("3", refused.Trailers.GetValue(ListEntryTrailer.Name));
    }

    [Fact]
    public async Task Adding_an_entry_again_is_a_re_confirmation_in_the_receipt_and_the_audit_entry()
    {
        using var list = await ListScenario.OpenAsync(fixture, ["RS", "BA"], []);
        await list.ChangeAsync("RS", ListChangeKind.Add, Entry("RS-1", Stojanovic));

        var again = await list.ChangeAsync("RS", ListChangeKind.Add, Entry("RS-1", Stojanovic), Entry("RS-2", Horvat));

        Assert.Equal((1, 1, 2), (again.Added, again.Reconfirmed, again.Entries));
        var audited = Assert.Single(await fixture.Server.Audit.ReadAsync(again.AuditHead.Sequence, 1, Cancel));
        Assert.Equal(("1", "1"), (audited.Details["added"], audited.Details["reconfirmed"]));
    }

    [Fact]
    public async Task A_node_whose_change_is_refused_for_one_entry_hears_its_record_id_and_keeps_no_handle_for_the_new_records()
    {
        using var list = await ListScenario.OpenAsync(fixture, ["RS", "BA"], []);
        var handles = ListHandleMap.Load(Path.Combine(fixture.WorkDirectory, list.Id + "-node.list-handles.csv"));
        var heads = new AuditHeadStore(Path.Combine(fixture.WorkDirectory, list.Id + "-heads.txt"));
        var first = await SendAsync(list, handles, heads, ListChangeKind.Add, Entry("RS-1", Stojanovic), Entry("RS-2", Horvat));
        await SendAsync(list, handles, heads, ListChangeKind.Remove, "RS-2" + Horvat[1..] + "," + Future);

        var refused = await Assert.ThrowsAsync<RpcException>(() => SendAsync(list, handles, heads, ListChangeKind.Add, Entry("RS-1", Stojanovic),
            Entry("RS-2", Horvat), Entry("RS-3", Horvat.Replace("suspect", "other", StringComparison.Ordinal))));
        var reloaded = ListHandleMap.Load(handles.Path);

        Assert.Equal(2, first.Added);
        Assert.StartsWith("record RS-3: Change refused: Entry 3:", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Null(reloaded.Find("RS-3"));
        Assert.Null(reloaded.Find("RS-2"));
        Assert.True(reloaded.WasRemoved("RS-2"));
        Assert.NotNull(reloaded.Find("RS-1"));
    }

    private async Task<Node.Lists.ListChangeReceipt> SendAsync(ListScenario list, ListHandleMap handles, AuditHeadStore heads, ListChangeKind kind,
        params string[] rows)
    {
        var path = Path.Combine(fixture.WorkDirectory, list.Id + "-" + Guid.NewGuid().ToString("N")[..6] + ".csv");
        File.WriteAllText(path, ListScenario.EntriesHeader + "\n" + string.Join("\n", rows) + "\n", new UTF8Encoding(false));
        var change = new ListChange(list.Id, kind, handles, MatchKeySchema.Default);
        var prepared = kind == ListChangeKind.Remove ? change.PrepareRemoval(path, ColumnMap.Default) : change.PrepareEntries(path, ColumnMap.Default, list.Key);
        return await change.SendAsync(prepared, list.Client("RS"), heads, "list-test", Cancel);
    }
}
