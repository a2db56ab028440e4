using Aquila.Tokens.Dates;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using Aquila.Tokens.Normalization;

namespace Aquila.Tokens.Derivation;

/// <summary>
/// The canonical values of one record that match keys are built from (docs/token-spec.md §3). A field has a base
/// value and may have variants (a day/month-swapped date, the date a JMBG encodes, the next birth year, the single
/// parts of a compound name); a key's tokens are built from every combination, all under the key's own id. Reused
/// from record to record by one <see cref="RecordTokenizer"/>.
/// </summary>
internal sealed partial class DerivedFields
{
    private static readonly int FieldCount = Enum.GetValues<MatchField>().Length;

    private readonly List<string>[] _values = CreateLists();

    /// <summary>The base value of a field, or null when the record does not have it.</summary>
    public string? this[MatchField field] => _values[(int)field] is { Count: > 0 } list ? list[0] : null;

    /// <summary>Every value of a field, base first, without repeats; empty when the record does not have it.</summary>
    public IReadOnlyList<string> Values(MatchField field) => _values[(int)field];

    /// <summary>
    /// When true, a date of birth that does not parse counts as missing instead of rejecting the record (issue 16: a typo
    /// in the date must not throw away an identifier, names and address that stage 2 can score).
    /// </summary>
    public bool UnparsedDateAsMissing { get; init; }

    /// <summary>True when the last person record's date of birth did not parse and was taken as missing.</summary>
    public bool DateIgnored { get; private set; }

    /// <summary>Derives every field; returns the problem (field, reason) if the record cannot be used.</summary>
    public (string Field, string Reason)? Derive(PersonRecord record)
    {
        Clear();
        if (!DateParser.TryParse(record.DateOfBirth.AsSpan(), out var dob, out var dateProblem))
        {
            if (!UnparsedDateAsMissing)
            {
                return ("date_of_birth", dateProblem ?? "unrecognised date");
            }

            dob = PartialDate.None;
            DateIgnored = true;
        }

        DeriveNames(NameEquivalents.Apply(NameNormalizer.Canonical(record.FamilyName)),
            NameEquivalents.Apply(NameNormalizer.Canonical(record.GivenName)));
        var father = NameEquivalents.Apply(NameNormalizer.Canonical(record.FatherName));
        Add(MatchField.Father, NameNormalizer.SortedParts(NameNormalizer.Skeleton(father)));
        Add(MatchField.Place, PlaceNames.Normalize(record.PlaceOfBirth));
        Add(MatchField.Sex, IdentifierNormalizer.ParseSex(record.Sex) switch
        {
            Sex.Male => "M",
            Sex.Female => "F",
            _ => null,
        });

        var country = Country(record.Nationality);
        Add(MatchField.Nationality, country);
        var jmbgDate = DeriveNationalId(record.NationalId, country);
        DeriveDates(dob, jmbgDate);

        var document = IdentifierNormalizer.DocumentNumberForMatching(record.DocumentNumber);
        if (document.Length > 0)
        {
            Add(MatchField.DocumentNumber, document);
            Add(MatchField.DocumentCountry, country);
        }

        return null;
    }

    private void DeriveNames(string family, string given)
    {
        var familyParts = family.Length == 0 ? [] : family.Split(' ');
        var givenParts = given.Length == 0 ? [] : given.Split(' ');
        AddWithParts(MatchField.Family, family, familyParts);
        foreach (var value in _values[(int)MatchField.Family])
        {
            Add(MatchField.FamilySkeleton, NameNormalizer.SortedParts(NameNormalizer.Skeleton(value)));
        }

        // No single-part variants for the given name: twins may be named Tamara and Milena Tamara, and the given name
        // is what separates them in strong keys.
        Add(MatchField.Given, NameNormalizer.SortedParts(given));
        var familyInitial = NameNormalizer.Initial(family);
        if (familyInitial != '\0')
        {
            Add(MatchField.FamilyInitial, SingleLetters[familyInitial - 'A']);
        }

        var initial = NameNormalizer.Initial(given);
        if (initial != '\0')
        {
            Add(MatchField.GivenInitial, SingleLetters[initial - 'A']);
        }

        if (familyParts.Length == 0 || givenParts.Length == 0)
        {
            return;
        }

        // The full name first; then, for a compound name, the name with only one part of the compound field, so a
        // record that holds one part of it (Radić-Krstić / Radić, Sabri Burim / Sabri) still agrees. Dropping a part of
        // the family name is safe for strong keys (twins share the family name; the given name still separates
        // them); dropping a part of the given name is not (twins Tamara and Milena Tamara), so only name_partial
        // and the skeleton get those.
        AddName(family + " " + given, strongSafe: true);
        if (familyParts.Length > 1)
        {
            foreach (var part in familyParts)
            {
                AddName(part + " " + given, strongSafe: true);
            }
        }

        if (givenParts.Length > 1)
        {
            foreach (var part in givenParts)
            {
                AddName(family + " " + part, strongSafe: false);
            }
        }
    }

