using Aquila.Tokens.Normalization;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Normalization;

public sealed class NamePartsAndSkeletonTests
{
    private static readonly Gen<string> Part =
        Gen.Choose('A', 'Z').Select(c => (char)c).ArrayOf().Where(a => a.Length is >= 1 and <= 8)
            .Select(a => new string(a));

    [FsCheck.Xunit.Property]
    public Property SortedParts_gives_the_same_result_for_any_order_of_the_parts() =>
        Prop.ForAll(
            Part.ArrayOf().Where(p => p.Length is >= 1 and <= 6)
                .SelectMany(parts => Gen.Shuffle(parts), (parts, shuffled) => (parts, shuffled))
                .ToArbitrary(),
            pair => NameNormalizer.SortedParts(string.Join(' ', pair.parts))
                == NameNormalizer.SortedParts(string.Join(' ', pair.shuffled)));

    [FsCheck.Xunit.Property]
    public Property SortedParts_keeps_every_part_in_ordinal_order() =>
        Prop.ForAll(Part.ArrayOf().Where(p => p.Length is >= 1 and <= 6).ToArbitrary(), parts =>
        {
            var expected = (string[])parts.Clone();
            Array.Sort(expected, StringComparer.Ordinal);
            return NameNormalizer.SortedParts(string.Join(' ', parts)) == string.Join(' ', expected);
        });

    [FsCheck.Xunit.Property]
    public Property Skeleton_of_a_canonical_form_holds_only_letters_and_single_inner_spaces() =>
        Prop.ForAll(NameGenerators.AnyText(), text =>
        {
            var skeleton = NameNormalizer.Skeleton(NameNormalizer.Canonical(text));
            return CanonicalPropertyTests.IsCanonicalShape(skeleton)
                && skeleton.Split(' ').Length == NameNormalizer.Canonical(text).Split(' ').Length;
        });

    [Theory]
    [InlineData("PETROVIC MARKO", "MARKO PETROVIC")]
    [InlineData("MARKO PETROVIC", "MARKO PETROVIC")]
    [InlineData("ANA ANA MARIJA", "ANA ANA MARIJA")]
    [InlineData("MARIJA ANA ANA", "ANA ANA MARIJA")]
    [InlineData("", "")]
    public void SortedParts_sorts_and_keeps_duplicates(string canonical, string expected) =>
        Assert.Equal(expected, NameNormalizer.SortedParts(canonical));

    [Theory]
    [InlineData("Muhamed", "Mohamed")]
    [InlineData("Muhamed", "Muhammed")]
    [InlineData("Muhamed", "Muhammad")]
    [InlineData("Ahmed", "Ahmet")]
    [InlineData("Jovan", "Yovan")]
    [InlineData("Jusuf", "Yusuf")]
    [InlineData("Husein", "Husejin")]
    [InlineData("Hussein", "Huseyin")]
    [InlineData("Bajram", "Bayram")]
    [InlineData("Zejnep", "Zeinab")]
    [InlineData("Emin", "Amin")]
    [InlineData("Ymer", "Imer")]
    [InlineData("Ivanov", "Ivanoff")]
    [InlineData("Vehbi", "Wehbi")]
    public void Skeleton_makes_transliteration_variants_equal(string a, string b) =>
        Assert.Equal(
            NameNormalizer.Skeleton(NameNormalizer.Canonical(a)),
            NameNormalizer.Skeleton(NameNormalizer.Canonical(b)));

    [Theory]
    [InlineData("Marko", "Darko")]
    [InlineData("Petrović", "Pavlović")]
    [InlineData("Ana", "Ena Ana")]
    [InlineData("Hasan", "Asan")]
    public void Skeleton_keeps_different_names_apart(string a, string b) =>
        Assert.NotEqual(
            NameNormalizer.Skeleton(NameNormalizer.Canonical(a)),
            NameNormalizer.Skeleton(NameNormalizer.Canonical(b)));

    [Theory]
    [InlineData("MUHAMED", "MMT")]
    [InlineData("AHMED", "AMT")]
    [InlineData("PETROVIC MARKO", "PTRFC MRK")]
    [InlineData("ALEX", "ALKS")]
    [InlineData("", "")]
    public void Skeleton_keeps_the_part_order_and_the_documented_codes(string canonical, string expected) =>
        Assert.Equal(expected, NameNormalizer.Skeleton(canonical));

    [Theory]
    [InlineData("PETROVIC MARKO", 'P')]
    [InlineData("ANA", 'A')]
    [InlineData("", '\0')]
    public void Initial_is_the_first_letter_of_the_first_part(string canonical, char expected) =>
        Assert.Equal(expected, NameNormalizer.Initial(canonical));
}
