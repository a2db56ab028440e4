using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;

namespace Aquila.Security.Ceremony;

/// <summary>
/// Seals and opens shares between two registered parties: static-static X25519 between their ceremony keys, then
/// HKDF-SHA256 (salt = transcript, info = "aquila-share" ‖ str8 from ‖ str8 to) to an AES-256-GCM key, with AAD
/// binding project, transcript, sender and recipient. Static-static (rather than ephemeral-static) authenticates
/// the sender: the relay, which knows both public keys but neither private key, cannot make a share that opens.
/// </summary>
internal static class ShareCipher
{
    /// <summary>X25519 between our private key and the peer's public key; false for a low-order peer key.</summary>
    public static bool TryAgree(X25519PrivateKeyParameters privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> secret)
    {
        var agreement = new X25519Agreement();
        agreement.Init(privateKey);
        var buffer = new byte[agreement.AgreementSize];
        try
        {
            agreement.CalculateAgreement(new X25519PublicKeyParameters(peerPublicKey), buffer, 0);
            buffer.CopyTo(secret);
            return true;
        }
        catch (InvalidOperationException)
        {
            // BouncyCastle refuses an all-zero shared secret (a low-order public key).
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    public static void DeriveKey(ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> transcript, string from, string to, Span<byte> key)
    {
        var label = CeremonyWire.ShareKeyInfo;
        Span<byte> info = stackalloc byte[label.Length + 8];
        label.CopyTo(info);
        var length = label.Length + CeremonyWire.WriteStr8(info[label.Length..], from);
        length += CeremonyWire.WriteStr8(info[length..], to);
        HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, key, transcript, info[..length]);
    }

    public static byte[] AssociatedData(string projectId, ReadOnlySpan<byte> transcript, string from, string to)
    {
        var label = CeremonyWire.ShareAadLabel;
        var aad = new byte[1 + label.Length + CeremonyWire.Str16Length(projectId) + CeremonyWire.HashLength
                           + CeremonyWire.Str8Length(from) + CeremonyWire.Str8Length(to)];
        var span = aad.AsSpan();
        span[0] = (byte)label.Length;
        var offset = 1 + CeremonyWire.WriteBytes(span[1..], label);
        offset += CeremonyWire.WriteStr16(span[offset..], projectId);
        offset += CeremonyWire.WriteBytes(span[offset..], transcript);
        offset += CeremonyWire.WriteStr8(span[offset..], from);
        CeremonyWire.WriteStr8(span[offset..], to);
        return aad;
    }

    public static ShareEnvelope Seal(
        ReadOnlySpan<byte> key, string projectId, ReadOnlySpan<byte> transcript, string from, string to, ReadOnlySpan<byte> share)
    {
        Span<byte> nonce = stackalloc byte[CeremonyWire.NonceLength];
        RandomNumberGenerator.Fill(nonce);
        Span<byte> sealedShare = stackalloc byte[CeremonyWire.SealedShareLength];
        using (var gcm = new AesGcm(key, CeremonyWire.GcmTagLength))
        {
            gcm.Encrypt(nonce, share, sealedShare[..CeremonyWire.ShareLength], sealedShare[CeremonyWire.ShareLength..],
                AssociatedData(projectId, transcript, from, to));
        }

        return new ShareEnvelope(from, to, transcript, nonce, sealedShare);
    }

    /// <summary>Opens a share into <paramref name="share"/>; false when the tag does not verify.</summary>
    public static bool TryOpen(ReadOnlySpan<byte> key, string projectId, ShareEnvelope envelope, Span<byte> share)
    {
        using var gcm = new AesGcm(key, CeremonyWire.GcmTagLength);
        try
        {
            gcm.Decrypt(envelope.Nonce, envelope.SealedShare[..CeremonyWire.ShareLength], envelope.SealedShare[CeremonyWire.ShareLength..],
                share, AssociatedData(projectId, envelope.Transcript, envelope.From, envelope.To));
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(share);
            return false;
        }
    }
}
