using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;

namespace Aquila.Security;

/// <summary>
/// The party, role and name carried by an Aquila certificate subject. The layout is exactly three single-valued
/// attributes: <c>O=&lt;party&gt;</c>, <c>OU=&lt;role&gt;</c> and <c>CN=&lt;party&gt;-&lt;role&gt;-&lt;name&gt;</c>, for
/// example <c>CN=RS-node-1, OU=node, O=RS</c>. Parsing is strict: a missing, repeated, extra or inconsistent
/// attribute is refused, so one certificate can never be read as two different identities.
/// </summary>
public readonly record struct PartySubject
{
    /// <summary>Longest accepted name part of the common name.</summary>
    public const int MaxNameLength = 40;

    private const string CommonNameOid = "2.5.4.3";
    private const string OrganizationOid = "2.5.4.10";
    private const string OrganizationalUnitOid = "2.5.4.11";

    /// <summary>Creates a subject after checking every part.</summary>
    /// <param name="party">Party code, see <see cref="PartyCode.IsValid"/>.</param>
    /// <param name="role">Role of the holder.</param>
    /// <param name="name">Distinguishes several certificates of one party and role: 1-40 of A-Z a-z 0-9 . _ -.</param>
    /// <exception cref="ArgumentException">A part is not valid.</exception>
    public PartySubject(string party, PartyRole role, string name)
    {
        if (!PartyCode.IsValid(party))
        {
            throw new ArgumentException("The party code must be two or three upper-case letters (e.g. RS, MK, PCC).", nameof(party));
        }

        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Not a defined party role.");
        }

        if (!IsValidName(name))
        {
            throw new ArgumentException(
                $"The certificate name must be 1-{MaxNameLength} characters of A-Z, a-z, 0-9, '.', '_' or '-'.", nameof(name));
        }

        Party = party;
        Role = role;
        Name = name;
    }

    /// <summary>Party code (O attribute).</summary>
    public string Party { get; }

    /// <summary>Role (OU attribute).</summary>
    public PartyRole Role { get; }

    /// <summary>Name part of the common name, after <c>&lt;party&gt;-&lt;role&gt;-</c>.</summary>
    public string Name { get; }

    /// <summary>The common name: <c>&lt;party&gt;-&lt;role&gt;-&lt;name&gt;</c>.</summary>
    public string CommonName => CommonNamePrefix(Party, Role) + Name;

    /// <summary>True when <paramref name="name"/> is an acceptable name part.</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Encodes the subject as an X.500 distinguished name.</summary>
    public X500DistinguishedName ToDistinguishedName()
    {
        var builder = new X500DistinguishedNameBuilder();
        // The builder encodes the last added attribute first: DER order O, OU, CN (most significant first),
        // which .NET displays as "CN=..., OU=..., O=...".
        builder.AddCommonName(CommonName);
        builder.AddOrganizationalUnitName(PartyRoleText.ToText(Role));
        builder.AddOrganizationName(Party);
        return builder.Build();
    }

    /// <summary>Parses a distinguished name, throwing when it is not an Aquila subject.</summary>
    /// <exception cref="FormatException">The name does not follow the subject layout; the message says why.</exception>
    public static PartySubject Parse(X500DistinguishedName distinguishedName)
    {
        if (!TryParse(distinguishedName, out var subject, out var error))
        {
            throw new FormatException(error);
        }

        return subject;
    }

    /// <summary>
    /// Parses a distinguished name strictly. On failure <paramref name="error"/> says what is wrong without
    /// repeating the attribute values (they are not trusted input).
    /// </summary>
    public static bool TryParse(
        X500DistinguishedName distinguishedName,
        out PartySubject subject,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(distinguishedName);
        subject = default;
        string? organization = null, unit = null, commonName = null;

        foreach (var rdn in distinguishedName.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements)
            {
                error = "The subject contains a multi-valued attribute; expected exactly O, OU and CN.";
                return false;
            }

            var value = rdn.GetSingleElementValue();
            switch (rdn.GetSingleElementType().Value)
            {
                case OrganizationOid when organization is null && value is not null:
                    organization = value;
                    break;
                case OrganizationalUnitOid when unit is null && value is not null:
                    unit = value;
                    break;
                case CommonNameOid when commonName is null && value is not null:
                    commonName = value;
                    break;
                default:
                    error = "The subject contains a repeated, unreadable or unexpected attribute; expected exactly O, OU and CN.";
                    return false;
            }
        }

        if (organization is null || unit is null || commonName is null)
        {
            error = "The subject must contain O (party code), OU (role) and CN (<party>-<role>-<name>).";
            return false;
        }

        if (!PartyCode.IsValid(organization))
        {
            error = "The subject's O attribute is not a party code of two or three upper-case letters.";
            return false;
        }

        if (!PartyRoleText.TryParse(unit, out var role))
        {
            error = $"The subject's OU attribute is not a role ({PartyRoleText.AllNames}).";
            return false;
        }

        var prefix = CommonNamePrefix(organization, role);
        if (!commonName.StartsWith(prefix, StringComparison.Ordinal))
        {
            error = $"The subject's CN does not start with '{prefix}' as its O and OU require.";
            return false;
        }

        var name = commonName[prefix.Length..];
        if (!IsValidName(name))
        {
            error = $"The name part of the subject's CN is not 1-{MaxNameLength} characters of A-Z, a-z, 0-9, '.', '_' or '-'.";
            return false;
        }

        subject = new PartySubject(organization, role, name);
        error = null;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Party}/{PartyRoleText.ToText(Role)}";

    private static string CommonNamePrefix(string party, PartyRole role) => party + "-" + PartyRoleText.ToText(role) + "-";
}
