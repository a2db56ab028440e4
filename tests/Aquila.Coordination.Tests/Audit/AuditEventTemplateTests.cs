using Aquila.Coordination.Audit;
using Aquila.Security;

namespace Aquila.Coordination.Tests.Audit;

public sealed class AuditEventTemplateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly AuditActor Actor = AuditActor.ForParty("ME", PartyRole.Node);

    private static AuditEventTemplate Template() => new(AuditKind.Query, Actor, "ftf-1",
        [new("case_reference", "ME-2026-91"), new("officer", "ME-OFF-12"), new("bulk_check", "00ff"), new("chunk", "3")]);

    private static KeyValuePair<string, string>[] Own(int person) =>
        [new("outcome", "hit"), new("tokens", "2"), new("person", person.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("tokens_sha256", new string('a', 64)), new("hits", "1"), new("hit_ids", "h1"), new("contributors", "RS")];

    [Fact]
    public void An_event_from_a_template_equals_the_one_the_constructor_makes_from_the_same_fields()
    {
        var fromTemplate = Template().Create("h1", Own(7));
        var constructed = new AuditEvent(AuditKind.Query, Actor, "ftf-1", "h1",
            [new("case_reference", "ME-2026-91"), new("officer", "ME-OFF-12"), new("bulk_check", "00ff"), new("chunk", "3"), .. Own(7)]);

        Assert.Equal(constructed.Details.ToArray(), fromTemplate.Details.ToArray());
        Assert.Equal((constructed.Kind, constructed.Actor, constructed.ProjectId, constructed.Subject),
            (fromTemplate.Kind, fromTemplate.Actor, fromTemplate.ProjectId, fromTemplate.Subject));
        var time = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);
        Assert.Equal(AuditEntryEncoding.Encode(Entry(constructed, time)), AuditEntryEncoding.Encode(Entry(fromTemplate, time)));
    }

    [Fact]
    public void A_detail_that_repeats_a_common_key_or_another_is_refused()
    {
        Assert.Contains("\"officer\" appears twice", Assert.Throws<ArgumentException>(() => Template().Create(null, [new("officer", "x")])).Message,
            StringComparison.Ordinal);
        Assert.Contains("\"person\" appears twice",
            Assert.Throws<ArgumentException>(() => Template().Create(null, [new("person", "1"), new("zz", "1"), new("person", "2")])).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_detail_or_subject_the_constructor_refuses_is_refused_too()
    {
        Assert.Throws<ArgumentException>(() => Template().Create(null, [new("has space", "1")]));
        Assert.Throws<ArgumentException>(() => Template().Create(null, [new("reason", new string('x', AuditEvent.MaxValueLength + 1))]));
        Assert.Throws<ArgumentException>(() => Template().Create(null, [new("reason", "\ud800")]));
        Assert.Throws<ArgumentException>(() => Template().Create("", []));
        var tooMany = Enumerable.Range(0, AuditEvent.MaxDetails - 3).Select(i => new KeyValuePair<string, string>($"k{i:d2}", "v")).ToArray();
        Assert.Contains("at most 32 details", Assert.Throws<ArgumentException>(() => Template().Create(null, tooMany)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_made_from_a_template_and_appended_as_one_item_each_verify_on_their_own()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));
        var template = Template();
        var events = Enumerable.Range(1, 50).Select(p => template.Create(p % 2 == 0 ? "h1" : null, Own(p))).ToArray();

        var receipts = await chain.AppendManyAsync(events, Ct);

        var entries = await chain.ReadAsync(1, 100, Ct);
        Assert.Equal(receipts.Select(r => r.Hash), entries.Select(e => e.Hash));
        Assert.All(entries, e => Assert.Equal(e.Hash, AuditEntryEncoding.ComputeHash(e)));
        Assert.Equal(Enumerable.Range(1, 50).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)), entries.Select(e => e.Details["person"]));
        Assert.True((await chain.VerifyAsync([chain.Head], Ct)).IsValid);
    }

    private static AuditEntry Entry(AuditEvent e, DateTimeOffset time) =>
        new(1, time, e.Kind, e.Actor, e.ProjectId, e.Subject, e.Details, AuditHash.Zero, default);
}
