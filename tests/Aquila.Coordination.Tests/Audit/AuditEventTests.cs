using Aquila.Coordination.Audit;

namespace Aquila.Coordination.Tests.Audit;

public sealed class AuditEventTests
{
    private static Dictionary<string, string> ManyDetails(int count) =>
        Enumerable.Range(0, count).ToDictionary(i => $"k{i:d2}", i => "v");

    [Fact]
    public void Thirty_two_details_of_512_characters_are_accepted()
    {
        var details = Enumerable.Range(0, AuditEvent.MaxDetails).ToDictionary(i => $"k{i:d2}", _ => new string('v', AuditEvent.MaxValueLength));

        var e = new AuditEvent(AuditKind.HitsReleased, AuditActor.System, details: details);

        Assert.Equal(AuditEvent.MaxDetails, e.Details.Count);
    }

    [Fact]
    public void A_thirty_third_detail_is_refused_with_the_limit_in_the_message()
    {
        var error = Assert.Throws<ArgumentException>(() => new AuditEvent(AuditKind.HitsReleased, AuditActor.System, details: ManyDetails(33)));

        Assert.Contains("at most 32 details", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_longer_than_512_characters_is_refused_without_echoing_it()
    {
        var value = "canary" + new string('x', 507);

        var error = Assert.Throws<ArgumentException>(
            () => new AuditEvent(AuditKind.BatchRefused, AuditActor.System, details: new Dictionary<string, string> { ["reason"] = value }));

        Assert.Contains("detail \"reason\" is 513 characters long; the limit is 512", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("canary", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ключ")]
    [InlineData("a/b")]
    public void A_detail_key_outside_the_allowed_characters_is_refused(string key)
    {
        Assert.Throws<ArgumentException>(
            () => new AuditEvent(AuditKind.Query, AuditActor.System, details: new Dictionary<string, string> { [key] = "1" }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Batch.Accepted")]
    [InlineData("1batch")]
    [InlineData("batch accepted")]
    public void A_kind_outside_the_allowed_characters_is_refused(string kind)
    {
        var error = Assert.Throws<ArgumentException>(() => new AuditEvent(kind, AuditActor.System));

        Assert.Equal("kind", error.ParamName);
    }

    [Fact]
    public void A_null_detail_value_is_refused()
    {
        Assert.Throws<ArgumentException>(
            () => new AuditEvent(AuditKind.Query, AuditActor.System, details: [new KeyValuePair<string, string>("a", null!)]));
    }

    [Fact]
    public void A_repeated_detail_key_is_refused()
    {
        Assert.Throws<ArgumentException>(
            () => new AuditEvent(AuditKind.Query, AuditActor.System, details: [new("a", "1"), new("a", "2")]));
    }

    [Fact]
    public void A_lone_surrogate_in_the_subject_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new AuditEvent(AuditKind.Query, AuditActor.System, subject: "a\uD800b"));

        Assert.Equal("subject", error.ParamName);
    }

    [Fact]
    public void An_empty_project_id_is_refused_because_null_means_none()
    {
        Assert.Throws<ArgumentException>(() => new AuditEvent(AuditKind.Query, AuditActor.System, projectId: ""));
    }

    [Fact]
    public void A_subject_longer_than_256_characters_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new AuditEvent(AuditKind.Query, AuditActor.System, subject: new string('a', 257)));
    }

    [Fact]
    public void Details_enumerate_in_ordinal_key_order()
    {
        var e = new AuditEvent(AuditKind.Query, AuditActor.System, details: new Dictionary<string, string> { ["b"] = "1", ["B"] = "2", ["a"] = "3" });

        Assert.Equal(["B", "a", "b"], e.Details.Keys);
    }

    [Fact]
    public void Details_are_found_by_key_and_the_callers_array_keeps_its_order()
    {
        KeyValuePair<string, string>[] given = [new("officer", "o-1"), new("case_reference", "C-1"), new("outcome", "hit")];

        var e = new AuditEvent(AuditKind.Query, AuditActor.System, details: given);

        Assert.Equal("C-1", e.Details["case_reference"]);
        Assert.True(e.Details.TryGetValue("outcome", out var outcome) && outcome == "hit");
        Assert.False(e.Details.ContainsKey("hits"));
        Assert.Equal(["case_reference", "officer", "outcome"], e.Details.Keys);
        Assert.Equal("officer", given[0].Key);
    }
}
