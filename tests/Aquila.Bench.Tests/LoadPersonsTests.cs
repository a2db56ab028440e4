using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Bench.Tests;

public class LoadPersonsTests
{
    private const int Parties = 6;
    private const long Records = 1000;
    private const double Shared = 0.1;
    private const long SharedPerPair = 50; // Records × Shared / 2

    [Fact]
    public void A_shared_record_of_a_party_is_the_same_person_as_a_record_of_the_next_party()
    {
        for (var party = 0; party < Parties; party++)
        {
            var next = (party + 1) % Parties;
            for (long r = 0; r < SharedPerPair; r++)
            {
                Assert.Equal(
                    LoadPersons.PersonOf(party, Parties, r, Records, Shared),
                    LoadPersons.PersonOf(next, Parties, SharedPerPair + r, Records, Shared));
            }
        }
    }

    [FsCheck.Xunit.Property]
    public Property Records_past_the_shared_ones_are_persons_no_other_party_holds()
    {
        var gen =
            from a in Gen.Choose(0, Parties - 1)
            from b in Gen.Choose(0, Parties - 1)
            from ra in Gen.Choose((int)(2 * SharedPerPair), (int)Records - 1)
            from rb in Gen.Choose(0, (int)Records - 1)
            where a != b
            select (a, b, ra, rb);
        return Prop.ForAll(gen.ToArbitrary(), t =>
            LoadPersons.PersonOf(t.a, Parties, t.ra, Records, Shared) != LoadPersons.PersonOf(t.b, Parties, t.rb, Records, Shared));
    }

    [Fact]
    public void Every_party_renders_a_person_with_the_same_fields()
    {
        var first = LoadPersons.Create(person: 42, party: 0, recordNumber: 7, seed: 1);
        var second = LoadPersons.Create(person: 42, party: 3, recordNumber: 900, seed: 1);

        Assert.Equal(
            (first.FamilyName, first.GivenName, first.FatherName, first.DateOfBirth, first.PlaceOfBirth, first.NationalId, first.DocumentNumber),
            (second.FamilyName, second.GivenName, second.FatherName, second.DateOfBirth, second.PlaceOfBirth, second.NationalId, second.DocumentNumber));
        Assert.NotEqual(first.RecordId, second.RecordId);
    }

    [Fact]
    public void Different_persons_have_different_passport_numbers()
    {
        var numbers = new HashSet<string>();
        for (var person = 0; person < 2000; person++)
        {
            if (LoadPersons.Create(person, 0, person, seed: 1).DocumentNumber is { } number)
            {
                Assert.True(numbers.Add(number));
            }
        }

        Assert.NotEmpty(numbers);
    }
}
