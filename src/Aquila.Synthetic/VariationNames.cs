namespace Aquila.Synthetic;

/// <summary>The names of the variations the generator logs in <c>variations.csv</c>, one row per record and variation.</summary>
public static class VariationNames
{
    /// <summary>Names written in Cyrillic.</summary>
    public const string Script = "script";

    /// <summary>A Slavic name written the Albanian way (ć → q, č → ç, đ → gj, dž → xh, š → sh, ž → zh).</summary>
    public const string AlbanianRendering = "albanian_rendering";

    /// <summary>An Albanian name written with Slavic letters (Krasniqi → Krasnići, Краснићи).</summary>
    public const string SlavicRendering = "slavic_rendering";

    /// <summary>Diacritics left out (Petrović → Petrovic, Thaçi → Thaci).</summary>
    public const string DiacriticsDropped = "diacritics_dropped";

    /// <summary>A romanisation other than Gaj's alphabet (Gjorgjievski, Petrovich).</summary>
    public const string Transliteration = "transliteration";

    /// <summary>Another spelling of an Arabic-origin name (Muhamed → Mohammed).</summary>
    public const string TransliterationVariant = "transliteration_variant";

    /// <summary>The family name (or all names) in capitals.</summary>
    public const string Uppercase = "uppercase";

    /// <summary>Only one part of a compound name.</summary>
    public const string CompoundPartial = "compound_partial";

    /// <summary>Day and month of the date of birth swapped.</summary>
    public const string DobSwapped = "dob_swapped";

    /// <summary>Only the year of birth.</summary>
    public const string DobYearOnly = "dob_year_only";

    /// <summary>Year of birth off by one.</summary>
    public const string DobOffByOne = "dob_off_by_one";

    /// <summary>No date of birth.</summary>
    public const string DobMissing = "dob_missing";

    /// <summary>Day and month replaced by the placeholder 01.01.</summary>
    public const string DobPlaceholder = "dob_placeholder";

    /// <summary>The date written in a format other than the party's usual one (a second source system).</summary>
    public const string DobOtherFormat = "dob_other_format";

    /// <summary>A typing error in the family name (letter inserted, deleted, substituted or transposed).</summary>
    public const string TypoFamily = "typo_family";

    /// <summary>A typing error in the given name.</summary>
    public const string TypoGiven = "typo_given";

    /// <summary>A typing error in the father's name.</summary>
    public const string TypoFather = "typo_father";

    /// <summary>Given and family name in each other's columns.</summary>
    public const string NamesSwapped = "names_swapped";

    /// <summary>A name written down as heard (harsh profile).</summary>
    public const string TranscriptionError = "transcription_error";

    /// <summary>No father's name.</summary>
    public const string FatherMissing = "father_missing";

    /// <summary>No sex.</summary>
    public const string SexMissing = "sex_missing";

    /// <summary>No place of birth.</summary>
    public const string PlaceMissing = "place_missing";

    /// <summary>No nationality.</summary>
    public const string NationalityMissing = "nationality_missing";

    /// <summary>The document number with spaces, dashes, lower case or dropped zeros.</summary>
    public const string DocumentNoise = "document_noise";

    /// <summary>Another (older) passport than the other parties hold.</summary>
    public const string DocumentOther = "document_other";

    /// <summary>The person has a twin (same family name, father, date and place of birth) in the data.</summary>
    public const string Twin = "twin";

    /// <summary>The person has a sibling (same family name, father and place of birth) in the data.</summary>
    public const string Sibling = "sibling";

    /// <summary>The person has a namesake (same given and family name, same birth year) in the data.</summary>
    public const string Namesake = "namesake";
}
