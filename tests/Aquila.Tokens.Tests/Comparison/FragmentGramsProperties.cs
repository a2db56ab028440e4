using Aquila.Tokens.Comparison;
using Aquila.Tokens.Keys;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Comparison;

/// <summary>
/// Issue 16: the grams of a string-bloom fragment (<see cref="FragmentGrams"/>, docs/token-spec.md §7). Skip-grams are
/// what makes the fragment tolerant of two transposed letters: most bigrams such a typo creates, and the one a deleted
/// letter creates, are skip-grams of the spelling it was made from.
/// </summary>
public class FragmentGramsProperties
{
    private const StringGrams Both = StringGrams.Bigram | StringGrams.Skipgram;

    // Upper-case names of 2 to 12 letters (a small alphabet, so repeats occur), sometimes with a space.
    private static readonly Gen<string> Names =
        Gen.Elements("ABDEIJKLMNORSVZ ".ToCharArray()).ArrayOf().Select(chars => new string(chars).Trim())
            .Where(name => name.Length >= 2 && name.Length <= 12);

    [Fact]
    public void A_name_s_grams_are_its_padded_bigrams_then_its_skip_grams()
    {
        Assert.Equal(["_A", "AN", "NA", "A_"], Grams("ANA", StringGrams.Bigram));
        Assert.Equal(["_A", "AN", "NA", "A_", "_N", "AA", "N_"], Grams("ANA", Both));
        Assert.Equal(["_A", "A_", "_B", "B_", "__", "AB", "__"], Grams("A B", Both)); // a space is "_"
        Assert.Empty(Grams("", Both));
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property There_are_length_plus_one_bigrams_and_length_skip_grams() =>
        Prop.ForAll(Names.ToArbitrary(), name =>
            FragmentGrams.Count(name.Length, StringGrams.Bigram) == name.Length + 1
            && FragmentGrams.Count(name.Length, Both) == (2 * name.Length) + 1);

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property With_skip_grams_every_bigram_of_a_name_with_a_letter_deleted_is_a_gram_of_the_name() =>
        Prop.ForAll(Names.ToArbitrary(), Gen.Choose(0, 11).ToArbitrary(), (name, at) =>
        {
            var deleted = name.Remove(at % name.Length, 1);
            var grams = Grams(name, Both).ToHashSet();
            return Grams(deleted, StringGrams.Bigram).TrueForAll(grams.Contains);
        });

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property With_skip_grams_a_transposition_leaves_at_most_one_bigram_that_is_not_a_gram_of_the_name() =>
        Prop.ForAll(Names.ToArbitrary(), Gen.Choose(0, 10).ToArbitrary(), (name, at) =>
        {
            var i = at % (name.Length - 1);
            var swapped = string.Concat(name.AsSpan(0, i), name.AsSpan(i + 1, 1), name.AsSpan(i, 1), name.AsSpan(i + 2));
            var grams = Grams(name, Both).ToHashSet();
            return Grams(swapped, StringGrams.Bigram).Count(g => !grams.Contains(g)) <= 1;
        });

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Without_skip_grams_the_grams_are_the_first_ones_with_them() =>
        Prop.ForAll(Names.ToArbitrary(), name =>
            Grams(name, StringGrams.Bigram).SequenceEqual(Grams(name, Both).Take(name.Length + 1)));

    private static List<string> Grams(string value, StringGrams grams)
    {
        var list = new List<string>();
        for (var i = 0; i < FragmentGrams.Count(value.Length, grams); i++)
        {
            var (first, second) = FragmentGrams.At(value, i);
            list.Add($"{first}{second}");
        }

        return list;
    }
}
