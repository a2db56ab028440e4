using System.Globalization;
using Aquila.Tokens.Dates;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Dates;

/// <summary>Every accepted way of writing a date reads back to the same <see cref="PartialDate"/>.</summary>
public sealed class DateParserFormatTests
{
    private static readonly Func<int, int, int, string>[] FullForms =
    [
        (y, m, d) => Text($"{d:00}.{m:00}.{y}"),
        (y, m, d) => Text($"{d:00}.{m:00}.{y}."),
        (y, m, d) => Text($"{d}.{m}.{y}"),
        (y, m, d) => Text($"{d}. {m}. {y}."),
        (y, m, d) => Text($"{d:00}/{m:00}/{y}"),
        (y, m, d) => Text($"{d:00}-{m:00}-{y}"),
        (y, m, d) => Text($"{y}-{m:00}-{d:00}"),
        (y, m, d) => Text($"{y}/{m:00}/{d:00}"),
        (y, m, d) => Text($"{y}.{m:00}.{d:00}."),
        (y, m, d) => Text($"{y}{m:00}{d:00}"),
        (y, m, d) => Text($"  {d:00}.{m:00}.{y}.\t"),
    ];

    private static readonly Func<int, int, string>[] YearMonthForms =
    [
        (y, m) => Text($"{m:00}.{y}"),
        (y, m) => Text($"{m:00}.{y}."),
        (y, m) => Text($"{m}.{y}"),
        (y, m) => Text($"{m:00}/{y}"),
        (y, m) => Text($"{y}-{m:00}"),
        (y, m) => Text($"{y}/{m}"),
        (y, m) => Text($"00.{m:00}.{y}"),
        (y, m) => Text($" {y}-{m:00} "),
    ];

    private static readonly Func<int, string>[] YearForms =
    [
        y => Text($"{y}"),
        y => Text($"{y}."),
        y => Text($" {y} "),
        y => Text($"01.01.{y}"),
        y => Text($"1.1.{y}."),
        y => Text($"00.00.{y}"),
        y => Text($"00.{y}"),
        y => Text($"{y}-01-01"),
        y => Text($"{y}0101"),
        y => Text($"{y}-00-00"),
    ];

    [FsCheck.Xunit.Property]
    public Property Every_full_date_form_parses_to_the_same_date() =>
        Prop.ForAll(DateGenerators.FullDate.ToArbitrary(), date =>
            Array.TrueForAll(FullForms, form => ParsesTo(form(date.Year, date.Month, date.Day), date)));

    [FsCheck.Xunit.Property]
    public Property Every_year_and_month_form_parses_to_the_same_date() =>
        Prop.ForAll(DateGenerators.YearMonth.ToArbitrary(), date =>
            Array.TrueForAll(YearMonthForms, form => ParsesTo(form(date.Year, date.Month), date)));

    [FsCheck.Xunit.Property]
    public Property Every_year_form_and_placeholder_parses_to_the_year() =>
        Prop.ForAll(DateGenerators.YearOnly.ToArbitrary(), date =>
            Array.TrueForAll(YearForms, form => ParsesTo(form(date.Year), date)));

    [FsCheck.Xunit.Property]
    public Property A_year_outside_the_range_is_rejected_without_repeating_it() =>
        Prop.ForAll(Gen.OneOf(Gen.Choose(1000, DateParser.MinYear - 1), Gen.Choose(DateParser.MaxYear + 1, 9999)).ToArbitrary(),
            year =>
            {
                var yearText = year.ToString(CultureInfo.InvariantCulture);
                var ok = DateParser.TryParse(Text($"15.06.{year}"), out var date, out var reason);
                return !ok && date == PartialDate.None && reason == "year outside 1850-2100" && !reason.Contains(yearText, StringComparison.Ordinal);
            });

    private static bool ParsesTo(string text, PartialDate expected) =>
        DateParser.TryParse(text, out var parsed, out var reason) && reason is null && parsed == expected;

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
