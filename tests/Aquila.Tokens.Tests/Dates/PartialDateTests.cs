using Aquila.Tokens.Dates;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Dates;

public sealed class PartialDateTests
{
    [Theory]
    [InlineData(1980, 2, 3, DatePrecision.Full, "1980-02-03")]
    [InlineData(2001, 11, 0, DatePrecision.YearMonth, "2001-11")]
    [InlineData(1875, 0, 0, DatePrecision.Year, "1875")]
    [InlineData(0, 0, 0, DatePrecision.None, "")]
    public void Format_writes_iso_text_of_the_known_parts(int year, int month, int day, DatePrecision precision, string expected)
    {
        var date = new PartialDate(year, month, day, precision);

        Assert.Equal(expected, date.Format());
    }

    [Fact]
    public void None_is_the_default_value_with_no_precision()
    {
        Assert.Equal(default, PartialDate.None);
        Assert.Equal(DatePrecision.None, PartialDate.None.Precision);
    }

    [Fact]
    public void TryFormat_refuses_a_destination_that_is_too_short()
    {
        var date = new PartialDate(1980, 2, 3, DatePrecision.Full);

        var ok = date.TryFormat(stackalloc char[9], out var written);

        Assert.False(ok);
        Assert.Equal(0, written);
    }

    [FsCheck.Xunit.Property]
    public Property Parse_of_Format_gives_the_same_date() =>
        Prop.ForAll(DateGenerators.AnyParsedDate.ToArbitrary(), date =>
            DateParser.TryParse(date.Format(), out var parsed, out var reason) && reason is null && parsed == date);

    [FsCheck.Xunit.Property]
    public Property Swapping_day_and_month_twice_gives_the_original() =>
        Prop.ForAll(DateGenerators.FullDate.ToArbitrary(), date =>
            !date.TrySwapDayMonth(out var swapped)
            || (swapped.TrySwapDayMonth(out var back) && back == date && swapped != date));

    [FsCheck.Xunit.Property]
    public Property A_date_can_be_swapped_exactly_when_day_and_month_are_different_and_at_most_12() =>
        Prop.ForAll(DateGenerators.FullDate.ToArbitrary(), date =>
            date.TrySwapDayMonth(out _) == (date.Day <= 12 && date.Month <= 12 && date.Day != date.Month));

    [Fact]
    public void TrySwapDayMonth_exchanges_day_and_month()
    {
        var date = new PartialDate(1980, 2, 3, DatePrecision.Full);

        var ok = date.TrySwapDayMonth(out var swapped);

        Assert.True(ok);
        Assert.Equal(new PartialDate(1980, 3, 2, DatePrecision.Full), swapped);
    }

    [Theory]
    [InlineData(1980, 5, 13, DatePrecision.Full)]
    [InlineData(1980, 7, 7, DatePrecision.Full)]
    [InlineData(1980, 5, 0, DatePrecision.YearMonth)]
    [InlineData(1980, 0, 0, DatePrecision.Year)]
    [InlineData(0, 0, 0, DatePrecision.None)]
    public void TrySwapDayMonth_is_false_when_no_other_reading_exists(int year, int month, int day, DatePrecision precision)
    {
        var date = new PartialDate(year, month, day, precision);

        var ok = date.TrySwapDayMonth(out var swapped);

        Assert.False(ok);
        Assert.Equal(PartialDate.None, swapped);
    }
}
