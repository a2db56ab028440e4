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

    [FsCheck.Xunit.Property]
    public Property Applying_twice_gives_what_applying_once_gives(string? raw)
    {
        var once = Fold(raw ?? "");
        return (NameEquivalents.Apply(once) == once).ToProperty();
    }
}
