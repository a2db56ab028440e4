using Aquila.Security;
using Aquila.Security.Keys;
using Aquila.Tokens.Derivation;

namespace Aquila.Node;

/// <summary>
/// The project key file on a node, in either of its two formats: wrapped to the node's key and signed by it (what
/// <c>aquila node join</c> writes; see <see cref="WrappedProjectKey"/>), or the 64 hex characters of
/// <c>aquila key new</c>, accepted only for dry runs without node credentials (configuration-declared projects,
/// simulate). A wrapped key is usable only after <c>aquila node confirm-fingerprint</c> recorded that the operator
/// compared the transcript fingerprint out of band. Messages name the file and what is wrong, never the key.
/// </summary>
public static class ProjectKeyFile
{
    /// <summary>
    /// Writes <paramref name="key"/> wrapped to <paramref name="identity"/>'s key, bound to the ceremony transcript and
    /// signed, in a new file (mode 0600). The file is not confirmed yet.
    /// </summary>
    /// <exception cref="IOException">The file exists already (a key is never overwritten).</exception>
    public static void SaveWrapped(string path, ProjectKey key, string projectId, ReadOnlySpan<byte> transcriptHash, NodeIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(identity);
        var bytes = WrappedProjectKey.Wrap(key.Bytes, projectId, PartyOf(identity), transcriptHash, identity.Key);
        using var stream = new FileStream(path, NewFile(FileMode.CreateNew));
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Records that the operator compared the transcript fingerprint with every other party: checks that
    /// <paramref name="fingerprint"/> is this key's and appends a confirmation signed by the node key (the file is replaced
    /// atomically).
    /// </summary>
    /// <returns>The file's header.</returns>
    /// <exception cref="InvalidDataException">The file is not this node's, or the fingerprint differs; the message says what to do.</exception>
    public static WrappedProjectKeyHeader Confirm(string path, NodeIdentity identity, string fingerprint, string? projectId = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(fingerprint);
        var bytes = Read(path);
        if (!WrappedProjectKey.IsWrapped(bytes))
        {
            throw new InvalidDataException($"Key file '{path}' is a raw key (aquila key new), not a key from the ceremony: there is no fingerprint to confirm.");
        }

        var header = Named(path, () => WrappedProjectKey.Verify(bytes, identity.Key));
        if (projectId is not null && !string.Equals(projectId, header.ProjectId, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Key file '{path}' is the key of project {header.ProjectId}, not of project {projectId}.");
        }

        if (!string.Equals(Normalised(fingerprint), Normalised(header.Fingerprint), StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"The fingerprint given ({fingerprint}) is not the one of key file '{path}' ({header.Fingerprint}). Type the value this node's "
                + "`aquila node join` printed, compare it with every other party; if any party's differs, do not use the key: the ceremony "
                + "was tampered with. Tell the other parties and ask the coordinator to restart it.");
        }

        var confirmed = WrappedProjectKey.Confirm(bytes, identity.Key);
        var temporary = path + ".confirming";
        using (var stream = new FileStream(temporary, NewFile(FileMode.Create)))
        {
            stream.Write(confirmed);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        return header with { Confirmed = true };
    }

    /// <summary>
    /// Who a wrapped key file belongs to, or null for a legacy (raw hex) file; reading it needs no key and verifies nothing.
    /// </summary>
    /// <exception cref="InvalidDataException">The file cannot be read, or is a damaged wrapped file.</exception>
    public static WrappedProjectKeyHeader? Describe(string path)
    {
        var bytes = Read(path);
        return WrappedProjectKey.IsWrapped(bytes) ? Named(path, () => WrappedProjectKey.ReadHeader(bytes)) : null;
    }

    /// <summary>Loads the key for use (tokenising, list entries, queries).</summary>
    /// <param name="path">The key file.</param>
    /// <param name="identity">
    /// The node's credentials. Required for a wrapped file. When given, a raw hex file is refused: a node that joined a
    /// coordinated project has a wrapped key, and a raw file in its place could have been planted by anyone.
    /// </param>
    /// <param name="projectId">When given, a wrapped file must be this project's key.</param>
    /// <param name="party">When given, a wrapped file must be this party's key.</param>
    /// <exception cref="InvalidDataException">
    /// The file cannot be read, unwrapped or verified, is raw where a wrapped key is needed, or its fingerprint was
    /// not confirmed; the message says why and what to do.
    /// </exception>
    public static ProjectKey Load(string path, NodeIdentity? identity, string? projectId = null, string? party = null)
    {
        var bytes = Read(path);
        if (!WrappedProjectKey.IsWrapped(bytes))
        {
            if (identity is not null)
            {
                throw new InvalidDataException(
                    $"Key file '{path}' is a raw key (64 hex digits, as `aquila key new` writes): it is refused with node credentials, because the "
                    + "key of a coordinated project is the signed file `aquila node join` writes, and a raw file could have been planted. For "
                    + "a dry run with a configuration-declared project, leave out --cert; otherwise use the key file of `aquila node join`.");
            }

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

        var key = Named(path, () => WrappedProjectKey.Unwrap(bytes, identity.Key, projectId));
        try
        {
            if (!header.Confirmed)
            {
                throw new InvalidDataException(
                    $"The project key in '{path}' is not usable yet: nobody recorded that its transcript fingerprint {header.Fingerprint} was "
                    + "compared with every other party. Compare it out of band (read it aloud or send it in your SIENA message), then run "
                    + $"`aquila node confirm-fingerprint --project {header.ProjectId} --key-file {path} --cert DIR --fingerprint {header.Fingerprint}`.");
            }

            return ProjectKey.FromBytes(key);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        }
    }

    private static string PartyOf(NodeIdentity identity) =>
        PartyIdentity.TryFromCertificate(identity.Certificate, out var party, out var error)
            ? party.Party
            : throw new ArgumentException($"The node certificate names no party: {error}", nameof(identity));

    private static string Normalised(string fingerprint) =>
        new([.. fingerprint.Where(c => c is not ('-' or ' ' or ':')).Select(char.ToUpperInvariant)]);

    private static FileStreamOptions NewFile(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
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
