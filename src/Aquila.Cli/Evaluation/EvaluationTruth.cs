namespace Aquila.Cli.Evaluation;

/// <summary>
/// What is known about a data set: which person each record describes (truth.csv) and, optionally, which
/// variations each record got (variations.csv). A true pair is two records of one person held by two parties.
/// </summary>
internal sealed class EvaluationTruth
{
    private static readonly IReadOnlySet<string> NoVariations = new HashSet<string>();

    private readonly Dictionary<RecordRef, HashSet<string>> _variations;

    public EvaluationTruth(IReadOnlyDictionary<RecordRef, string> personOf, Dictionary<RecordRef, HashSet<string>>? variations = null)
    {
        PersonOf = personOf;
        _variations = variations ?? [];
        TruePairs = EnumerateTruePairs(personOf);
    }

    /// <summary>The person of each record.</summary>
    public IReadOnlyDictionary<RecordRef, string> PersonOf { get; }

    /// <summary>Every true pair once, the party that sorts first on the left.</summary>
    public IReadOnlyList<(RecordRef A, RecordRef B)> TruePairs { get; }

    /// <summary>Whether a variation log was given.</summary>
    public bool HasVariations => _variations.Count > 0;

    /// <summary>The variations logged for <paramref name="record"/> (empty when none or no log).</summary>
    public IReadOnlySet<string> VariationsOf(RecordRef record) =>
        _variations.TryGetValue(record, out var set) ? set : NoVariations;

    /// <summary>True when both records are known and describe one person.</summary>
    public bool IsTrue(RecordRef a, RecordRef b) =>
        PersonOf.TryGetValue(a, out var pa) && PersonOf.TryGetValue(b, out var pb) && pa == pb;

    /// <summary>Reads truth.csv (person_id,party,record_id) and, when given, variations.csv (party,record_id,...,variation).</summary>
    public static EvaluationTruth Load(string truthPath, string? variationsPath)
    {
        var personOf = new Dictionary<RecordRef, string>();
        foreach (var row in SimpleCsv.Read(truthPath, "person_id", "party", "record_id"))
        {
            personOf[new RecordRef(row[1], row[2])] = row[0];
        }

        Dictionary<RecordRef, HashSet<string>>? variations = null;
        if (variationsPath is not null)
        {
            variations = [];
            foreach (var row in SimpleCsv.Read(variationsPath, "party", "record_id", "variation"))
            {
                var record = new RecordRef(row[0], row[1]);
                if (!variations.TryGetValue(record, out var set))
                {
                    variations[record] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(row[2]);
            }
        }

        return new EvaluationTruth(personOf, variations);
    }

    private static List<(RecordRef, RecordRef)> EnumerateTruePairs(IReadOnlyDictionary<RecordRef, string> personOf)
    {
        var byPerson = new Dictionary<string, List<RecordRef>>(StringComparer.Ordinal);
        foreach (var (record, person) in personOf)
        {
            if (!byPerson.TryGetValue(person, out var list))
            {
                byPerson[person] = list = [];
            }

            list.Add(record);
        }

        var pairs = new List<(RecordRef, RecordRef)>();
        foreach (var records in byPerson.Values)
        {
            for (var i = 0; i < records.Count; i++)
            {
                for (var j = i + 1; j < records.Count; j++)
                {
                    var (a, b) = (records[i], records[j]);
                    if (a.Party == b.Party)
                    {
                        continue;
                    }

                    pairs.Add(string.CompareOrdinal(a.Party, b.Party) < 0 ? (a, b) : (b, a));
                }
            }
        }

        return pairs;
    }
}
