namespace Aquila.Matching.Tests.Lists;

/// <summary>Memory measurements read the whole process's heap: they run alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ListMemoryCollection
{
    public const string Name = "ListMemory";
}
