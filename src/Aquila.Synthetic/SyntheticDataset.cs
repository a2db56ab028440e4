using Aquila.Tokens.Input;

namespace Aquila.Synthetic;

/// <summary>Generated records per party with their truth and the variations each record got.</summary>
public sealed class SyntheticDataset
{
    internal SyntheticDataset(
        IReadOnlyList<string> parties,
        IReadOnlyDictionary<string, IReadOnlyList<PersonRecord>> recordsByParty,
        IReadOnlyList<TruthRow> truth,
        IReadOnlyList<VariationRow> variations,
        IReadOnlyList<SyntheticPerson> persons)
    {
        Parties = parties;
        RecordsByParty = recordsByParty;
        Truth = truth;
        Variations = variations;
        Persons = persons;
    }

    /// <summary>The party codes, in the order of the options.</summary>
    public IReadOnlyList<string> Parties { get; }

    /// <summary>Each party's records in file order (sorted by record id); every party has an entry, possibly empty.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PersonRecord>> RecordsByParty { get; }

    /// <summary>One row per record: which person it describes.</summary>
    public IReadOnlyList<TruthRow> Truth { get; }

    /// <summary>One row per record and variation (records without variations have none).</summary>
    public IReadOnlyList<VariationRow> Variations { get; }

    /// <summary>Number of distinct persons.</summary>
    public int PersonCount => Persons.Count;

    /// <summary>The truth about each person (for tests and evaluation inside the solution).</summary>
    internal IReadOnlyList<SyntheticPerson> Persons { get; }
}
