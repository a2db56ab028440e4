namespace Aquila.Security.Tests;

public sealed class PartyAuthorizationTests
{
    private static readonly PartyIdentity Analyst =
        new("BA", PartyRole.Analyst, "4A1B", "00FF", "BA-analyst-CanaryZebra", DateTimeOffset.UtcNow.AddDays(1));

    [Fact]
    public void An_allowed_role_passes()
    {
        var result = PartyAuthorization.RequireRole(Analyst, PartyRole.Node, PartyRole.Analyst);

        Assert.True(result.IsAllowed);
    }

    [Fact]
    public void Another_role_is_denied_with_operation_caller_and_required_roles_named()
    {
        var result = PartyAuthorization.RequireRole(Analyst, "SubmitBatch", PartyRole.Node);

        Assert.False(result.IsAllowed);
        Assert.Equal("Permission denied: BA/analyst (serial 4A1B) may not call SubmitBatch; it requires the role node.", result.Message);
    }

    [Fact]
    public void The_denial_does_not_name_the_certificate_name()
    {
        var result = PartyAuthorization.RequireRole(Analyst, PartyRole.Coordinator, PartyRole.Operator);

        Assert.DoesNotContain("Canary", result.Message, StringComparison.Ordinal);
        Assert.Contains("coordinator, operator", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_allowed_roles_denies_everyone()
    {
        var result = PartyAuthorization.RequireRole(Analyst);

        Assert.False(result.IsAllowed);
    }

    [Fact]
    public void Another_party_is_denied()
    {
        var result = PartyAuthorization.RequireParty(Analyst, "RS", "ConfirmHit");

        Assert.False(result.IsAllowed);
        Assert.Contains("party RS", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_own_party_is_allowed()
    {
        Assert.True(PartyAuthorization.RequireParty(Analyst, "BA").IsAllowed);
    }
}
