using System.Security.Cryptography.X509Certificates;

namespace Aquila.Cli.Commands;

/// <summary>The revocation reasons an operator can give on the command line, in RFC 5280 terms.</summary>
internal static class CaRevocationReason
{
    private static readonly (string Name, X509RevocationReason Reason)[] Reasons =
    [
        ("unspecified", X509RevocationReason.Unspecified),
        ("key-compromise", X509RevocationReason.KeyCompromise),
        ("affiliation-changed", X509RevocationReason.AffiliationChanged),
        ("superseded", X509RevocationReason.Superseded),
        ("cessation-of-operation", X509RevocationReason.CessationOfOperation),
        ("privilege-withdrawn", X509RevocationReason.PrivilegeWithdrawn),
    ];

    /// <summary>The accepted names, for help texts and messages.</summary>
    public static string AllNames
    {
        get
        {
            var names = new string[Reasons.Length];
            for (var i = 0; i < Reasons.Length; i++)
            {
                names[i] = Reasons[i].Name;
            }

            return string.Join(", ", names);
        }
    }

    public static bool TryParse(string? name, out X509RevocationReason reason)
    {
        foreach (var (candidate, value) in Reasons)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                reason = value;
                return true;
            }
        }

        reason = default;
        return false;
    }

    /// <summary>The command-line name of <paramref name="reason"/>, or its enum name for reasons not offered here.</summary>
    public static string ToName(X509RevocationReason reason)
    {
        foreach (var (name, value) in Reasons)
        {
            if (value == reason)
            {
                return name;
            }
        }

        return reason.ToString();
    }
}
