using Aquila.Tokens.Normalization.Vehicles;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Vehicles;

public sealed class VinTests
{
    private const string VinAlphabet = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

    [Theory]
    [InlineData("1M8GDM9AXKP042788")] // check digit X
    [InlineData("1HGCM82633A004352")]
    [InlineData("11111111111111111")]
    public void A_North_American_VIN_with_its_check_digit_is_verified(string vin)
    {
        Assert.True(Vin.HasValidCheckDigit(vin));
        Assert.True(Vin.IsVerified(vin));
    }

    [Fact]
    public void A_North_American_VIN_whose_check_digit_fails_is_not_verified() =>
        Assert.False(Vin.IsVerified("1HGCM82643A004352"));

    [Fact]
    public void A_European_VIN_with_a_filler_at_position_9_is_verified_because_the_check_digit_is_optional_there()
    {
        Assert.False(Vin.HasValidCheckDigit("WVWZZZ1JZXW000001"));
        Assert.True(Vin.IsVerified("WVWZZZ1JZXW000001"));
    }

    [Theory]
    [InlineData("1HGCM82633A004352", "1HGCM82633A004352")]
    [InlineData(" 1hgcm8-2633.a004352 ", "1HGCM82633A004352")]
    [InlineData("1HGCM82633AOO4352", "1HGCM82633A004352")] // O read as 0
    [InlineData("WVWZZZIJZXWOOOOQI", "WVWZZZ1JZXW000001")] // I, O, Q read as 1, 0, 0
    [InlineData("WVWZZZ1JZХW000001", "WVWZZZ1JZXW000001")] // Cyrillic Х
    public void Cleaning_drops_separators_and_reads_I_O_Q_and_Cyrillic_look_alikes(string raw, string expected) =>
        Assert.Equal(expected, Vin.Clean(raw));

    [Theory]
    [InlineData("1HGCM82633A00435")]
    [InlineData("1HGCM82633A0043521")]
    public void A_VIN_that_is_not_17_characters_is_not_verified(string vin) => Assert.False(Vin.IsVerified(vin));

    [Fact]
    public void The_world_manufacturer_identifier_gives_the_make()
    {
        Assert.Equal(MakeNames.Canonical("Volkswagen"), WorldManufacturerIds.MakeOf("WVWZZZ1JZXW000001"));
        Assert.Equal(MakeNames.Canonical("Honda"), WorldManufacturerIds.MakeOf("1HGCM82633A004352"));
        Assert.Null(WorldManufacturerIds.MakeOf("ZZZZZZ1JZXW000001"));
    }

    [FsCheck.Xunit.Property]
    public Property Cleaning_is_idempotent(string? raw)
    {
        var once = Vin.Clean(raw);
        return (Vin.Clean(once) == once).ToProperty();
    }

    [FsCheck.Xunit.Property]
    public Property A_North_American_VIN_with_its_computed_check_digit_is_verified() =>
        Prop.ForAll(NorthAmericanVin().ToArbitrary(), vin => Vin.IsVerified(vin) && Vin.Clean(vin) == vin);

    [FsCheck.Xunit.Property]
    public Property Any_other_character_at_position_9_of_a_North_American_VIN_fails_the_check() =>
        Prop.ForAll(NorthAmericanVin().ToArbitrary(), Gen.Elements("0123456789X".ToCharArray()).ToArbitrary(), (vin, digit) =>
            digit == vin[8] || !Vin.IsVerified(vin[..8] + digit + vin[9..]));

    private static Gen<string> NorthAmericanVin() =>
        from chars in Gen.ArrayOf(Gen.Elements(VinAlphabet.ToCharArray()), 17)
        from first in Gen.Elements('1', '2', '3', '4', '5')
        select WithCheckDigit(first + new string(chars, 1, 16));

    private static string WithCheckDigit(string vin) => vin[..8] + Vin.ExpectedCheckDigit(vin) + vin[9..];
}
