using Aquila.Tokens.Normalization.Vehicles;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Vehicles;

public sealed class PlateNormalizerTests
{
    // Latin letters of the region's plates with a Cyrillic letter that looks like each (where one exists) and the
    // Serbian Cyrillic letter it is transliterated to.
    private static readonly (char Latin, char LookAlike, char Transliterated)[] Letters =
    [
        ('A', 'А', 'А'), ('B', 'В', 'Б'), ('C', 'С', 'Ц'), ('E', 'Е', 'Е'), ('H', 'Н', 'Х'), ('K', 'К', 'К'), ('M', 'М', 'М'),
        ('O', 'О', 'О'), ('P', 'Р', 'П'), ('T', 'Т', 'Т'), ('X', 'Х', 'Х'), ('Y', 'У', 'У'), ('J', 'Ј', 'Ј'),
        ('D', 'D', 'Д'), ('G', 'G', 'Г'), ('L', 'L', 'Л'), ('N', 'N', 'Н'), ('S', 'S', 'С'), ('Z', 'Z', 'З'),
        ('V', 'V', 'В'), ('U', 'U', 'У'), ('R', 'R', 'Р'), ('F', 'F', 'Ф'), ('I', 'I', 'И'),
    ];

    [Theory]
    [InlineData("BG 123-AB", "BG 123 AB")]
    [InlineData("BG 123-AB", "bg123ab")]
    [InlineData("BG 123-AB", "B.G. 123.A.B")]
    [InlineData("BG 123-AB", "БГ 123-АБ")] // Serbian Cyrillic, transliterated
    [InlineData("NS 456-KT", "НС 456-КТ")]
    [InlineData("SK 1234 AB", "СК 1234 АБ")] // Macedonian
    [InlineData("ŠA 012-ČĆ", "SA 012-CC")]
    [InlineData("ŠA 012-ČĆ", "ША 012-ЧЋ")]
    [InlineData("PG AB123", "PG AB 123")] // Montenegrin
    [InlineData("PG AB123", "РG АВ123")] // typed with Cyrillic look-alikes Р, А, В
    [InlineData("BG 100-OO", "BG 1OO-00")] // O and 0
    public void Renderings_of_one_plate_agree(string plate, string rendering) =>
        Assert.Equal(PlateNormalizer.Normalize(plate), PlateNormalizer.Normalize(rendering));

    [Theory]
    [InlineData("BG 123-AB", "BG 123-AK")]
    [InlineData("BG 123-AB", "BG 124-AB")]
    [InlineData("NS 456-KT", "NI 456-KT")]
    public void Different_plates_stay_different(string a, string b) =>
        Assert.NotEqual(PlateNormalizer.Normalize(a), PlateNormalizer.Normalize(b));

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("-.- ")]
    public void A_blank_or_symbol_only_plate_is_empty(string? raw) => Assert.Equal("", PlateNormalizer.Normalize(raw));

    [FsCheck.Xunit.Property]
    public Property Normalising_is_idempotent_and_gives_only_A_to_Z_and_digits(string? raw)
    {
        var once = PlateNormalizer.Normalize(raw);
        return (PlateNormalizer.Normalize(once) == once && once.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c))).ToProperty();
    }

    [FsCheck.Xunit.Property]
    public Property Spaces_hyphens_and_dots_do_not_matter() =>
        Prop.ForAll(Plate().ToArbitrary(), Gen.ArrayOf(Gen.Elements(" ", "-", ".", " - "), 12).ToArbitrary(), (plate, separators) =>
        {
            var spaced = string.Concat(plate.Select((c, i) => separators[i % separators.Length] + c));
            return PlateNormalizer.Normalize(spaced) == PlateNormalizer.Normalize(plate);
        });

    [FsCheck.Xunit.Property]
    public Property A_plate_typed_with_Cyrillic_look_alikes_agrees_with_the_Latin_plate() =>
        Prop.ForAll(Plate().ToArbitrary(), plate =>
            PlateNormalizer.Normalize(Render(plate, l => l.LookAlike)) == PlateNormalizer.Normalize(plate));

    [FsCheck.Xunit.Property]
    public Property A_plate_transliterated_to_Serbian_Cyrillic_agrees_with_the_Latin_plate() =>
        Prop.ForAll(Plate().ToArbitrary(), plate =>
            PlateNormalizer.Normalize(Render(plate, l => l.Transliterated)) == PlateNormalizer.Normalize(plate));

    private static string Render(string plate, Func<(char Latin, char LookAlike, char Transliterated), char> pick) =>
        string.Concat(plate.Select(c => Letters.FirstOrDefault(l => l.Latin == c) is { Latin: not '\0' } letter ? pick(letter) : c));

    // Transliteration is only defined for plates whose letters a Serbian Cyrillic rendering can hold one to one: no
    // Latin-only letters (Q, W, X, Y) are generated, except X and Y, whose Cyrillic renderings (Х, У) fold to them.
    private static Gen<string> Plate() =>
        from region in Gen.ArrayOf(Gen.Elements(Letters.Select(l => l.Latin).ToArray()), 2)
        from number in Gen.Choose(100, 9999)
        from suffix in Gen.ArrayOf(Gen.Elements(Letters.Select(l => l.Latin).ToArray()), 2)
        select new string(region) + number + new string(suffix);
}
