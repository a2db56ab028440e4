using Aquila.Security;
using Aquila.Security.Keys;
using Aquila.Tokens.Derivation;

namespace Aquila.Node;

/// <summary>
/// The project key file on a node, in either of its two formats: wrapped to the node's certificate key (what
/// <c>aquila node join</c> writes; see <see cref="WrappedProjectKey"/>) or the legacy 64 hex characters of
/// <c>aquila key new</c> (dry runs). Messages name the file and what is wrong, never the key.
/// </summary>
public static class ProjectKeyFile
{
    /// <summary>Writes <paramref name="key"/> wrapped to <paramref name="identity"/>'s certificate key, in a new file (mode 0600).</summary>
    /// <exception cref="IOException">The file exists already (a key is never overwritten).</exception>
    public static void SaveWrapped(string path, ProjectKey key, string projectId, NodeIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(identity);
        if (!PartyIdentity.TryFromCertificate(identity.Certificate, out var party, out var error))
        {
            throw new ArgumentException($"The node certificate names no party: {error}", nameof(identity));
        }

        var bytes = WrappedProjectKey.Wrap(key.Bytes, projectId, party.Party, identity.Certificate);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Who a wrapped key file belongs to, or null for a legacy (raw hex) file; reading it needs no key.
    /// </summary>
    /// <exception cref="InvalidDataException">The file cannot be read, or is a damaged wrapped file.</exception>
    public static WrappedProjectKeyHeader? Describe(string path)
    {
        var bytes = Read(path);
        return WrappedProjectKey.IsWrapped(bytes) ? Named(path, () => WrappedProjectKey.ReadHeader(bytes)) : null;
    }

    /// <summary>Loads the key from either format.</summary>
    /// <param name="path">The key file.</param>
    /// <param name="identity">The node's credentials; needed for a wrapped file only.</param>
    /// <param name="projectId">When given, a wrapped file must be this project's key.</param>
    /// <param name="party">When given, a wrapped file must be this party's key.</param>
    /// <exception cref="InvalidDataException">The file cannot be read or unwrapped; the message says why and what to do.</exception>
    public static ProjectKey Load(string path, NodeIdentity? identity, string? projectId = null, string? party = null)
    {
        var bytes = Read(path);
        if (!WrappedProjectKey.IsWrapped(bytes))
        {
            return ProjectKey.Load(path);
        }

        var header = Named(path, () => WrappedProjectKey.ReadHeader(bytes));
        if (identity is null)
        {
            throw new InvalidDataException(
                $"Key file '{path}' is encrypted to a node's certificate key (project {header.ProjectId}, party {header.Party}): "
                + "pass --cert DIR with the credentials directory of the node that joined the ceremony.");
        }

        if (party is not null && !string.Equals(party, header.Party, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Key file '{path}' is party {header.Party}'s project key, not party {party}'s.");
        }

        var key = Named(path, () => WrappedProjectKey.Unwrap(bytes, identity.Certificate, projectId));
        try
        {
            return ProjectKey.FromBytes(key);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] Read(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Key file '{path}' cannot be read: {e.Message}", e);
        }
    }

    private static T Named<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Key file '{path}': {e.Message}", e);
        }
    }
}
