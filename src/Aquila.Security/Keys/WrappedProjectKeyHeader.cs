namespace Aquila.Security.Keys;

/// <summary>The readable part of a wrapped project key file: whose key it is, and to which node key it is wrapped.</summary>
/// <param name="ProjectId">The project the key belongs to.</param>
/// <param name="Party">The party whose node joined the ceremony.</param>
/// <param name="RecipientKeyId">SHA-256 of the node certificate's SubjectPublicKeyInfo (32 bytes): which key unwraps it.</param>
public sealed record WrappedProjectKeyHeader(string ProjectId, string Party, ReadOnlyMemory<byte> RecipientKeyId)
{
    /// <summary>The recipient key id as lower-case hex, short enough for a message (first 8 bytes).</summary>
    public string RecipientKeyIdShort => Convert.ToHexStringLower(RecipientKeyId.Span[..8]);
}
