using Aquila.Coordination.Projects;
using Aquila.Server.Projects;
using Aquila.Tokens.Keys;

namespace Aquila.Server.Tests;

/// <summary>The index of a coordinated project is sized from the declared data sets, within bounds.</summary>
public class IndexCapacityTests
{
    private static MatchingProject Declaring(params long[] records) => CoordinatedProjectTests.Project("cap-1") with
    {
        Parties = [.. records.Select((r, i) => new InvitedParty(i == 0 ? "RS" : i == 1 ? "BA" : "ME", r, "Police"))],
    };

    [Fact]
    public void The_capacity_is_the_declared_records_times_the_tokens_per_record()
    {
        var capacity = IndexCapacity.For(Declaring(10_000, 5_000), MatchKeySchema.Default);

        // 23 keys in the built-in schema: 35 tokens per record.
        Assert.Equal(15_000 * 35, capacity);
    }

    [Fact]
    public void A_silly_declaration_is_capped()
    {
        Assert.Equal(IndexCapacity.Max, IndexCapacity.For(Declaring(long.MaxValue, long.MaxValue, 1), MatchKeySchema.Default));
    }

    [Fact]
    public void Tiny_projects_keep_the_default_capacity()
    {
        Assert.Equal(IndexCapacity.Default, IndexCapacity.For(Declaring(1, 2), MatchKeySchema.Default));
    }
}
