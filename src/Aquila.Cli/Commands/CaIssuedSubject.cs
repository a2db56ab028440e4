using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security;

namespace Aquila.Cli.Commands;

/// <summary>Reads party, role and name back from the subject text stored in the CA's <c>issued.tsv</c>.</summary>
internal static class CaIssuedSubject
{
    public static bool TryParse(string subjectText, out PartySubject subject)
    {
        try
        {
            return PartySubject.TryParse(new X500DistinguishedName(subjectText), out subject, out _);
        }
        catch (CryptographicException)
        {
            subject = default;
            return false;
        }
    }
}
