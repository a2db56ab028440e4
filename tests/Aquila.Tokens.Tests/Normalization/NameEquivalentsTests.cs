using Aquila.Tokens.Normalization;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Normalization;

public sealed class NameEquivalentsTests
{
    private static string Fold(string raw) => NameEquivalents.Apply(NameNormalizer.Canonical(raw));

    [Theory]
    [InlineData("Hysen", "Husein")]
    [InlineData("Hisen", "Husein")]
    [InlineData("Хисен", "Hussain")]
    [InlineData("Хусеин", "Hysen")]
    [InlineData("Jusuf", "Youssef")]
    public void A_Slavic_rendering_of_a_listed_spelling_finds_its_class(string one, string other) =>
        Assert.Equal(Fold(other), Fold(one));

    [Theory]
    [InlineData("Mehmed", "Muhamed")]
    [InlineData("Hasan", "Husein")]
    public void Different_names_stay_different(string one, string other) =>
        Assert.NotEqual(Fold(other), Fold(one));

    [Fact]
    public void A_name_outside_every_class_only_has_its_letters_folded() =>
        Assert.Equal("HISENI", Fold("Hyseni"));

    // Albanian y before a consonant is written i in Slavic renderings: writing it so never changes the folded name.
    // Letters that meet in the folds (Y, J, D, vowels) and the spellings of a class, in any mix.
    private static readonly Gen<string> Names =
        Gen.OneOf(
            Gen.Elements("AEIOUYDJHSNLKB ".ToCharArray()).ArrayOf().Select(chars => new string(chars)),
            Gen.Elements("Hysen", "Husein Hysen", "Yusuf", "Ymer", "Aysha", "Bytyqi", "Al Hysen", "Alhysen"));

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Writing_a_y_before_a_consonant_as_i_keeps_the_folded_name() =>
        Prop.ForAll(Names.ToArbitrary(), raw => Renders(raw));

    private static bool Renders(string raw)
    {
        var canonical = NameNormalizer.Canonical(raw);
        var rendered = new System.Text.StringBuilder(canonical);
        for (var i = 0; i < rendered.Length; i++)
        {
            if (rendered[i] == 'Y' && (i + 1 == rendered.Length || rendered[i + 1] is not ('A' or 'E' or 'I' or 'O' or 'U')))
            {
                rendered[i] = 'I';
            }
        }

        return NameEquivalents.Apply(rendered.ToString()) == NameEquivalents.Apply(canonical);
    }
}
