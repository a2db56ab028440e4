using System.Text;
using Aquila.Tokens.Input;

namespace Aquila.Bench;

/// <summary>
/// The records a party's node tokenises in a load run: the bench's own synthetic persons (<see cref="LoadPersons"/>), or,
/// with <see cref="LoadOptions.PersonsDirectory"/>, the party's file of an <c>aquila synth</c> data set (<c>DIR/RS.csv</c>
/// …), whose persons have realistic name frequencies and duplicates — a fairer population for stage 2's candidates.
/// </summary>
internal static class BenchPersonSource
{
    /// <summary>At most <see cref="LoadOptions.RecordsPerParty"/> records of party number <paramref name="party"/>.</summary>
    public static IEnumerable<SourceRecord> Records(LoadOptions options, string[] parties, int party)
    {
        if (options.PersonsDirectory is null)
        {
            for (long r = 0; r < options.RecordsPerParty; r++)
            {
                var person = LoadPersons.PersonOf(party, parties.Length, r, options.RecordsPerParty, options.SharedFraction);
                yield return LoadPersons.Create(person, party, r, options.Seed);
            }

            yield break;
        }

        var path = Path.Combine(options.PersonsDirectory, parties[party] + ".csv");
        using var reader = new PersonRecordReader(File.OpenRead(path), path, ColumnMap.Default, new UTF8Encoding(false, true));
        for (long r = 0; r < options.RecordsPerParty && reader.TryReadNext(out var record, out _);)
        {
            if (record is not null)
            {
                r++;
                yield return record;
            }
        }
    }
}
