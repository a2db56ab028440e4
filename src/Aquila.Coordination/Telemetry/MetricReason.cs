namespace Aquila.Coordination.Telemetry;

/// <summary>
/// Turns an audit detail into a metric label of bounded cardinality: a short code (an enum name, "hit", "no-hit") is kept,
/// lower-cased; a sentence written for a user is sorted into a few families by keyword. Nothing else of the text survives,
/// so a label can never carry an id, a handle or a name that a message happened to contain.
/// </summary>
public static class MetricReason
{
    private const int MaxCodeLength = 40;

    // First match wins; the families an operator acts on differently.
    private static readonly (string Keyword, string Family)[] Families =
    [
        ("quota", "quota"),
        ("declared", "quota"),
        ("schema", "schema"),
        ("categor", "category"),
        ("revoked", "revoked"),
        ("expired", "expired"),
        ("certificate", "certificate"),
        ("role", "role"),
        ("not open", "lifecycle"),
        ("state", "lifecycle"),
        ("closed", "lifecycle"),
        ("deadline", "lifecycle"),
        ("ceremony", "lifecycle"),
        ("roster", "roster"),
        ("signature", "signature"),
        ("too large", "size"),
        ("bytes", "size"),
        ("duplicate", "duplicate"),
        ("project", "project"),
        ("format", "format"),
        ("invalid", "format"),
    ];

    /// <summary>A code as is (lower-cased) when it looks like one; "other" for anything else, "" for none.</summary>
    public static string Code(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return IsCode(value) ? value.ToLowerInvariant() : "other";
    }

    /// <summary>A code as is; a sentence as its family (quota, schema, lifecycle, ...) or "other".</summary>
    public static string Classify(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (IsCode(value))
        {
            return value.ToLowerInvariant();
        }

        foreach (var (keyword, family) in Families)
        {
            if (value.Contains(keyword, StringComparison.OrdinalIgnoreCase))
            {
                return family;
            }
        }

        return "other";
    }

    // Letters, digits, '-', '_', '.' and no more than 40 of them, starting with a letter: an enum name or a fixed word,
    // not free text. Hex strings (batch ids, fingerprints) start with a digit or are longer, and are refused.
    private static bool IsCode(string value)
    {
        if (value.Length > MaxCodeLength || !char.IsAsciiLetter(value[0]))
        {
            return false;
        }

        var digits = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (!char.IsAsciiLetter(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        // "a3f9c2..." would pass the shape; a real code has few digits.
        return digits <= 2;
    }
}
