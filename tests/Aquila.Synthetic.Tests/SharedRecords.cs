namespace Aquila.Synthetic.Tests;

/// <summary>Records of shared persons: the population the minimum variation rates are measured on.</summary>
internal sealed class SharedRecords
{
    public SharedRecords(SyntheticDataset data)
    {
        var personById = new Dictionary<string, SyntheticPerson>(StringComparer.Ordinal);
        foreach (var person in data.Persons)
        {
            personById[person.Id] = person;
        }

        var personOfRecord = new Dictionary<(string, string), SyntheticPerson>();
        foreach (var row in data.Truth)
        {
            personOfRecord[(row.Party, row.RecordId)] = personById[row.PersonId];
        }

        var variations = new Dictionary<(string, string), HashSet<string>>();
        foreach (var row in data.Variations)
        {
            var key = (row.Party, row.RecordId);
            if (!variations.TryGetValue(key, out var set))
            {
                variations[key] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(row.Variation);
        }

        foreach (var party in data.Parties)
        {
            foreach (var record in data.RecordsByParty[party])
            {
                var person = personOfRecord[(party, record.RecordId)];
                if (person.Parties.Length > 1)
                {
                    Records.Add(new SharedRecord(party, record, person, variations.GetValueOrDefault((party, record.RecordId)) ?? []));
                }
            }
        }
    }

    public List<SharedRecord> Records { get; } = [];

    /// <summary>Share of the records for which <paramref name="predicate"/> holds.</summary>
    public double Rate(Func<SharedRecord, bool> predicate) => Rate(Records, predicate);

    public static double Rate(List<SharedRecord> records, Func<SharedRecord, bool> predicate)
    {
        var hits = 0;
        foreach (var record in records)
        {
            if (predicate(record))
            {
                hits++;
            }
        }

        return records.Count == 0 ? 0 : (double)hits / records.Count;
    }
}
