using Aquila.Tokens.Dates;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Dates;

/// <summary>Generators of the dates <see cref="DateParser"/> can produce.</summary>
internal static class DateGenerators
{
    /// <summary>A valid full date that is not 1 January (the parser reads 1 January as a year-only placeholder).</summary>
    public static Gen<PartialDate> FullDate { get; } =
        from year in Gen.Choose(DateParser.MinYear, DateParser.MaxYear)
        from month in Gen.Choose(1, 12)
        from day in Gen.Choose(1, DateTime.DaysInMonth(year, month))
        where !(month == 1 && day == 1)
        select new PartialDate(year, month, day, DatePrecision.Full);

    public static Gen<PartialDate> YearMonth { get; } =
        from year in Gen.Choose(DateParser.MinYear, DateParser.MaxYear)
        from month in Gen.Choose(1, 12)
        select new PartialDate(year, month, 0, DatePrecision.YearMonth);

    public static Gen<PartialDate> YearOnly { get; } =
        Gen.Choose(DateParser.MinYear, DateParser.MaxYear).Select(year => new PartialDate(year, 0, 0, DatePrecision.Year));

    /// <summary>Any value the parser can return, None included.</summary>
    public static Gen<PartialDate> AnyParsedDate { get; } =
        Gen.Frequency((5, FullDate), (2, YearMonth), (2, YearOnly), (1, Gen.Constant(PartialDate.None)));
}
