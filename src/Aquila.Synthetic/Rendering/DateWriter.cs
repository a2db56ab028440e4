using System.Globalization;

namespace Aquila.Synthetic.Rendering;

/// <summary>Writes dates of birth in a party's format.</summary>
internal static class DateWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Day <paramref name="day"/> of month <paramref name="month"/> (no check: a swapped date is written as is).</summary>
    public static string Write(int year, int month, int day, DateFormat format) => format switch
    {
        DateFormat.DotsWithTrailingDot => string.Create(Invariant, $"{day:00}.{month:00}.{year:0000}."),
        DateFormat.Dots => string.Create(Invariant, $"{day:00}.{month:00}.{year:0000}"),
        DateFormat.Slashes => string.Create(Invariant, $"{day:00}/{month:00}/{year:0000}"),
        DateFormat.Iso => string.Create(Invariant, $"{year:0000}-{month:00}-{day:00}"),
        _ => string.Create(Invariant, $"{year:0000}{month:00}{day:00}"),
    };

    /// <summary>The year alone, with the closing dot where the format has one.</summary>
    public static string WriteYear(int year, DateFormat format) =>
        format == DateFormat.DotsWithTrailingDot
            ? string.Create(Invariant, $"{year:0000}.")
            : year.ToString("0000", Invariant);
}
