using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Pki;

namespace Aquila.Security.Ceremony;

/// <summary>
/// The parties of a project as every party agreed them out of band (with the invitation, e.g. in the SIENA message
/// accepting the project): each party code with the SHA-256 of its node certificate's SubjectPublicKeyInfo
/// (<see cref="PublicKeyHash"/>, printed by <c>aquila node fingerprint</c>). A node takes its roster from this, never from
/// the coordinator, and refuses any registration whose certificate key is not the pinned one — so neither a party added
/// by the coordinator nor a second certificate the CA issues for an invited party gets into the ceremony.
/// </summary>
public sealed class AgreedParties
{
    private readonly SortedDictionary<string, byte[]> _keyHashes;

    private AgreedParties(SortedDictionary<string, byte[]> keyHashes) => _keyHashes = keyHashes;

    /// <summary>The agreed party codes in ordinal order.</summary>
    public IReadOnlyList<string> Parties => [.. _keyHashes.Keys];

    /// <summary>The pinned public-key hash of <paramref name="party"/>, or null when the party was not agreed.</summary>
    public ReadOnlyMemory<byte>? KeyHashOf(string party) => _keyHashes.TryGetValue(party, out var hash) ? hash : null;

    /// <summary>True when <paramref name="party"/> is one of the agreed parties.</summary>
    public bool Contains(string party) => _keyHashes.ContainsKey(party);

    /// <summary>
    /// Parses <c>RS=&lt;64 hex&gt;,BA=&lt;64 hex&gt;,...</c> (spaces, and the '-' or ':' separators people type when reading
    /// a hash aloud in groups, are ignored inside a hash).
    /// </summary>
    /// <exception cref="FormatException">An entry has no hash, a bad party code or hash, or a party appears twice; the message says which.</exception>
    public static AgreedParties Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<(string, byte[])>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new FormatException(
                    $"'{item}' has no public-key hash: write PARTY=<sha256>, e.g. {item}=<the 64 hex digits party {item} sent with its acceptance "
                    + "(its `aquila node fingerprint --cert DIR`)>.");
            }

            var party = item[..equals].Trim().ToUpperInvariant();
            var hex = new string([.. item[(equals + 1)..].Where(c => c is not (' ' or '-' or ':'))]);
            byte[] hash;
            try
            {
                hash = Convert.FromHexString(hex);
            }
            catch (FormatException)
            {
                hash = [];
            }

            if (hash.Length != PublicKeyHash.Length)
            {
                throw new FormatException($"The hash given for {party} is not 64 hex digits (a SHA-256 of its node certificate's public key).");
            }

            entries.Add((party, hash));
        }

        return Of(entries);
    }

    /// <summary>Builds the list from party codes and public-key hashes.</summary>
    /// <exception cref="FormatException">A party code is invalid or repeated, a hash is not 32 bytes, or fewer than two parties are given.</exception>
    public static AgreedParties Of(IEnumerable<(string Party, byte[] KeyHash)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var hashes = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (party, hash) in entries)
        {
            if (!PartyCode.IsValid(party))
            {
                throw new FormatException($"'{party}' is not a party code (two or three upper-case letters).");
            }

            if (hash is not { Length: PublicKeyHash.Length })
            {
                throw new FormatException($"The hash given for {party} is not 32 bytes (a SHA-256 of its node certificate's public key).");
            }

            if (!hashes.TryAdd(party, hash.ToArray()))
            {
                throw new FormatException($"Party {party} is listed twice.");
            }
        }

        if (hashes.Count < 2)
        {
            throw new FormatException("A key ceremony needs at least two agreed parties, each with its public-key hash.");
        }

        return new AgreedParties(hashes);
    }

    /// <summary>The list pinning the keys of <paramref name="certificates"/> (tests, the demo: parties whose certificates are at hand).</summary>
    public static AgreedParties OfCertificates(IEnumerable<X509Certificate2> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var entries = new List<(string, byte[])>();
        foreach (var certificate in certificates)
        {
            if (!PartyIdentity.TryFromCertificate(certificate, out var identity, out var error))
            {
                throw new FormatException($"A certificate names no party: {error}");
            }

            entries.Add((identity.Party, PublicKeyHash.Of(certificate)));
        }

        return Of(entries);
    }

    /// <summary>True when <paramref name="certificate"/>'s key is the one pinned for <paramref name="party"/>.</summary>
    public bool Pins(string party, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return _keyHashes.TryGetValue(party, out var pinned) && CryptographicOperations.FixedTimeEquals(pinned, PublicKeyHash.Of(certificate));
    }

    /// <summary>The list in the <see cref="Parse"/> format, e.g. for a message or a script.</summary>
    public override string ToString() => string.Join(",", _keyHashes.Select(p => $"{p.Key}={Convert.ToHexString(p.Value)}"));
}
