namespace Aquila.Matching.Tests.Redis;

/// <summary>Redis tests start processes: they run one class at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisCollection
{
    public const string Name = "Redis";
}
