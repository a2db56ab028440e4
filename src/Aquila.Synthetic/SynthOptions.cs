namespace Aquila.Synthetic;

/// <summary>What to generate.</summary>
public sealed class SynthOptions
{
    /// <summary>The parties the generator knows conventions for.</summary>
    public static IReadOnlyList<string> KnownParties { get; } = ["RS", "BA", "ME", "MK", "AL", "XK"];

    /// <summary>Number of distinct persons (shared, singletons and hard negatives together).</summary>
    public int Persons { get; init; } = 1000;

    /// <summary>The parties (alpha-2 codes); other codes get generic conventions (Latin script, ISO dates).</summary>
    public IReadOnlyList<string> Parties { get; init; } = KnownParties;

    /// <summary>The seed: the same options give the same data.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Share of persons held by more than one party (2–4); the rest appear at exactly one party, so that most records
    /// have no match, as in real exports.
    /// </summary>
    public double SharedFraction { get; init; } = 0.2;

    /// <summary>The most parties holding one person (at most 4).</summary>
    public int MaxPartiesPerPerson { get; init; } = 4;

    /// <summary>How often records vary.</summary>
    public VariationRates Rates { get; init; } = VariationRates.Default;
}
