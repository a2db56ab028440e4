namespace Aquila.Synthetic.Tests;

public class TruthConsistencyTests
{
    private static SyntheticDataset Data => SixThousandPersons.Data;

    [Fact]
    public void Every_record_has_exactly_one_truth_row_and_every_truth_row_a_record()
    {
        var records = new HashSet<(string, string)>();
        foreach (var party in Data.Parties)
        {
            foreach (var record in Data.RecordsByParty[party])
            {
                records.Add((party, record.RecordId));
            }
        }

        var seen = new HashSet<(string, string)>();
        foreach (var row in Data.Truth)
        {
            Assert.True(seen.Add((row.Party, row.RecordId)), $"record {row.RecordId} of {row.Party} has two truth rows");
            Assert.Contains((row.Party, row.RecordId), records);
        }

        Assert.Equal(records.Count, seen.Count);
    }

    [Fact]
    public void Record_ids_are_unique_within_each_party_file()
    {
        foreach (var party in Data.Parties)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in Data.RecordsByParty[party])
            {
                Assert.True(ids.Add(record.RecordId), $"record id {record.RecordId} repeats in {party}");
            }
        }
    }

    [Fact]
    public void Each_person_is_held_by_one_party_or_shared_by_two_to_four_with_at_most_one_record_per_party()
    {
        var partiesOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var row in Data.Truth)
        {
            if (!partiesOf.TryGetValue(row.PersonId, out var list))
            {
                partiesOf[row.PersonId] = list = [];
            }

            Assert.DoesNotContain(row.Party, list);
            list.Add(row.Party);
        }

        Assert.Equal(SixThousandPersons.Persons, partiesOf.Count);
        var shared = 0;
        foreach (var (_, parties) in partiesOf)
        {
            Assert.InRange(parties.Count, 1, 4);
            shared += parties.Count > 1 ? 1 : 0;
        }

        Assert.InRange(shared, SixThousandPersons.Persons / 10, SixThousandPersons.Persons / 3);
    }

    [Fact]
    public void Most_records_have_no_match_at_another_party()
    {
        var singletonRecords = Data.Truth.Count - SixThousandPersons.Shared.Records.Count;

        Assert.True(singletonRecords > Data.Truth.Count / 2, $"only {singletonRecords} of {Data.Truth.Count} records are singletons");
    }

    [Fact]
    public void Every_variation_row_names_a_record_of_its_person_and_a_known_variation()
    {
        var truth = new HashSet<(string, string, string)>();
        foreach (var row in Data.Truth)
        {
            truth.Add((row.Party, row.RecordId, row.PersonId));
        }

        var known = typeof(VariationNames).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);
        foreach (var row in Data.Variations)
        {
            Assert.Contains((row.Party, row.RecordId, row.PersonId), truth);
            Assert.Contains(row.Variation, known);
        }
    }

    [Fact]
    public void Every_party_has_records()
    {
        foreach (var party in SynthOptions.KnownParties)
        {
            Assert.True(Data.RecordsByParty[party].Count > SixThousandPersons.Persons / 10, $"{party} has too few records");
        }
    }

    [Fact]
    public void No_two_persons_share_a_national_id_or_a_passport_number()
    {
        var ids = Data.Persons.Where(p => p.NationalId is not null).Select(p => p.NationalId!).ToList();
        var passports = Data.Persons.SelectMany(p => new[] { p.Passport, p.OldPassport }).OfType<string>().ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(passports.Count, passports.Distinct(StringComparer.Ordinal).Count());
    }
}
