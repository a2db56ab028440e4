namespace Aquila.Synthetic.Tests;

/// <summary>One default 6000-person data set shared by the rate tests (generating it once keeps the suite fast).</summary>
internal static class SixThousandPersons
{
    public const int Persons = 6000;

    private static readonly Lazy<SyntheticDataset> Lazy = new(() =>
        SyntheticGenerator.Generate(new SynthOptions { Persons = Persons, Seed = 20261125 }));

    private static readonly Lazy<SharedRecords> LazyShared = new(() => new SharedRecords(Lazy.Value));

    public static SyntheticDataset Data => Lazy.Value;

    /// <summary>The records of persons held by more than one party, with their variations and persons.</summary>
    public static SharedRecords Shared => LazyShared.Value;
}
