using Aquila.Security.Ceremony;

namespace Aquila.Security.Keys;

/// <summary>The readable part of a wrapped project key file: whose key it is, to which node key it is wrapped, and its ceremony.</summary>
/// <param name="ProjectId">The project the key belongs to.</param>
/// <param name="Party">The party whose node joined the ceremony.</param>
/// <param name="RecipientKeyId">SHA-256 of the node certificate's SubjectPublicKeyInfo (32 bytes): which key unwraps it.</param>
/// <param name="TranscriptHash">The ceremony transcript hash the key was derived under (32 bytes).</param>
/// <param name="Confirmed">True when the file carries a fingerprint confirmation (verified only by <see cref="WrappedProjectKey.Verify"/>).</param>
public sealed record WrappedProjectKeyHeader(
    string ProjectId, string Party, ReadOnlyMemory<byte> RecipientKeyId, ReadOnlyMemory<byte> TranscriptHash, bool Confirmed)
{
    /// <summary>The recipient key id as lower-case hex, short enough for a message (first 8 bytes).</summary>
    public string RecipientKeyIdShort => Convert.ToHexStringLower(RecipientKeyId.Span[..8]);

    /// <summary>The transcript fingerprint <c>aquila node join</c> printed for this key.</summary>
    public string Fingerprint => CeremonyTranscript.Fingerprint(TranscriptHash.Span);
}
