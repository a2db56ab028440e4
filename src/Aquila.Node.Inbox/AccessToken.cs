using System.Security.Cryptography;
using System.Text;

namespace Aquila.Node.Inbox;

/// <summary>The random token of one inbox run: printed at start in the URL, then kept in a cookie.</summary>
public sealed class AccessToken
{
    public const string CookieName = "aquila_inbox";
    public const string QueryName = "token";

    private AccessToken(string value) => Value = value;

    public string Value { get; }

    public static AccessToken Create() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));

    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), Encoding.ASCII.GetBytes(Value));
}
