using System.Security.Cryptography.X509Certificates;

namespace Aquila.Server.Offline;

/// <summary>
/// Remembers, per project and party, the node certificate that signed the party's last imported batch: the key its
/// hits file is encrypted to. Certificates are public; they live under <c>offline/&lt;project&gt;/</c> in the data directory.
/// </summary>
internal sealed class OfflineRecipients(string dataDirectory)
{
    private readonly string _root = Path.Combine(dataDirectory, "offline");

    /// <summary>Records <paramref name="certificate"/> as the party's (atomically: a reader sees the old or the new one).</summary>
    public void Remember(string projectId, string party, X509Certificate2 certificate)
    {
        var directory = Path.Combine(_root, projectId);
        Directory.CreateDirectory(directory);
        var path = PathOf(projectId, party);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, certificate.ExportCertificatePem());
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The party's last signing certificate, or null when it never had a batch imported.</summary>
    public X509Certificate2? Find(string projectId, string party)
    {
        var path = PathOf(projectId, party);
        return File.Exists(path) ? X509CertificateLoader.LoadCertificateFromFile(path) : null;
    }

    // Project ids and party codes are checked identifiers before they get here (no path separators).
    private string PathOf(string projectId, string party) => Path.Combine(_root, projectId, party + ".crt.pem");
}
