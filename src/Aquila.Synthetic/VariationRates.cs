namespace Aquila.Synthetic;

/// <summary>
/// How often the generator varies a record. Each rate is a probability per record (per person for
/// <see cref="HardNegatives"/>). The defaults were fixed before any tuning of the matcher and stay the defaults; they
/// sit above the minimum rates the project committed to (measured among records of shared persons):
/// script or diacritic differences ≥ 40 %, Albanian renderings of Slavic names at Albanian-speaking parties ≥ 50 %,
/// day/month swapped ≥ 4 %, year only ≥ 5 %, off by one year ≥ 3 %, missing ≥ 4 %, placeholder 01.01. ≥ 2 %,
/// typos ≥ 8 %, given/family swapped ≥ 5 %, national id present ≥ 40 %, hard negatives ≥ 5 % of persons.
/// How often each party writes Cyrillic is part of the party's conventions, not of these rates.
/// </summary>
public sealed record VariationRates
{
    /// <summary>The defaults described above.</summary>
    public static VariationRates Default { get; } = new();

    /// <summary>
    /// The <c>harsh</c> profile (<c>aquila synth --profile harsh</c>), a second noise model to tune and test against: about
    /// twice the year-only and missing dates, more Albanian renderings at Albanian-speaking parties and Cyrillic
    /// writing at the parties that write Cyrillic, more compound names cut to one part and swapped given and family
    /// names, twice the typing errors, and transcription errors (a name written down as heard: č/ć, dž/đ, lj/nj,
    /// doubled or dropped letters), which the default profile has none of.
    /// </summary>
    public static VariationRates Harsh { get; } = new()
    {
        AlbanianRendering = 0.90,
        TransliterationVariant = 0.45,
        CompoundPartial = 0.60,
        DobYearOnly = 0.13,
        DobOffByOne = 0.06,
        DobMissing = 0.11,
        DobPlaceholder = 0.04,
        Typo = 0.22,
        NamesSwapped = 0.13,
        CyrillicRendering = 0.30,
        TranscriptionError = 0.12,
        PlaceMissing = 0.15,
    };

    /// <summary>A Latin-writing record leaves out diacritics.</summary>
    public double DiacriticsDropped { get; init; } = 0.30;

    /// <summary>An Albanian-speaking party (AL, XK) writes a Slavic name the Albanian way.</summary>
    public double AlbanianRendering { get; init; } = 0.70;

    /// <summary>An Arabic-origin name is spelled another way than the person's own spelling.</summary>
    public double TransliterationVariant { get; init; } = 0.30;

    /// <summary>A record keeps only one part of a compound name.</summary>
    public double CompoundPartial { get; init; } = 0.30;

    /// <summary>Day and month swapped (drawn only where the swapped date exists, scaled up to hold overall).</summary>
    public double DobSwapped { get; init; } = 0.055;

    /// <summary>Only the year of birth.</summary>
    public double DobYearOnly { get; init; } = 0.065;

    /// <summary>Year of birth off by one.</summary>
    public double DobOffByOne { get; init; } = 0.045;

    /// <summary>Date of birth missing.</summary>
    public double DobMissing { get; init; } = 0.055;

    /// <summary>Day and month replaced by 01.01.</summary>
    public double DobPlaceholder { get; init; } = 0.032;

    /// <summary>The date is written in the party's second format.</summary>
    public double DobOtherFormat { get; init; } = 0.05;

    /// <summary>A typing error in one of the names.</summary>
    public double Typo { get; init; } = 0.11;

    /// <summary>
    /// A record at a party that writes Cyrillic at all is written in its Cyrillic (before its own style is drawn);
    /// 0 in the default profile, which leaves Cyrillic to the party conventions.
    /// </summary>
    public double CyrillicRendering { get; init; }

    /// <summary>A name is written down as heard (č/ć, dž/đ, lj/nj confused, a letter doubled or dropped); 0 by default.</summary>
    public double TranscriptionError { get; init; }

    /// <summary>Given and family name swapped.</summary>
    public double NamesSwapped { get; init; } = 0.065;

    /// <summary>The record carries the person's national id number, when the person has one.</summary>
    public double NationalIdPresent { get; init; } = 0.62;

    /// <summary>The record carries a passport number, when the person has one.</summary>
    public double DocumentPresent { get; init; } = 0.50;

    /// <summary>A present passport number has formatting noise.</summary>
    public double DocumentNoise { get; init; } = 0.35;

    /// <summary>A present passport number is an older passport than the person's current one.</summary>
    public double DocumentOther { get; init; } = 0.08;

    /// <summary>Sex missing.</summary>
    public double SexMissing { get; init; } = 0.02;

    /// <summary>Place of birth missing.</summary>
    public double PlaceMissing { get; init; } = 0.08;

    /// <summary>Nationality missing.</summary>
    public double NationalityMissing { get; init; } = 0.04;

    /// <summary>
    /// Share of persons generated as a twin, sibling or namesake of an earlier person; both persons of a pair are hard
    /// negatives, so about twice this share of persons is involved.
    /// </summary>
    public double HardNegatives { get; init; } = 0.06;

    /// <summary>Throws when a rate is outside [0, 1] or the date variations add up to more than 1.</summary>
    public void Validate()
    {
        Check(DiacriticsDropped, nameof(DiacriticsDropped));
        Check(AlbanianRendering, nameof(AlbanianRendering));
        Check(TransliterationVariant, nameof(TransliterationVariant));
        Check(CompoundPartial, nameof(CompoundPartial));
        Check(DobSwapped, nameof(DobSwapped));
        Check(DobYearOnly, nameof(DobYearOnly));
        Check(DobOffByOne, nameof(DobOffByOne));
        Check(DobMissing, nameof(DobMissing));
        Check(DobPlaceholder, nameof(DobPlaceholder));
        Check(DobOtherFormat, nameof(DobOtherFormat));
        Check(Typo, nameof(Typo));
        Check(NamesSwapped, nameof(NamesSwapped));
        Check(CyrillicRendering, nameof(CyrillicRendering));
        Check(TranscriptionError, nameof(TranscriptionError));
        Check(NationalIdPresent, nameof(NationalIdPresent));
        Check(DocumentPresent, nameof(DocumentPresent));
        Check(DocumentNoise, nameof(DocumentNoise));
        Check(DocumentOther, nameof(DocumentOther));
        Check(SexMissing, nameof(SexMissing));
        Check(PlaceMissing, nameof(PlaceMissing));
        Check(NationalityMissing, nameof(NationalityMissing));
        Check(HardNegatives, nameof(HardNegatives));
        if (DobYearOnly + DobOffByOne + DobMissing + DobPlaceholder + (DobSwapped / Rendering.DateVariation.SwappableShare) > 1)
        {
            throw new ArgumentException("the date-of-birth variation rates add up to more than 1", nameof(DobSwapped));
        }
    }

    private static void Check(double rate, string name)
    {
        if (double.IsNaN(rate) || rate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(name, rate, "a variation rate must be between 0 and 1");
        }
    }
}
