using System.Security.Cryptography;
using Aquila.Protocol.V1;
using Aquila.Security.Lists;
using Google.Protobuf;
using Grpc.Core;

namespace Aquila.Node.Lists;

/// <summary>
/// The node's side of a bulk check: signs the header (<see cref="BulkCheckSignature"/>) and every chunk of persons
/// (<see cref="BulkCheckChain"/>) with the node's certificate key, streams them in one call and hands back each chunk's
/// answers as they come.
/// </summary>
public sealed class BulkCheckClient(Protocol.V1.Lists.ListsClient client, NodeIdentity identity)
{
    /// <summary>Most persons in one bulk check (the server's default limit).</summary>
    public const int MaxPersons = 100_000;

    /// <summary>Persons per chunk: the server commits the audit entries of a chunk together before answering it.</summary>
    public int ChunkPersons { get; init; } = 1000;

    /// <summary>The clock the header is signed with.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The signed header and chunks of a bulk check of <paramref name="persons"/> (token entries per person, in order).</summary>
    public (CheckHeader Header, IReadOnlyList<CheckChunk> Chunks) Prepare(string projectId, ReadOnlyMemory<byte> schemaSha256,
        IReadOnlyList<byte[]> persons, string caseReference, string officerId)
    {
        ArgumentNullException.ThrowIfNull(persons);
        var nonce = RandomNumberGenerator.GetBytes(QuerySignature.NonceSize);
        var signedAt = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var signature = QuerySignature.Sign(identity.Certificate,
            BulkCheckSignature.HeaderMessage(projectId, caseReference, officerId, schemaSha256.Span, persons.Count, signedAt, nonce));
        var header = new CheckHeader
        {
            ProjectId = projectId,
            SchemaSha256 = ByteString.CopyFrom(schemaSha256.Span),
            CaseReference = caseReference,
            OfficerId = officerId,
            Persons = persons.Count,
            SignedAtUnixMs = signedAt,
            Nonce = ByteString.CopyFrom(nonce),
            Signature = ByteString.CopyFrom(signature),
        };
        var chain = new BulkCheckChain(signature);
        var chunks = new List<CheckChunk>((persons.Count + ChunkPersons - 1) / ChunkPersons);
        for (var first = 0; first < persons.Count; first += ChunkPersons)
        {
            var count = Math.Min(ChunkPersons, persons.Count - first);
            var digests = new byte[count * BulkCheckChain.DigestSize];
            var chunk = new CheckChunk { Index = chunks.Count };
            for (var i = 0; i < count; i++)
            {
                var person = persons[first + i];
                BulkCheckChain.PersonDigest(person, digests.AsSpan(i * BulkCheckChain.DigestSize, BulkCheckChain.DigestSize));
                chunk.Persons.Add(ByteString.CopyFrom(person));
            }

            chunk.Signature = ByteString.CopyFrom(QuerySignature.Sign(identity.Certificate, chain.Advance(digests)));
            chunks.Add(chunk);
        }

        return (header, chunks);
    }

    /// <summary>
    /// Streams <paramref name="header"/> and <paramref name="chunks"/> in one call; <paramref name="answered"/> gets each
    /// chunk's answers, in order. Returns null when the call ended normally, or the refusal or transport failure that ended
    /// it (the chunks answered before it stand).
    /// </summary>
    public async Task<RpcException?> SendAsync(CheckHeader header, IReadOnlyList<CheckChunk> chunks, Action<CheckResult> answered,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(answered);
        using var call = client.Check(cancellationToken: cancellationToken);
        var writing = WriteAsync(call.RequestStream, header, chunks, cancellationToken);
        RpcException? failure = null;
        try
        {
            while (await call.ResponseStream.MoveNext(cancellationToken))
            {
                answered(call.ResponseStream.Current);
            }
        }
        catch (RpcException e)
        {
            failure = e;
        }

        try
        {
            await writing;
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or IOException)
        {
            // The server ended the call while chunks were still being sent: the reading side has its status.
            failure ??= e as RpcException ?? new RpcException(new Status(StatusCode.Unavailable, e.Message));
        }

        return failure;
    }

    private static async Task WriteAsync(IClientStreamWriter<CheckRequest> stream, CheckHeader header, IReadOnlyList<CheckChunk> chunks,
        CancellationToken cancellationToken)
    {
        await stream.WriteAsync(new CheckRequest { Header = header }, cancellationToken);
        foreach (var chunk in chunks)
        {
            await stream.WriteAsync(new CheckRequest { Chunk = chunk }, cancellationToken);
        }

        await stream.CompleteAsync();
    }
}
