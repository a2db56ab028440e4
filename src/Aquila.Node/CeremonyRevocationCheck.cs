using Aquila.Protocol.V1;
using Aquila.Security.Ceremony;
using Aquila.Security.Pki;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Node;

/// <summary>
/// The certificate check a node applies to other parties' ceremony registrations: chain to the node's own
/// <c>ca.crt.pem</c>, validity, subject, and revocation against the CA-signed CRL fetched through the relay. The relay
/// only carries the CRL: its signature (by the CA this node trusts) and nextUpdate are checked here, and a CRL that
/// cannot be had or verified stops the ceremony (<c>RequireCrl</c>), so a revoked node key cannot register. The
/// highest CRL number seen is kept in the credentials directory (<c>ceremony-crl-number</c>): a relay that replays an
/// older CRL — one from before a revocation, still within its nextUpdate — is refused.
/// </summary>
public sealed class CeremonyRevocationCheck : IDisposable
{
    private const string NumberFileName = "ceremony-crl-number";

    private readonly string _directory;
    private readonly ClientCertificateValidator _validator;

    private CeremonyRevocationCheck(string directory, ClientCertificateValidator validator)
    {
        _directory = directory;
        _validator = validator;
    }

    /// <summary>The check to give the <see cref="CeremonyParticipant"/>.</summary>
    public CeremonyCertificateCheck Check => CeremonyTrust.From(_validator);

    /// <summary>Builds the check from the CRL bytes the relay delivered.</summary>
    /// <exception cref="CeremonyException">The CRL does not verify against the node's CA certificate or is stale.</exception>
    public static async Task<CeremonyRevocationCheck> CreateAsync(byte[] crl, NodeIdentity identity, CancellationToken cancellationToken)
    {
        var authority = identity.AuthorityPath ?? throw new InvalidOperationException(
            "The ceremony needs the CA certificate's file: load the node's credentials with NodeIdentity.Load.");

        // The validator reads CRL files; this one lives in a private folder for the ceremony's duration only.
        var directory = Directory.CreateTempSubdirectory("aquila-crl-").FullName;
        var path = Path.Combine(directory, "ca.crl");
        await File.WriteAllBytesAsync(path, crl, cancellationToken);
        var options = new ClientCertificateValidatorOptions { RequireCrl = true, AcceptStaleCrl = false };
        options.TrustedRootCertificatePaths.Add(authority);
        options.CrlPaths.Add(path);
        var validator = new ClientCertificateValidator(options, NullLogger<ClientCertificateValidator>.Instance);
        var check = new CeremonyRevocationCheck(directory, validator);
        if (!validator.IsCrlHealthy(out var description))
        {
            check.Dispose();
            throw new CeremonyException(CeremonyFailureKind.RevocationUnavailable, null,
                $"The CRL the relay delivered cannot be used ({description.Replace(path, "the delivered CRL", StringComparison.Ordinal)}) "
                + "Without a verified, current CRL of your CA no registration can be trusted: ask the operator to publish a fresh CRL "
                + "(`aquila ca crl`) and join again.");
        }

        check.CheckNumber(Path.GetDirectoryName(authority)!);
        return check;
    }

    // Refuses a CRL older than one this node accepted before, and remembers the newest.
    private void CheckNumber(string credentials)
    {
        var number = _validator.HighestCrlNumber();
        var path = Path.Combine(credentials, NumberFileName);
        var seen = File.Exists(path) && System.Numerics.BigInteger.TryParse(File.ReadAllText(path).Trim(),
            System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var stored) ? stored : (System.Numerics.BigInteger?)null;
        if (number is null)
        {
            Dispose();
            throw new CeremonyException(CeremonyFailureKind.RevocationUnavailable, null,
                "The CRL the relay delivered carries no CRL number, so a replayed old CRL could not be told from a fresh one. Ask the operator "
                + "to publish a fresh CRL with `aquila ca crl` and join again.");
        }

        if (seen is { } last && number < last)
        {
            Dispose();
            throw new CeremonyException(CeremonyFailureKind.RevocationUnavailable, null,
                $"The CRL the relay delivered is number {number}, older than CRL number {last} this node accepted before: the relay replayed "
                + "an old CRL, which could hide a revocation. Do not take part; report it to the operator and the other parties.");
        }

        if (seen is null || number > seen)
        {
            File.WriteAllText(path, number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
        }
    }

    /// <summary>Asks the server for the CRL it checks client certificates against.</summary>
    public static async Task<byte[]> FetchAsync(Protocol.V1.Coordination.CoordinationClient client, CancellationToken cancellationToken) =>
        (await client.GetRevocationListAsync(new RevocationListRequest(), cancellationToken: cancellationToken)).Crl.ToByteArray();

    /// <inheritdoc/>
    public void Dispose()
    {
        _validator.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary copy of public data: nothing to protect if it stays behind.
        }
    }
}
