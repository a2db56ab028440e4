using System.Security.Cryptography;

namespace Aquila.Tokens.Derivation;

/// <summary>
/// Derives tokens: the first 16 bytes of HMAC-SHA256(K_schema, message), where K_schema is a subkey of K_project for
/// one match-key schema (<see cref="SchemaSubkey(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>). Holds one reused <see cref="IncrementalHash"/>, so it is cheap
/// per call and not thread-safe: use one per thread.
/// </summary>
public sealed class TokenDeriver : IDisposable
{
    /// <summary>Token length in bytes.</summary>
    public const int TokenLength = 16;

    /// <summary>Length of a schema hash (SHA-256 of the schema file).</summary>
    public const int SchemaHashLength = 32;

    private readonly IncrementalHash _hmac;

    /// <summary>Creates a deriver for a project key and the SHA-256 of the schema the tokens are built under.</summary>
    public TokenDeriver(ProjectKey key, ReadOnlySpan<byte> schemaHash)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> subkey = stackalloc byte[ProjectKey.Length];
        try
        {
            SchemaSubkey(key.Bytes, schemaHash, subkey);
            _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, subkey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(subkey);
        }
    }

    /// <summary>
    /// Info label of the token subkey: separates token derivation from every other use of K_project (the ceremony's
    /// confirmation tag, list and stage-2 uses).
    /// </summary>
    public static ReadOnlySpan<byte> SubkeyLabel => "aquila token subkey v2"u8;

    /// <summary>
    /// K_schema = HKDF-SHA256(ikm = K_project, salt = none, info = "aquila token subkey v2" ‖ schema SHA-256, 32 bytes).
    /// Two schemas with the same version and key ids but other fields hash differently, so their tokens never meet.
    /// </summary>
    public static void SchemaSubkey(ReadOnlySpan<byte> projectKey, ReadOnlySpan<byte> schemaHash, Span<byte> subkey) =>
        SchemaSubkey(projectKey, SubkeyLabel, schemaHash, subkey);

    /// <summary>
    /// HKDF-SHA256(ikm = K_project, salt = none, info = <paramref name="label"/> ‖ schema SHA-256, 32 bytes): the subkey of
    /// K_project for one use (tokens, stage-2 blocks, stage-2 salts) under one schema.
    /// </summary>
    public static void SchemaSubkey(ReadOnlySpan<byte> projectKey, ReadOnlySpan<byte> label, ReadOnlySpan<byte> schemaHash, Span<byte> subkey)
    {
        if (schemaHash.Length != SchemaHashLength)
        {
            throw new ArgumentException($"A schema hash is {SchemaHashLength} bytes, not {schemaHash.Length}.", nameof(schemaHash));
        }

        Span<byte> info = stackalloc byte[label.Length + SchemaHashLength];
        label.CopyTo(info);
        schemaHash.CopyTo(info[label.Length..]);
        HKDF.DeriveKey(HashAlgorithmName.SHA256, projectKey, subkey[..ProjectKey.Length], salt: [], info);
    }

    /// <summary>Writes the 16-byte token of <paramref name="message"/> into <paramref name="token"/>.</summary>
    public void Derive(ReadOnlySpan<byte> message, Span<byte> token)
    {
        Span<byte> mac = stackalloc byte[32];
        _hmac.AppendData(message);
        _hmac.GetHashAndReset(mac);
        mac[..TokenLength].CopyTo(token);
    }

    /// <inheritdoc />
    public void Dispose() => _hmac.Dispose();
}
