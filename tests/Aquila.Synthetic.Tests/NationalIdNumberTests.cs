using Aquila.Synthetic.Places;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Synthetic.Tests;

public class NationalIdNumberTests
{
    [Fact]
    public void The_check_digit_follows_the_published_weights()
    {
        // 0·7+1·6+0·5+1·4+9·3+9·2+0·7+7·6+1·5+0·4+0·3+0·2 = 102; 102 mod 11 = 3; 11 − 3 = 8.
        Assert.Equal(8, NationalIdNumbers.JmbgCheckDigit("010199071000"));
    }

    [Fact]
    public void A_remainder_of_zero_or_one_gives_check_digit_zero()
    {
        // 1·7 + 1·4 = 11 (mod 11 = 0, m = 11) and 1·7 + 1·5 = 12 (mod 11 = 1, m = 10).
        Assert.Equal(0, NationalIdNumbers.JmbgCheckDigit("100100000000"));
        Assert.Equal(0, NationalIdNumbers.JmbgCheckDigit("101000000000"));
    }

    [Theory]
    [InlineData("0101990710008", true)]
    [InlineData("0101990710007", false)]
    [InlineData("010199071000", false)]
    [InlineData("01019907100a8", false)]
    public void Validation_checks_length_digits_and_check_digit(string number, bool valid)
    {
        Assert.Equal(valid, NationalIdNumbers.IsValidJmbg(number));
    }

    [FsCheck.Xunit.Property]
    public Property Generated_JMBGs_are_valid_and_encode_birth_date_region_and_sex() =>
        Prop.ForAll(
            Gen.Choose(0, 30000).ToArbitrary(),
            Gen.Choose(10, 99).ToArbitrary(),
            ArbMap.Default.ArbFor<bool>(),
            (dayOffset, region, female) =>
            {
                var birth = new DateOnly(1950, 1, 1).AddDays(dayOffset);
                var jmbg = NationalIdNumbers.Jmbg(birth, region, female, new SeededRandom(dayOffset));
                var serial = int.Parse(jmbg.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
                return NationalIdNumbers.IsValidJmbg(jmbg)
                    && jmbg.StartsWith($"{birth.Day:00}{birth.Month:00}{birth.Year % 1000:000}{region:00}", StringComparison.Ordinal)
                    && (serial >= 500) == female;
            });

    [Fact]
    public void Persons_born_in_Albania_get_no_JMBG_and_persons_born_in_Syria_no_number()
    {
        var random = new SeededRandom(1);
        var tirana = PlaceTable.In("AL")[0];
        var aleppo = PlaceTable.In("SY")[0];

        var albanian = NationalIdNumbers.For(tirana, new DateOnly(1985, 3, 4), female: false, random);
        var syrian = NationalIdNumbers.For(aleppo, new DateOnly(1985, 3, 4), female: false, random);

        Assert.NotNull(albanian);
        Assert.Equal(10, albanian.Length);
        Assert.Null(syrian);
    }

    [Fact]
    public void A_twin_of_the_same_sex_gets_the_next_serial_number()
    {
        var first = NationalIdNumbers.Jmbg(new DateOnly(1990, 5, 17), 71, female: false, new SeededRandom(3));

        var twin = NationalIdNumbers.NextTwin(first, female: false, new SeededRandom(4));

        Assert.True(NationalIdNumbers.IsValidJmbg(twin));
        Assert.Equal(first[..9], twin[..9]);
        Assert.Equal(int.Parse(first[9..12], System.Globalization.CultureInfo.InvariantCulture) + 1,
            int.Parse(twin[9..12], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_twin_born_in_the_two_thousands_keeps_the_date_digits()
    {
        var first = NationalIdNumbers.Jmbg(new DateOnly(2003, 12, 1), 45, female: true, new SeededRandom(5));

        var twin = NationalIdNumbers.NextTwin(first, female: false, new SeededRandom(6));

        Assert.Equal(first[..9], twin[..9]);
        Assert.InRange(int.Parse(twin[9..12], System.Globalization.CultureInfo.InvariantCulture), 0, 499);
    }
}
