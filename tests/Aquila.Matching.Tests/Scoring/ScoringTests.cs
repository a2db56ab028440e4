using Aquila.Matching.Scoring;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Matching.Tests.Scoring;

public class ScoringTests
{
    private static readonly PairScorer Scorer = new(MatchKeySchema.Default.Scoring!);
    private static readonly ComparisonFields Fields = Scorer.Fields;
    private static readonly int Given = Fields.Layout.IndexOf("given"), Family = Fields.Layout.IndexOf("family"),
        Father = Fields.Layout.IndexOf("father"), Dob = Fields.Layout.IndexOf("dob"), Sex = Fields.Layout.IndexOf("sex"),
        NationalId = Fields.Layout.IndexOf("national_id");

    private static byte[] Vector(PersonRecord record)
    {
        using var key = ProjectKey.FromBytes(new byte[32]);
        using var keys = new Stage2Keys(key, new byte[32]);
        using var writer = new ComparisonVectorWriter();
        var salt = new byte[Stage2Keys.Length];
        keys.Salt("b", "v", salt);
        var vector = new byte[Fields.Layout.Length];
        writer.Write(ComparisonFeatures.Of(record), Fields.Layout, salt, vector);
        return vector;
    }

    private static byte[] Levels(PersonRecord a, PersonRecord b)
    {
        var levels = new byte[Scorer.FieldCount];
        Scorer.Compare(Vector(a), Vector(b), levels);
        return levels;
    }

    private static PersonRecord Person(string family, string given, string dob, string? father = null) =>
        new() { RecordId = "x", FamilyName = family, GivenName = given, DateOfBirth = dob, FatherName = father, Sex = "M" };

    [Fact]
    public void Field_levels_say_how_two_records_agree_without_any_value()
    {
        var levels = Levels(Person("Petrović", "Marko", "12.03.1985", "Jovan"), Person("Petrovic", "Marco", "1986-03-12"));

        Assert.Equal(1, levels[Family]);                  // equal once folded
        Assert.InRange(levels[Given], 2, 3);              // close: Marko / Marco
        Assert.Equal(0, levels[Father]);                  // missing on one side
        Assert.Equal(3, levels[Dob]);                     // same day and month, year off by one
        Assert.Equal(1, levels[Sex]);
        Assert.Equal(0, levels[NationalId]);
    }

    private static readonly string[] Names = ["Petrović", "Petrovic", "Marko", "Marco", "Ana", "Jovan", "Krasniqi", "Krasnići", "Ана", ""];
    private static readonly string[] Dates = ["12.03.1985", "03.12.1985", "1985", "1986-03-12", "20.03.1990", "", "01.01.1985"];

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public Property Comparing_is_symmetric() =>
        Prop.ForAll(Gen.Elements(Names).Four().ToArbitrary(), Gen.Elements(Dates).Two().ToArbitrary(), (names, dates) =>
        {
            var a = Person(names.Item1, names.Item2, dates.Item1, names.Item3);
            var b = Person(names.Item2, names.Item4, dates.Item2, names.Item1);
            return Levels(a, b).AsSpan().SequenceEqual(Levels(b, a));
        });

    [Fact]
    public void Swapped_given_and_family_names_compare_crosswise()
    {
        var levels = Levels(Person("Petrović", "Marko", "12.03.1985"), Person("Marko", "Petrović", "12.03.1985"));

        Assert.Equal(1, levels[Given]);
        Assert.Equal(1, levels[Family]);
    }

    [Fact]
    public void Day_month_swapped_dates_and_far_dates_have_their_own_levels()
    {
        Assert.Equal(2, Levels(Person("A", "B", "12.03.1985"), Person("A", "B", "03.12.1985"))[Dob]);
        Assert.Equal(4, Levels(Person("A", "B", "12.03.1985"), Person("A", "B", "1985"))[Dob]);
        Assert.Equal(6, Levels(Person("A", "B", "12.03.1985"), Person("A", "B", "20.03.1990"))[Dob]);
    }

    [Fact]
    public void Expectation_maximization_recovers_the_parameters_that_made_the_patterns()
    {
        // Patterns drawn from a known model: 10 % true pairs; each field agrees (level 1) with m = 0.9 among true pairs
        // and u = 0.1 among others, else disagrees (the last level); never missing.
        var random = new Random(42);
        var counts = new Dictionary<string, (byte[] Levels, long Count)>();
        for (var i = 0; i < 50_000; i++)
        {
            var match = random.NextDouble() < 0.1;
            var levels = new byte[Fields.Count];
            for (var f = 0; f < Fields.Count; f++)
            {
                var agrees = random.NextDouble() < (match ? 0.9 : 0.1);
                levels[f] = agrees ? (byte)1 : (byte)(Fields.Levels(f) - 1);
            }

            var code = Convert.ToHexString(levels);
            counts[code] = counts.TryGetValue(code, out var seen) ? (levels, seen.Count + 1) : (levels, 1);
        }

        var model = ExpectationMaximization.Fit([.. counts.Values], FellegiSunterModel.Defaults(Fields));

        Assert.InRange(model.Prior, 0.09, 0.11);
        for (var f = 0; f < Fields.Count; f++)
        {
            Assert.InRange(model.M(f, 1), 0.87, 0.93);
            Assert.InRange(model.U(f, 1), 0.08, 0.12);
        }
    }

    [Fact]
    public void The_posterior_rises_with_every_agreeing_field()
    {
        var model = FellegiSunterModel.Defaults(Fields);
        var levels = new byte[Fields.Count];
        for (var f = 0; f < Fields.Count; f++)
        {
            levels[f] = (byte)(Fields.Levels(f) - 1);
        }

        var previous = model.Posterior(levels);
        for (var f = 0; f < Fields.Count; f++)
        {
            levels[f] = 1;
            var next = model.Posterior(levels);
            Assert.True(next > previous, Fields.Names[f]);
            previous = next;
        }
    }
}
