using Aquila.Tokens.Dates;

namespace Aquila.Tokens.Tests.Dates;

public sealed class DateParserTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public void A_blank_value_is_no_date_and_not_an_error(string text)
    {
        var ok = DateParser.TryParse(text, out var date, out var reason);

        Assert.True(ok);
        Assert.Equal(PartialDate.None, date);
        Assert.Null(reason);
    }

    [Theory]
    [InlineData("03.02.1980", 1980, 2, 3)]
    [InlineData("03.02.1980.", 1980, 2, 3)]
    [InlineData("3.2.1980", 1980, 2, 3)]
    [InlineData("03/02/1980", 1980, 2, 3)]
    [InlineData("03-02-1980", 1980, 2, 3)]
    [InlineData("1980-02-03", 1980, 2, 3)]
    [InlineData("1980/02/03", 1980, 2, 3)]
    [InlineData("19800203", 1980, 2, 3)]
    [InlineData(" 31.12.2100 ", 2100, 12, 31)]
    [InlineData("02.01.1850", 1850, 1, 2)]
    public void A_full_date_reads_day_month_and_year(string text, int year, int month, int day)
    {
        var ok = DateParser.TryParse(text, out var date, out _);

        Assert.True(ok);
        Assert.Equal(new PartialDate(year, month, day, DatePrecision.Full), date);
    }

    [Theory]
    [InlineData("29.02.2024")]
    [InlineData("29.02.2000")]
    [InlineData("2016-02-29")]
    public void The_29th_of_February_is_accepted_in_a_leap_year(string text)
    {
        var ok = DateParser.TryParse(text, out var date, out _);

        Assert.True(ok);
        Assert.Equal((2, 29, DatePrecision.Full), (date.Month, date.Day, date.Precision));
    }

    [Theory]
    [InlineData("29.02.2023")]
    [InlineData("29.02.1900")]
    [InlineData("2100-02-29")]
    public void The_29th_of_February_is_rejected_outside_a_leap_year(string text)
    {
        var ok = DateParser.TryParse(text, out var date, out var reason);

        Assert.False(ok);
        Assert.Equal(PartialDate.None, date);
        Assert.Equal("the day does not exist in that month (not a leap year)", reason);
    }

    [Theory]
    [InlineData("01.01.1975")]
    [InlineData("1.1.1975.")]
    [InlineData("1975-01-01")]
    [InlineData("19750101")]
    [InlineData("00.00.1975")]
    [InlineData("00.1975")]
    [InlineData("1975")]
    [InlineData("1975.")]
    public void Placeholder_dates_count_as_the_year_only(string text)
    {
        var ok = DateParser.TryParse(text, out var date, out _);

        Assert.True(ok);
        Assert.Equal(new PartialDate(1975, 0, 0, DatePrecision.Year), date);
    }

    [Theory]
    [InlineData("00.07.1975")]
    [InlineData("07.1975")]
    [InlineData("07/1975")]
    [InlineData("1975-07")]
    [InlineData("1975-07-00")]
    public void Day_zero_or_no_day_gives_year_and_month(string text)
    {
        var ok = DateParser.TryParse(text, out var date, out _);

        Assert.True(ok);
        Assert.Equal(new PartialDate(1975, 7, 0, DatePrecision.YearMonth), date);
    }

    [Theory]
    [InlineData("31.04.1990", "the day does not exist in that month")]
    [InlineData("32.01.1990", "day outside 1-31")]
    [InlineData("12.13.1990", "month outside 1-12")]
    [InlineData("1990-13", "month outside 1-12")]
    [InlineData("15.00.1990", "day given with month 00")]
    [InlineData("15.06.1849", "year outside 1850-2100")]
    [InlineData("2101", "year outside 1850-2100")]
    [InlineData("0198-02-03", "year outside 1850-2100")]
    public void An_impossible_date_is_rejected_with_the_reason(string text, string expected)
    {
        var ok = DateParser.TryParse(text, out var date, out var reason);

        Assert.False(ok);
        Assert.Equal(PartialDate.None, date);
        Assert.Equal(expected, reason);
    }

    [Theory]
    [InlineData("03.02.80")]
    [InlineData("3/2/80")]
    [InlineData("02.80")]
    [InlineData("80")]
    public void A_two_digit_year_is_rejected_as_ambiguous(string text)
    {
        var ok = DateParser.TryParse(text, out _, out var reason);

        Assert.False(ok);
        Assert.StartsWith("two-digit year is ambiguous", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("3 February 1980")]
    [InlineData("03.02/1980")]
    [InlineData("1980-02-03.")]
    [InlineData("03..02.1980")]
    [InlineData("198")]
    [InlineData("1980-02-03-04")]
    [InlineData("123.02.1980")]
    [InlineData(".")]
    [InlineData("-1980")]
    [InlineData("1980-02-03T00:00")]
    [InlineData("٠٣.٠٢.١٩٨٠")]
    public void Other_text_is_an_unrecognised_format(string text)
    {
        var ok = DateParser.TryParse(text, out var date, out var reason);

        Assert.False(ok);
        Assert.Equal(PartialDate.None, date);
        Assert.Equal("unrecognised date format", reason);
    }

    [Fact]
    public void A_failure_reason_does_not_repeat_the_value()
    {
        DateParser.TryParse("31.04.1990", out _, out var reason);

        Assert.DoesNotContain("1990", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("31.04", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsing_a_valid_date_does_not_allocate()
    {
        string[] inputs = ["03.02.1980.", "1980-02-03", "19800203", "  02.1980 ", "1980", "00.00.1980", "", "29.02.2024"];
        foreach (var input in inputs)
        {
            DateParser.TryParse(input, out _, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 100; round++)
        {
            foreach (var input in inputs)
            {
                Assert.True(DateParser.TryParse(input, out _, out _));
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}
