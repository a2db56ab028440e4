using System.Globalization;
using Aquila.Tokens.Dates;
using Aquila.Tokens.Normalization;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Normalization;

public sealed class NationalIdDatesTests
{
    private static readonly int[] Weights = [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    /// <summary>Full dates from 1900 to 2099 other than 1 January (the placeholder).</summary>
    private static readonly Gen<DateOnly> Dates =
        Gen.Choose(0, (365 * 200) - 1).Select(d => new DateOnly(1900, 1, 1).AddDays(d)).Where(d => d is not { Month: 1, Day: 1 });

    private static string Jmbg(DateOnly birth, int region, int serial)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{birth.Day:00}{birth.Month:00}{birth.Year % 1000:000}{region:00}{serial:000}");
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += Weights[i] * (body[i] - '0');
        }

        var m = 11 - (sum % 11);
        return body + (m > 9 ? 0 : m).ToString(CultureInfo.InvariantCulture);
    }

    private static string Albanian(DateOnly birth, bool female, int serial) => string.Create(CultureInfo.InvariantCulture,
        $"{(char)('A' + ((birth.Year - 1900) / 10))}{birth.Year % 10}{birth.Month + (female ? 50 : 0):00}{birth.Day:00}{serial:000}X");

    private static PartialDate Full(int year, int month, int day) => new(year, month, day, DatePrecision.Full);

    [Theory]
    [InlineData(1975, 6, 7)]
    [InlineData(1899, 12, 31)]
    [InlineData(2004, 2, 29)]
    public void A_JMBG_with_a_valid_check_digit_states_its_date(int year, int month, int day)
    {
        Assert.True(NationalIdDates.TryDateOfBirth(Jmbg(new DateOnly(year, month, day), 21, 152), out var date));
        Assert.Equal(Full(year, month, day), date);
    }

    [Fact]
    public void A_JMBG_whose_check_digit_fails_states_no_date()
    {
        var valid = Jmbg(new DateOnly(1985, 3, 12), 71, 5);
        var broken = valid[..12] + (char)('0' + ((valid[12] - '0' + 1) % 10));

        Assert.False(NationalIdDates.TryDateOfBirth(broken, out var date));
        Assert.Equal(PartialDate.None, date);
    }

    [Fact]
    public void The_first_of_January_is_a_placeholder_and_states_no_date()
    {
        Assert.False(NationalIdDates.TryDateOfBirth(Jmbg(new DateOnly(1990, 1, 1), 71, 0), out _));
        Assert.False(NationalIdDates.TryDateOfBirth(Albanian(new DateOnly(1990, 1, 1), false, 0), out _));
    }

    [Theory]
    [InlineData("I60705958E", 1986, 7, 5)]
    [InlineData("H30114489V", 1973, 1, 14)]
    [InlineData("J55612345K", 1995, 6, 12)]
    public void An_Albanian_personal_number_states_its_date_and_a_woman_s_month_loses_its_fifty(string id, int year, int month, int day)
    {
        Assert.True(NationalIdDates.TryDateOfBirth(id, out var date));
        Assert.Equal(Full(year, month, day), date);
    }

    [Theory]
    [InlineData("I61305958E")] // month 13
    [InlineData("I60231958E")] // 31 February
    [InlineData("160705958E")] // no decade letter
    [InlineData("I6070595E8")] // a letter among the serial digits
    [InlineData("1234567890")] // a Kosovo personal number: ten digits, no date
    [InlineData("AB123450")]
    [InlineData("")]
    public void A_number_of_another_shape_states_no_date(string id) =>
        Assert.False(NationalIdDates.TryDateOfBirth(id, out _));

    [FsCheck.Xunit.Property]
    public Property Every_JMBG_states_the_date_it_was_built_from() =>
        Prop.ForAll(Dates.ToArbitrary(), Gen.Choose(0, 999).ToArbitrary(), (birth, serial) =>
            NationalIdDates.TryDateOfBirth(Jmbg(birth, 17, serial), out var date) && date == Full(birth.Year, birth.Month, birth.Day));

    [FsCheck.Xunit.Property]
    public Property Every_Albanian_personal_number_states_the_date_it_was_built_from() =>
        Prop.ForAll(Dates.ToArbitrary(), ArbMap.Default.GeneratorFor<bool>().ToArbitrary(), Gen.Choose(0, 999).ToArbitrary(), (birth, female, serial) =>
            NationalIdDates.TryDateOfBirth(Albanian(birth, female, serial), out var date) && date == Full(birth.Year, birth.Month, birth.Day));
}
