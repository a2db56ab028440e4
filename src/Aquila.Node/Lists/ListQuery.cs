using Aquila.Node.Hits;
using Aquila.Tokens.Input;

namespace Aquila.Node.Lists;

/// <summary>
/// <c>aquila node query</c>: asks a standing or joint list whether it holds a person (or, on a vehicle list, a
/// vehicle) — tokenised on the node with the schema the list pins, signed
/// with the node's key with the case reference and officer id — and keeps each answer's audit head.
/// </summary>
public sealed class ListQuery(ListClient client, QueryTokens tokens, AuditHeadStore heads)
{
    /// <summary>Asks <paramref name="projectId"/> about <paramref name="record"/>.</summary>
    /// <exception cref="Grpc.Core.RpcException">The server refused, or could not be reached.</exception>
    public async Task<QueryAnswer> AskAsync(string projectId, SourceRecord record, string caseReference, string officerId,
        CancellationToken cancellationToken)
    {
        var (entries, dropped, problem) = tokens.Tokenize(record);
        if (entries is null)
        {
            return new QueryAnswer { Outcome = QueryOutcome.Rejected, Problem = problem };
        }

        var request = client.Sign(projectId, tokens.Schema.Hash, entries, caseReference, officerId);
        var result = await client.QueryAsync(request, cancellationToken);
        heads.Append(result.AuditHead.Sequence, result.AuditHead.Hash.Span, "query");
        return new QueryAnswer
        {
            Outcome = result.Hit ? QueryOutcome.Hit : QueryOutcome.NoHit,
            Hits = [.. result.Hits.Select(h => new ListQueryHit(Convert.ToHexStringLower(h.HitId.Span), h.Contributor, HitEvents.BandOf(h.Band),
                [.. h.AgreeingKeys]))],
            VariantsNotSent = dropped,
            AuditSequence = result.AuditHead?.Sequence,
        };
    }
}
