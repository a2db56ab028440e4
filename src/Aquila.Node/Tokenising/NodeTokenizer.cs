using Aquila.Tokens.Derivation;
using Aquila.Tokens.Pipeline;

namespace Aquila.Node.Tokenising;

/// <summary>
/// <c>aquila node tokenize</c>: person records in, a token batch and its handle map out (raw data stays on the node).
/// With <see cref="TokenizeOptions.AllowedCategories"/>, records of other categories are left out and listed in the
/// reject file like bad records (<see cref="TokenizeSummary.RecordsOfOtherCategories"/> counts them).
/// </summary>
public static class NodeTokenizer
{
    /// <summary>
    /// The project key of <paramref name="keyPath"/>: a key wrapped to the node's certificate key (from
    /// <c>aquila node join</c>) when <paramref name="certificateDirectory"/> is given, else a raw key. The node's
    /// credentials are loaded only to unwrap it and released at once.
    /// </summary>
    /// <exception cref="IOException">A file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The key file is not a key file, or is for another project or party.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The key cannot be unwrapped with the node's key.</exception>
    public static ProjectKey LoadKey(string keyPath, string? certificateDirectory, string? passphrase, string projectId, string party)
    {
        if (certificateDirectory is null)
        {
            return ProjectKeyFile.Load(keyPath, null, projectId, party);
        }

        using var identity = NodeIdentity.Load(certificateDirectory, passphrase);
        return ProjectKeyFile.Load(keyPath, identity, projectId, party);
    }

    /// <summary>Tokenises on a worker thread; <paramref name="progress"/> gets the fraction of the input read.</summary>
    /// <exception cref="Tokens.Input.InputFormatException">The input cannot be read as records.</exception>
    public static Task<TokenizeSummary> RunAsync(TokenizeOptions options, ProjectKey key, IProgress<double>? progress,
        CancellationToken cancellationToken) =>
        Task.Run(() => BatchTokenizer.Run(options, key, progress, cancellationToken), cancellationToken);
}
