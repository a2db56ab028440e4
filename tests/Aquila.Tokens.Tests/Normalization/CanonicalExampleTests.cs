using Aquila.Tokens.Normalization;

namespace Aquila.Tokens.Tests.Normalization;

public sealed class CanonicalExampleTests
{
    [Theory]
    [InlineData("Petrović", "PETROVIC")]
    [InlineData("Petrovic", "PETROVIC")]
    [InlineData("Petrovich", "PETROVIC")]
    [InlineData("Петровић", "PETROVIC")]
    [InlineData("Petroviq", "PETROVIC")]
    [InlineData("PETROVIĆ", "PETROVIC")]
    [InlineData("Krasniqi", "KRASNICI")]
    [InlineData("Krasnići", "KRASNICI")]
    [InlineData("Đorđević", "DJORDJEVIC")]
    [InlineData("Djordjevic", "DJORDJEVIC")]
    [InlineData("Ђорђевић", "DJORDJEVIC")]
    [InlineData("Gjorgjeviq", "DJORDJEVIC")]
    [InlineData("Ðorðević", "DJORDJEVIC")]
    [InlineData("Džeko", "DZEKO")]
    [InlineData("Xheko", "DZEKO")]
    [InlineData("Џеко", "DZEKO")]
    [InlineData("Ǆeko", "DZEKO")]
    [InlineData("Ѓорѓиевски", "DJORDJIEVSKI")]
    [InlineData("Gjorgjievski", "DJORDJIEVSKI")]
    [InlineData("Ǵorǵievski", "DJORDJIEVSKI")]
    [InlineData("Ќосе", "COSE")]
    [InlineData("Kjose", "COSE")]
    [InlineData("Qose", "COSE")]
    [InlineData("Ѕвездан", "DZVEZDAN")]
    [InlineData("Љубљана", "LJUBLJANA")]
    [InlineData("Njegoš", "NJEGOS")]
    [InlineData("Shehu", "SEHU")]
    [InlineData("Šehu", "SEHU")]
    [InlineData("Zhivko", "ZIVKO")]
    [InlineData("Živko", "ZIVKO")]
    [InlineData("Berisha", "BERISA")]
    [InlineData("Gashi", "GASI")]
    [InlineData("Çollaku", "COLAKU")]
    [InlineData("Hoxha", "HODZA")]
    [InlineData("Hodža", "HODZA")]
    [InlineData("Ходжа", "HODZA")]
    [InlineData("Dëshira", "DESIRA")]
    public void Spelling_variants_of_one_name_give_the_same_canonical_form(string raw, string expected) =>
        Assert.Equal(expected, NameNormalizer.Canonical(raw));

    [Theory]
    [InlineData("Muhammed", "MUHAMED")]
    [InlineData("Hassani", "HASANI")]
    [InlineData("Abdullah", "ABDULAH")]
    public void Doubled_letters_collapse(string raw, string expected) =>
        Assert.Equal(expected, NameNormalizer.Canonical(raw));

    [Theory]
    [InlineData("Petrović-Marković", "PETROVIC MARKOVIC")]
    [InlineData("  Ana   Marija  ", "ANA MARIJA")]
    [InlineData("Petrović, Marko", "PETROVIC MARKO")]
    [InlineData("Marko/Marijan", "MARKO MARIJAN")]
    [InlineData("Ana_Marija", "ANA MARIJA")]
    [InlineData("Petrović – Marković", "PETROVIC MARKOVIC")]
    [InlineData("Ana\u00A0Marija", "ANA MARIJA")]
    public void Separators_split_parts_joined_by_one_space(string raw, string expected) =>
        Assert.Equal(expected, NameNormalizer.Canonical(raw));

    [Theory]
    [InlineData("O'Brien", "OBRIEN")]
    [InlineData("Mc.Donald", "MCDONALD")]
    [InlineData("Marko2", "MARKO")]
    [InlineData("Ma\u200Brko", "MARKO")]
    public void Other_punctuation_and_digits_are_removed_inside_a_part(string raw, string expected) =>
        Assert.Equal(expected, NameNormalizer.Canonical(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("123 - ,")]
    [InlineData("中文")]
    public void Input_without_letters_gives_empty(string? raw) =>
        Assert.Equal(string.Empty, NameNormalizer.Canonical(raw));

    [Theory]
    [InlineData("Ｐｅｔｒｏｖｉｃ", "PETROVIC")]
    [InlineData("ﬁlip", "FILIP")]
    [InlineData("Petrovic\u0301", "PETROVIC")]
    [InlineData("Ана Ма\u0300рија", "ANA MARIJA")]
    public void Compatibility_forms_and_combining_marks_fold_like_NFKC(string raw, string expected) =>
        Assert.Equal(expected, NameNormalizer.Canonical(raw));

    [Fact]
    public void Already_canonical_input_is_returned_unchanged()
    {
        const string canonical = "PETROVIC MARKO";

        var result = NameNormalizer.Canonical(canonical);

        Assert.Same(canonical, result);
    }

    [Fact]
    public void WriteCanonical_refuses_a_destination_shorter_than_the_maximum() =>
        Assert.Throws<ArgumentException>(() => NameNormalizer.WriteCanonical("Petrović", new char[8]));
}
