using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Aquila.Protocol.V1;
using Aquila.Security.Lists;
using Google.Protobuf;
using Grpc.Core;

namespace Aquila.Node.Lists;

/// <summary>The node's side of the Lists service: change entries, signed queries, notifications.</summary>
public sealed class ListClient(Protocol.V1.Lists.ListsClient client, NodeIdentity identity)
{
    private const int EntriesPerMessage = 500;

    /// <summary>The clock queries are signed with.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Sends an add or replace; the change applies whole when the stream ends.</summary>
    public async Task<ChangeEntriesReceipt> ChangeAsync(string projectId, ListChangeKind kind, ReadOnlyMemory<byte> schemaSha256,
        IReadOnlyList<ListEntry> entries, IReadOnlyList<byte[]> removeHandles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(removeHandles);
        using var call = client.ChangeEntries(cancellationToken: cancellationToken);
        var first = new ChangeEntriesRequest
        {
            Header = new ChangeEntriesHeader { ProjectId = projectId, Kind = kind, SchemaSha256 = ByteString.CopyFrom(schemaSha256.Span) },
        };
        var message = first;
        var inMessage = 0;
        foreach (var entry in entries)
        {
            message.Entries.Add(entry);
            if (++inMessage == EntriesPerMessage)
            {
                await call.RequestStream.WriteAsync(message, cancellationToken);
                message = new ChangeEntriesRequest();
                inMessage = 0;
            }
        }

        foreach (var handle in removeHandles)
        {
            message.RemoveHandles.Add(ByteString.CopyFrom(handle));
            if (++inMessage == EntriesPerMessage * 8)
            {
                await call.RequestStream.WriteAsync(message, cancellationToken);
                message = new ChangeEntriesRequest();
                inMessage = 0;
            }
        }

        if (ReferenceEquals(message, first) || inMessage > 0)
        {
            await call.RequestStream.WriteAsync(message, cancellationToken);
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }

    /// <summary>A query request for one person, signed with the node's certificate key.</summary>
    public QueryRequest Sign(string projectId, ReadOnlyMemory<byte> schemaSha256, byte[] tokenEntries, string caseReference, string officerId)
    {
        ArgumentNullException.ThrowIfNull(tokenEntries);
        var nonce = RandomNumberGenerator.GetBytes(QuerySignature.NonceSize);
        var signedAt = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var signature = QuerySignature.Sign(identity.Certificate,
            QuerySignature.Message(projectId, caseReference, officerId, schemaSha256.Span, tokenEntries, signedAt, nonce));
        return new QueryRequest
        {
            ProjectId = projectId,
            SchemaSha256 = ByteString.CopyFrom(schemaSha256.Span),
            TokenEntries = ByteString.CopyFrom(tokenEntries),
            CaseReference = caseReference,
            OfficerId = officerId,
            SignedAtUnixMs = signedAt,
            Nonce = ByteString.CopyFrom(nonce),
            Signature = ByteString.CopyFrom(signature),
        };
    }

    /// <summary>Sends one signed query.</summary>
    public async Task<QueryResult> QueryAsync(QueryRequest request, CancellationToken cancellationToken) =>
        await client.QueryAsync(request, cancellationToken: cancellationToken);

    /// <summary>Sends several signed queries in one call; answers in the same order.</summary>
    public async Task<IReadOnlyList<QueryResult>> QueryBatchAsync(IEnumerable<QueryRequest> requests, CancellationToken cancellationToken)
    {
        var batch = new QueryBatchRequest();
        batch.Queries.AddRange(requests);
        var result = await client.QueryBatchAsync(batch, cancellationToken: cancellationToken);
        return result.Results;
    }

    /// <summary>The contributor's notifications after <paramref name="afterSequence"/>; with <paramref name="follow"/>, until cancelled.</summary>
    public async IAsyncEnumerable<ListHitEvent> WatchAsync(string projectId, long afterSequence, bool follow,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = client.WatchListHits(new WatchListHitsRequest { ProjectId = projectId, AfterSequence = afterSequence, Follow = follow },
            cancellationToken: cancellationToken);
        await foreach (var hit in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            yield return hit;
        }
    }
}
