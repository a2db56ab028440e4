using System.Globalization;
using Aquila.Matching.Scoring;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Tests.Scoring;

/// <summary>
/// Issue 16: the person schema's name fragments take skip-grams (<c>"grams"</c>), so that two transposed letters leave two
/// fragments closer than bigrams alone do (two of the three bigrams a transposition makes are skip-grams of the name),
/// while two different names stay below the partial level. Written by the
/// node's writer and compared by the matcher's Dice, over many block salts (the bits differ per salt).
/// </summary>
public class SkipgramFragmentTests
{
    private const int Salts = 200;
    private static readonly VectorLayout WithSkipgrams = MatchKeySchema.Default.Scoring!.Layout;
    private static readonly VectorLayout BigramsOnly = new(
        [.. MatchKeySchema.Default.Scoring!.Fields.Select(f => f with { Grams = StringGrams.Bigram })], WithSkipgrams.Swappable);

    private static readonly int Family = WithSkipgrams.IndexOf("family");

    [Theory]
    [InlineData("Marko", "Makro")]
    [InlineData("Petrović", "Petorvić")]
    [InlineData("Nikolić", "Nikloić")]
    public void Two_transposed_letters_leave_the_fragments_closer_with_skip_grams(string name, string typo)
    {
        var bigrams = MeanDice(BigramsOnly, name, typo);
        var skipgrams = MeanDice(WithSkipgrams, name, typo);

        Assert.True(skipgrams > bigrams + 0.05, $"mean Dice {skipgrams:F3} with skip-grams, {bigrams:F3} without");
    }

    [Theory]
    [InlineData("Marko", "Nikola")]
    [InlineData("Petrović", "Pavlović")]
    public void Two_different_names_stay_below_the_partial_level(string one, string other) =>
        Assert.True(MeanDice(WithSkipgrams, one, other) < VectorComparer.PartialDice);

    [Fact]
    public void The_vector_keeps_its_length() => Assert.Equal(BigramsOnly.Length, WithSkipgrams.Length);

    // Mean Dice of the family-name fragments of two records over many block values (each its own salt).
    private static double MeanDice(VectorLayout layout, string family, string other)
    {
        using var key = ProjectKey.FromBytes(new byte[32]);
        using var keys = new Stage2Keys(key, new byte[32]);
        using var writer = new ComparisonVectorWriter();
        var (a, b, salt) = (new byte[layout.Length], new byte[layout.Length], new byte[Stage2Keys.Length]);
        var sum = 0.0;
        for (var s = 0; s < Salts; s++)
        {
            keys.Salt("b", s.ToString(CultureInfo.InvariantCulture), salt);
            writer.Write(ComparisonFeatures.Of(Person(family)), layout, salt, a);
            writer.Write(ComparisonFeatures.Of(Person(other)), layout, salt, b);
            sum += VectorComparer.Dice(layout.Fragment(a, Family), layout.Fragment(b, Family));
        }

        return sum / Salts;
    }

    private static PersonRecord Person(string family) => new() { RecordId = "1", FamilyName = family, GivenName = "Ana", Sex = "F" };
}
