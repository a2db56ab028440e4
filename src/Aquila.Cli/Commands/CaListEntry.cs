using Aquila.Security;
using Aquila.Security.Pki;

namespace Aquila.Cli.Commands;

/// <summary>One row of <c>aquila ca list</c>: an issued certificate and whether it still counts.</summary>
internal sealed record CaListEntry(
    string SerialNumber,
    string Profile,
    string? Party,
    string? Role,
    string? Name,
    string Subject,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string Status,
    DateTimeOffset? RevokedAt,
    string? RevocationReason)
{
    public const string ValidStatus = "valid";
    public const string ExpiredStatus = "expired";
    public const string RevokedStatus = "revoked";

    /// <summary>Joins the issued and revoked indexes of the CA; revocation wins over expiry.</summary>
    public static List<CaListEntry> Build(
        IReadOnlyList<IssuedCertificateRecord> issued, IReadOnlyList<RevokedCertificateRecord> revoked, DateTimeOffset now)
    {
        var revocations = new Dictionary<string, RevokedCertificateRecord>(StringComparer.Ordinal);
        foreach (var record in revoked)
        {
            revocations.TryAdd(record.SerialNumber, record);
        }

        var entries = new List<CaListEntry>(issued.Count);
        foreach (var record in issued)
        {
            var known = CaIssuedSubject.TryParse(record.Subject, out var subject);
            revocations.TryGetValue(record.SerialNumber, out var revocation);
            var status = revocation is not null ? RevokedStatus : record.NotAfter < now ? ExpiredStatus : ValidStatus;
            entries.Add(new CaListEntry(
                record.SerialNumber,
                record.IsServerCertificate ? "server" : "client",
                known ? subject.Party : null,
                known ? PartyRoleText.ToText(subject.Role) : null,
                known ? subject.Name : null,
                record.Subject,
                record.NotBefore,
                record.NotAfter,
                status,
                revocation?.RevokedAt,
                revocation?.Reason is { } reason ? CaRevocationReason.ToName(reason) : null));
        }

        return entries;
    }
}
