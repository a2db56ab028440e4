namespace Aquila.Security;

/// <summary>Party codes: two or three upper-case ASCII letters (RS, BA, ME, MK, AL, XK, ...; PCC for the Secretariat).</summary>
public static class PartyCode
{
    /// <summary>The party code of the PCC SEE Secretariat, which runs the coordinator and the central server.</summary>
    public const string Secretariat = "PCC";

    /// <summary>True when <paramref name="code"/> is two or three upper-case ASCII letters.</summary>
    public static bool IsValid(string? code)
    {
        if (code is null || code.Length is < 2 or > 3)
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return true;
    }
}
