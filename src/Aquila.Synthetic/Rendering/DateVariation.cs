namespace Aquila.Synthetic.Rendering;

/// <summary>Writes a person's date of birth into a record, with the variations exports show.</summary>
internal static class DateVariation
{
    /// <summary>
    /// Share of dates whose day and month can be swapped into another valid date (day ≤ 12, day ≠ month): the swap is
    /// drawn only for those, with its rate divided by this share so that it holds over all records.
    /// </summary>
    public const double SwappableShare = 0.36;

    public static string? Write(DateOnly birth, PartyConvention party, VariationRates rates, SeededRandom random, List<string> log)
    {
        var u = random.NextDouble();
        var threshold = rates.DobMissing;
        if (u < threshold)
        {
            log.Add(VariationNames.DobMissing);
            return null;
        }

        var format = party.DateFormat;
        if (random.Chance(rates.DobOtherFormat))
        {
            format = party.SecondDateFormat;
            log.Add(VariationNames.DobOtherFormat);
        }

        if (u < (threshold += rates.DobYearOnly))
        {
            log.Add(VariationNames.DobYearOnly);
            return DateWriter.WriteYear(birth.Year, format);
        }

        if (u < (threshold += rates.DobOffByOne))
        {
            log.Add(VariationNames.DobOffByOne);
            var year = birth.Year + (random.Chance(0.5) ? 1 : -1);
            var day = Math.Min(birth.Day, DateTime.DaysInMonth(year, birth.Month));
            return DateWriter.Write(year, birth.Month, day, format);
        }

        if (u < (threshold += rates.DobPlaceholder) && !(birth.Day == 1 && birth.Month == 1))
        {
            log.Add(VariationNames.DobPlaceholder);
            return DateWriter.Write(birth.Year, 1, 1, format);
        }

        var swappable = birth.Day <= 12 && birth.Day != birth.Month;
        if (swappable && u < threshold + (rates.DobSwapped / SwappableShare))
        {
            log.Add(VariationNames.DobSwapped);
            return DateWriter.Write(birth.Year, birth.Day, birth.Month, format);
        }

        return DateWriter.Write(birth.Year, birth.Month, birth.Day, format);
    }
}