    private void AddName(string full, bool strongSafe)
    {
        var sorted = NameNormalizer.SortedParts(full);
        if (strongSafe)
        {
            Add(MatchField.Name, sorted);
        }

        Add(MatchField.NamePartial, sorted);
        Add(MatchField.Skeleton, NameNormalizer.SortedParts(NameNormalizer.Skeleton(full)));
    }

    private void AddWithParts(MatchField field, string canonical, string[] parts)
    {
        Add(field, NameNormalizer.SortedParts(canonical));
        if (parts.Length > 1)
        {
            foreach (var part in parts)
            {
                Add(field, part);
            }
        }
    }

    private void DeriveDates(PartialDate dob, PartialDate? jmbgDate)
    {
        if (dob.Precision == DatePrecision.Full)
        {
            AddFullDate(dob);
            if (dob.TrySwapDayMonth(out var swapped))
            {
                AddFullDate(swapped);
            }
        }

        // A valid JMBG states the date of birth: a record whose date field is missing, year-only or mistyped still
        // has its true date.
        if (jmbgDate is { } fromId)
        {
            AddFullDate(fromId);
        }

        if (dob.Precision != DatePrecision.None)
        {
            AddYear(dob.Year);
        }

        if (jmbgDate is { } idDate)
        {
            AddYear(idDate.Year);
        }
    }

    private void AddFullDate(PartialDate date)
    {
        Add(MatchField.Dob, Digits(date.Year, 4) + Digits(date.Month, 2) + Digits(date.Day, 2));
        Add(MatchField.BirthDayMonth, Digits(date.Month, 2) + Digits(date.Day, 2));
    }

    // Each year also emits the next one: two records share a birth_year value exactly when their years differ by at
    // most one (Y and Y+1 meet on Y+1), never two years apart, and never through a variant on both sides alone.
    private void AddYear(int year) => AddYear(MatchField.BirthYear, year);

    private void AddYear(MatchField field, int year)
    {
        Add(field, Digits(year, 4));
        Add(field, Digits(year + 1, 4));
    }

    private void Clear()
    {
        DateIgnored = false;
        foreach (var list in _values)
        {
            list.Clear();
        }
    }

    private PartialDate? DeriveNationalId(string? raw, string? country)
    {
        var id = IdentifierNormalizer.NationalIdForMatching(raw);
        if (id.Length == 0)
        {
            return null;
        }

        if (IdentifierNormalizer.IsValidJmbg(id))
        {
            // JMBG/EMBG numbers are unique across the former Yugoslav states: no country needed.
            Add(MatchField.NationalId, "JMBG:" + id);
            return NationalIdDates.Jmbg(id);
        }

        Add(MatchField.NationalIdAny, id);
        if (country is not null && !LooksLikeJmbg(id))
        {
            Add(MatchField.NationalId, country + ":" + id);
        }

        return null;
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

    private static string Digits(int value, int width) =>
        value.ToString(width == 4 ? "D4" : "D2", System.Globalization.CultureInfo.InvariantCulture);

    private void Add(MatchField field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var list = _values[(int)field];
        foreach (var existing in list)
        {
            if (string.Equals(existing, value, StringComparison.Ordinal))
            {
                return;
            }
        }

        list.Add(value);
    }

    private static List<string>[] CreateLists()
    {
        var lists = new List<string>[FieldCount];
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i] = new List<string>(4);
        }

        return lists;
    }

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
