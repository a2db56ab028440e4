using Aquila.Tokens.Normalization;

namespace Aquila.Tokens.Tests.Normalization;

public sealed class IdentifierNormalizerTests
{
    [Theory]
    [InlineData("AB 12-34.5O", "AB123450")]
    [InlineData("ab/123 456", "AB123456")]
    [InlineData("АВ123", "AB123")] // Cyrillic А and В
    [InlineData("ЕКМНОРСТХ", "EKMH0PCTX")]
    [InlineData("ＡＢ１２３", "AB123")]
    [InlineData("O0o", "000")]
    [InlineData("P-Č 7", "PC7")]
    public void DocumentNumber_removes_noise_and_maps_look_alikes(string raw, string expected) =>
        Assert.Equal(expected, IdentifierNormalizer.DocumentNumber(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" - . / ")]
    public void DocumentNumber_without_letters_or_digits_is_empty(string? raw) =>
        Assert.Equal(string.Empty, IdentifierNormalizer.DocumentNumber(raw));

    [Theory]
    [InlineData("0101 990-710.008", "0101990710008")]
    [InlineData("J0O1O1OO1A", "J00101001A")]
    [InlineData("  ", "")]
    public void NationalId_is_cleaned_like_a_document_number(string raw, string expected) =>
        Assert.Equal(expected, IdentifierNormalizer.NationalId(raw));

    [Theory]
    [InlineData("RS", "RS")]
    [InlineData("srb", "RS")]
    [InlineData("Srbija", "RS")]
    [InlineData("Србија", "RS")]
    [InlineData("SERBIA", "RS")]
    [InlineData("BIH", "BA")]
    [InlineData("BiH", "BA")]
    [InlineData("b.i.h.", "BA")]
    [InlineData("Bosna i Hercegovina", "BA")]
    [InlineData("Босна и Херцеговина", "BA")]
    [InlineData("MNE", "ME")]
    [InlineData("Crna Gora", "ME")]
    [InlineData("MKD", "MK")]
    [InlineData("Sjeverna Makedonija", "MK")]
    [InlineData("Македонија", "MK")]
    [InlineData("ALB", "AL")]
    [InlineData("Shqipëri", "AL")]
    [InlineData("Albanija", "AL")]
    [InlineData("XKX", "XK")]
    [InlineData("RKS", "XK")]
    [InlineData("Kosova", "XK")]
    [InlineData("Kosovo", "XK")]
    [InlineData("Hrvatska", "HR")]
    [InlineData("HRV", "HR")]
    [InlineData("SVN", "SI")]
    [InlineData("BGR", "BG")]
    [InlineData("ROU", "RO")]
    [InlineData("HUN", "HU")]
    [InlineData("AUT", "AT")]
    [InlineData("Österreich", "AT")]
    [InlineData("MDA", "MD")]
    [InlineData("GRC", "GR")]
    [InlineData("TUR", "TR")]
    [InlineData("DEU", "DE")]
    [InlineData("Njemačka", "DE")]
    [InlineData("ITA", "IT")]
    [InlineData("FRA", "FR")]
    [InlineData("CHE", "CH")]
    [InlineData("CHN", "CN")]
    [InlineData("SHN", "SH")]
    [InlineData("SWE", "SE")]
    [InlineData("NLD", "NL")]
    [InlineData("BEL", "BE")]
    [InlineData("GBR", "GB")]
    [InlineData("UK", "GB")]
    [InlineData("USA", "US")]
    [InlineData("SAD", "US")]
    [InlineData("SYR", "SY")]
    [InlineData("Sirija", "SY")]
    [InlineData("IRQ", "IQ")]
    [InlineData("AFG", "AF")]
    [InlineData("  mk ", "MK")]
    public void Country_accepts_codes_and_local_names(string raw, string expected) =>
        Assert.Equal(expected, IdentifierNormalizer.Country(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Country_of_blank_is_empty(string? raw) =>
        Assert.Equal(string.Empty, IdentifierNormalizer.Country(raw));

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("QQ")]
    [InlineData("ZZZ")]
    [InlineData("Yugoslavia")]
    public void Country_not_recognised_is_null(string raw) =>
        Assert.Null(IdentifierNormalizer.Country(raw));

    [Theory]
    [InlineData("M", Sex.Male)]
    [InlineData("m", Sex.Male)]
    [InlineData("male", Sex.Male)]
    [InlineData("Muški", Sex.Male)]
    [InlineData("muško", Sex.Male)]
    [InlineData("мушки", Sex.Male)]
    [InlineData("МУШ", Sex.Male)]
    [InlineData("М", Sex.Male)] // Cyrillic
    [InlineData("mashkull", Sex.Male)]
    [InlineData("moški", Sex.Male)]
    [InlineData("F", Sex.Female)]
    [InlineData("f", Sex.Female)]
    [InlineData("Ž", Sex.Female)]
    [InlineData("Z", Sex.Female)]
    [InlineData("Ж", Sex.Female)]
    [InlineData("female", Sex.Female)]
    [InlineData("ženski", Sex.Female)]
    [InlineData("женски", Sex.Female)]
    [InlineData("femër", Sex.Female)]
    [InlineData(" F. ", Sex.Female)]
    public void ParseSex_recognises_the_regions_codes_and_words(string raw, Sex expected) =>
        Assert.Equal(expected, IdentifierNormalizer.ParseSex(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("X")]
    [InlineData("1")]
    [InlineData("unknown")]
    [InlineData("M F")]
    public void ParseSex_of_anything_else_is_unknown(string? raw) =>
        Assert.Equal(Sex.Unknown, IdentifierNormalizer.ParseSex(raw));
}
