using Aquila.Tokens.Dates;

namespace Aquila.Synthetic.Tests;

/// <summary>Tells from a date-of-birth cell and the true date which variation, if any, the cell shows.</summary>
internal static class DateOfBirthKind
{
    public const string Exact = "exact";
    public const string Unparseable = "unparseable";
    public const string Other = "other";

    public static string Classify(string? cell, DateOnly truth)
    {
        if (cell is null)
        {
            return VariationNames.DobMissing;
        }

        if (!DateParser.TryParse(cell, out var date, out _) || date.Precision == DatePrecision.None)
        {
            return Unparseable;
        }

        if (date.Precision == DatePrecision.Year)
        {
            // The parser reads 01.01.YYYY as year-only; a cell with more than the year's digits is a written 1 January.
            var fullDate = cell.Count(char.IsAsciiDigit) > 4;
            var bornFirstOfJanuary = truth.Month == 1 && truth.Day == 1;
            return (fullDate, bornFirstOfJanuary, date.Year - truth.Year) switch
            {
                (false, _, 0) => VariationNames.DobYearOnly,
                (true, false, 0) => VariationNames.DobPlaceholder,
                (true, true, 0) => Exact,
                (true, true, 1 or -1) => VariationNames.DobOffByOne,
                _ => Other,
            };
        }

        if (date.Precision != DatePrecision.Full)
        {
            return Other;
        }

        var parsed = new DateOnly(date.Year, date.Month, date.Day);
        if (parsed == truth)
        {
            return Exact;
        }

        if (date.Year == truth.Year && date.Month == truth.Day && date.Day == truth.Month)
        {
            return VariationNames.DobSwapped;
        }

        return Math.Abs(date.Year - truth.Year) == 1 && date.Month == truth.Month ? VariationNames.DobOffByOne : Other;
    }
}
