using System.Security.Cryptography;
using System.Text;
using Aquila.Tokens.Derivation;

namespace Aquila.Tokens.Comparison;

/// <summary>
/// The node's stage-2 keys, both HKDF subkeys of K_project for one schema hash: one makes *block tokens* (what the
/// matcher groups candidates by, like stage-1 tokens), the other the *block salts* that key a record's comparison
/// vector under one block value. Salts never leave the node: without K_project nobody can compute a vector for a
/// guessed value, nor compare vectors across blocks. Not thread-safe: one per thread.
/// </summary>
public sealed class Stage2Keys : IDisposable
{
    /// <summary>Bytes of a block token and of a salt.</summary>
    public const int Length = 16;

    private readonly IncrementalHash _blocks;
    private readonly IncrementalHash _salts;
    private readonly byte[] _message = new byte[TokenMessage.MaxLength];

    /// <summary>Derives the stage-2 subkeys of <paramref name="key"/> for the schema hash <paramref name="schemaHash"/>.</summary>
    public Stage2Keys(ProjectKey key, ReadOnlySpan<byte> schemaHash)
    {
        ArgumentNullException.ThrowIfNull(key);
        _blocks = Hmac(key, "aquila block subkey v1"u8, schemaHash);
        _salts = Hmac(key, "aquila stage2 salt subkey v1"u8, schemaHash);
    }

    /// <summary>The block token of (<paramref name="blockId"/>, <paramref name="value"/>): sent to the matcher.</summary>
    public void BlockToken(string blockId, string value, Span<byte> token) => Mac(_blocks, blockId, value, token);

    /// <summary>The salt of (<paramref name="blockId"/>, <paramref name="value"/>): keys the vector; never sent.</summary>
    public void Salt(string blockId, string value, Span<byte> salt) => Mac(_salts, blockId, value, salt);

    /// <summary>Both the block token and the salt of (<paramref name="blockId"/>, <paramref name="value"/>), from one message.</summary>
    public void TokenAndSalt(string blockId, string value, Span<byte> token, Span<byte> salt)
    {
        var message = Message(blockId, value);
        Mac(_blocks, message, token);
        Mac(_salts, message, salt);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _blocks.Dispose();
        _salts.Dispose();
    }

    private void Mac(IncrementalHash hmac, string blockId, string value, Span<byte> destination) =>
        Mac(hmac, Message(blockId, value), destination);

    // The token message layout (key id = block id, version 0, one value) under a subkey of its own: injective, and
    // never equal to a stage-1 token, which is keyed by another subkey.
    private ReadOnlySpan<byte> Message(string blockId, string value)
    {
        Span<byte> id = stackalloc byte[byte.MaxValue];
        var message = new TokenMessage(_message, id[..Encoding.ASCII.GetBytes(blockId, id)], 0);
        message.Add(value);
        return _message.AsSpan(0, message.Written.Length);
    }

    private static void Mac(IncrementalHash hmac, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        Span<byte> mac = stackalloc byte[32];
        hmac.AppendData(message);
        hmac.GetHashAndReset(mac);
        mac[..Length].CopyTo(destination);
    }

    private static IncrementalHash Hmac(ProjectKey key, ReadOnlySpan<byte> label, ReadOnlySpan<byte> schemaHash)
    {
        Span<byte> subkey = stackalloc byte[ProjectKey.Length];
        try
        {
            TokenDeriver.SchemaSubkey(key.Bytes, label, schemaHash, subkey);
            return IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, subkey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(subkey);
        }
    }
}
