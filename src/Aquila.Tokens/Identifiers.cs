namespace Aquila.Tokens;

/// <summary>Syntax of the identifiers that travel with tokens: party codes and project ids.</summary>
public static class Identifiers
{
    /// <summary>A party code: 2 or 3 upper-case ASCII letters (RS, BA, XK, PCC), as in certificates (Aquila.Security.PartyCode).</summary>
    public static bool IsValidPartyCode(string? code)
    {
        if (code is null || code.Length is < 2 or > 3)
        {
            return false;
        }

        foreach (var c in code)
        {
            if (c is < 'A' or > 'Z')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A project id: 1 to 64 characters of ASCII letters, digits, '.', '_' and '-'.</summary>
    public static bool IsValidProjectId(string? id)
    {
        if (id is null || id.Length is < 1 or > 64)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
