using Aquila.Tokens.Dates;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using Aquila.Tokens.Normalization;

namespace Aquila.Tokens.Derivation;

/// <summary>
/// The canonical values of one record that match keys are built from (docs/token-spec.md §3). Reused from record
/// to record by one <see cref="RecordTokenizer"/>.
/// </summary>
internal sealed class DerivedFields
{
    private static readonly int FieldCount = Enum.GetValues<MatchField>().Length;

    private readonly string?[] _values = new string?[FieldCount];

    /// <summary>The day/month-swapped full date of birth, when the date is ambiguous.</summary>
    public string? SwappedDob { get; private set; }

    /// <summary>The value of a field, or null when the record does not have it.</summary>
    public string? this[MatchField field] => _values[(int)field];

    /// <summary>Derives every field; returns the problem (field, reason) if the record cannot be used.</summary>
    public (string Field, string Reason)? Derive(PersonRecord record)
    {
        Array.Clear(_values);
        SwappedDob = null;

        if (!DateParser.TryParse(record.DateOfBirth.AsSpan(), out var dob, out var dateProblem))
        {
            return ("date_of_birth", dateProblem ?? "unrecognised date");
        }

        var family = NameNormalizer.Canonical(record.FamilyName);
        var given = NameNormalizer.Canonical(record.GivenName);
        if (family.Length > 0 && given.Length > 0)
        {
            var full = family + " " + given;
            Set(MatchField.Name, NameNormalizer.SortedParts(full));
            Set(MatchField.Skeleton, NameNormalizer.SortedParts(NameNormalizer.Skeleton(full)));
        }

        Set(MatchField.Family, NameNormalizer.SortedParts(family));
        Set(MatchField.Given, NameNormalizer.SortedParts(given));
        var initial = NameNormalizer.Initial(given);
        if (initial != '\0')
        {
            Set(MatchField.GivenInitial, SingleLetters[initial - 'A']);
        }

        Set(MatchField.Father, NameNormalizer.SortedParts(NameNormalizer.Canonical(record.FatherName)));
        Set(MatchField.Place, NameNormalizer.SortedParts(NameNormalizer.Canonical(record.PlaceOfBirth)));
        Set(MatchField.Sex, IdentifierNormalizer.ParseSex(record.Sex) switch
        {
            Sex.Male => "M",
            Sex.Female => "F",
            _ => null,
        });

        if (dob.Precision == DatePrecision.Full)
        {
            Set(MatchField.Dob, CompactDate(dob));
            if (dob.TrySwapDayMonth(out var swapped))
            {
                SwappedDob = CompactDate(swapped);
            }
        }

        if (dob.Precision != DatePrecision.None)
        {
            Set(MatchField.BirthYear, dob.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
        }

        var country = Country(record.Nationality);
        Set(MatchField.Nationality, country);
        DeriveNationalId(record.NationalId, country);

        var document = IdentifierNormalizer.DocumentNumber(record.DocumentNumber);
        if (document.Length > 0)
        {
            Set(MatchField.DocumentNumber, document);
            Set(MatchField.DocumentCountry, country);
        }

        return null;
    }

    private void DeriveNationalId(string? raw, string? country)
    {
        var id = IdentifierNormalizer.NationalId(raw);
        if (id.Length == 0)
        {
            return;
        }

        if (IdentifierNormalizer.IsValidJmbg(id))
        {
            // JMBG/EMBG numbers are unique across the former Yugoslav states: no country needed.
            Set(MatchField.NationalId, "JMBG:" + id);
            return;
        }

        Set(MatchField.NationalIdAny, id);
        if (country is not null && !LooksLikeJmbg(id))
        {
            Set(MatchField.NationalId, country + ":" + id);
        }
    }

    // A 13-digit id whose check digit failed is a mistyped JMBG, not an identifier by nature.
    private static bool LooksLikeJmbg(string id)
    {
        if (id.Length != 13)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    // ISO code where known; otherwise the folded text itself, so equal spellings still agree.
    private static string? Country(string? raw)
    {
        var code = IdentifierNormalizer.Country(raw);
        if (code is not null)
        {
            return code.Length > 0 ? code : null;
        }

        var folded = NameNormalizer.Canonical(raw).Replace(" ", "", StringComparison.Ordinal);
        return folded.Length > 0 ? folded : null;
    }

    private static string CompactDate(PartialDate date) =>
        string.Create(8, date, static (span, d) =>
        {
            d.Year.TryFormat(span, out _, "D4", System.Globalization.CultureInfo.InvariantCulture);
            d.Month.TryFormat(span[4..], out _, "D2", System.Globalization.CultureInfo.InvariantCulture);
            d.Day.TryFormat(span[6..], out _, "D2", System.Globalization.CultureInfo.InvariantCulture);
        });

    private void Set(MatchField field, string? value) => _values[(int)field] = string.IsNullOrEmpty(value) ? null : value;

    private static readonly string[] SingleLetters = CreateSingleLetters();

    private static string[] CreateSingleLetters()
    {
        var letters = new string[26];
        for (var i = 0; i < letters.Length; i++)
        {
            letters[i] = ((char)('A' + i)).ToString();
        }

        return letters;
    }
}
