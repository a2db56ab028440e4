using System.Diagnostics;
using System.Text;
using Aquila.Coordination.Audit;
using Aquila.Coordination.Projects;
using Aquila.Matching.Lists;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Security.Lists;
using Aquila.Server.Authentication;
using Aquila.Server.Lists;
using Google.Protobuf;
using Grpc.Core;

namespace Aquila.Server.Services;

// Queries: access, signature, quota, scanning alert, answer, audit.
internal sealed partial class ListsService
{
    private const int TokenEntryLength = 17;
    private const int MaxOfficerIdBytes = 64;

    public override async Task<QueryResult> Query(QueryRequest request, ServerCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var caller = context.Caller();
        var (project, list) = await FindQueryableAsync(caller, request.ProjectId, context);
        try
        {
            var stages = queryMetrics.Stages;
            var stage = Stopwatch.GetTimestamp();
            await CheckQueryAsync(caller, project, list, request, context);
            stage = stages.Checks(stage);
            await ConsumeQuotaAsync(caller, project, request.TokenEntries.Length / TokenEntryLength, request);
            stages.Quota(stage);
            var result = await AnswerAsync(caller, project, list, request, Signer(context));
            queryMetrics.Completed(project.Id, caller.Party, result.Hit ? ListQueryMetrics.Hit : ListQueryMetrics.NoHit, started);
            stages.Call(started);
            return result;
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Unavailable)
        {
            queryMetrics.Completed(project.Id, caller.Party, ListQueryMetrics.Refused, started);
            throw;
        }
    }

    public override async Task<QueryBatchResult> QueryBatch(QueryBatchRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        if (request.Queries.Count == 0 || request.Queries.Count > options.Lists.MaxBatchQueries)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"A query batch holds 1 to {options.Lists.MaxBatchQueries} queries; it holds {request.Queries.Count}."));
        }

        var started = Stopwatch.GetTimestamp();
        var projectId = request.Queries[0].ProjectId;
        var (project, list) = await FindQueryableAsync(caller, projectId, context);
        try
        {
            var tokens = 0;
            foreach (var query in request.Queries)
            {
                if (query.ProjectId != projectId)
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument, "Every query of a batch must be for the same list."));
                }

                await CheckQueryAsync(caller, project, list, query, context);
                tokens += query.TokenEntries.Length / TokenEntryLength;
            }

            await ConsumeQuotaAsync(caller, project, tokens, request.Queries[0]);
            var result = new QueryBatchResult();
            var anyHit = false;
            foreach (var query in request.Queries)
            {
                var answer = await AnswerAsync(caller, project, list, query, Signer(context));
                anyHit |= answer.Hit;
                result.Results.Add(answer);
            }

            queryMetrics.Completed(project.Id, caller.Party, anyHit ? ListQueryMetrics.Hit : ListQueryMetrics.NoHit, started);
            return result;
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Unavailable)
        {
            queryMetrics.Completed(project.Id, caller.Party, ListQueryMetrics.Refused, started);
            throw;
        }
    }

    private async Task<(MatchingProject Project, OpenList List)> FindQueryableAsync(PartyIdentity caller, string projectId, ServerCallContext context)
    {
        var (project, list) = await FindAsync(caller, projectId, context);
        var policy = project.List!;
        if (!policy.MayQuery(caller.Party))
        {
            var why = policy.Access == ListAccess.Reciprocity
                ? $"list '{project.Id}' is queried on the principle of reciprocity: only a party that gives entries may ask, and party {caller.Party} is not a contributor of it"
                : $"party {caller.Party} is not among the parties allowed to query list '{project.Id}'";
            await DenyAsync(caller, context.Method, project.Id, why);
        }

        // Reciprocity is about entries given, not a name in the policy: a contributor holding no live entry asks nothing.
        // O(1): the list keeps each contributor's latest review day.
        if (policy.Access == ListAccess.Reciprocity && !list.List.HoldsLiveEntry(caller.Party))
        {
            await DenyAsync(caller, context.Method, project.Id,
                $"list '{project.Id}' is queried on the principle of reciprocity: only a party that gives entries may ask, and party {caller.Party} "
                + "holds no entry on it now (none added, all removed, or all past their review date)");
        }

        RequireOpen(project, "queries");
        return (project, list);
    }

    // Everything about one query that can be checked before it counts against the quota; refusals are audited.
    private async Task CheckQueryAsync(PartyIdentity caller, MatchingProject project, OpenList list, QueryRequest query, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(query.CaseReference)
            || Encoding.UTF8.GetByteCount(query.CaseReference) > QueryHitIdentity.MaxCaseReferenceBytes)
        {
            await RefuseAsync(caller, project, query, QueryRefusalReason.CaseReference, StatusCode.InvalidArgument,
                $"A query needs a case reference (1 to {QueryHitIdentity.MaxCaseReferenceBytes} bytes): every query must name the case it is made for.");
        }

        if (string.IsNullOrWhiteSpace(query.OfficerId) || Encoding.UTF8.GetByteCount(query.OfficerId) > MaxOfficerIdBytes)
        {
            await RefuseAsync(caller, project, query, QueryRefusalReason.OfficerId, StatusCode.InvalidArgument,
                $"A query needs the id of the officer who makes it (1 to {MaxOfficerIdBytes} bytes).");
        }

        if (!query.SchemaSha256.Span.SequenceEqual(list.Schema.Hash.Span))
        {
            await RefuseAsync(caller, project, query, QueryRefusalReason.Schema, StatusCode.FailedPrecondition,
                $"The query was tokenised with schema sha256:{Convert.ToHexStringLower(query.SchemaSha256.Span)}, but list '{project.Id}' pins "
                + $"sha256:{list.Schema.HashHex}. Tokenise with the project's schema.");
        }

        if (JointList.CheckQueryTokens(query.TokenEntries.Span, list.List.Definition.Keys, Matching.Lists.JointListOptions.DefaultMaxTokensPerKey)
            is { } problem)
        {
            await RefuseAsync(caller, project, query, QueryRefusalReason.Tokens, StatusCode.InvalidArgument, "Query refused: " + problem);
        }

        var now = clock.GetUtcNow();
        var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(query.SignedAtUnixMs, 0, 253402300799999));
        if ((now - signedAt).Duration() > options.Lists.SignatureWindow)
        {
            await RefuseAsync(caller, project, query, QueryRefusalReason.Clock, StatusCode.PermissionDenied,
                $"The query was signed at {signedAt:O}, more than {options.Lists.SignatureWindow.TotalMinutes:0} minutes from the server's clock; check the node's clock and sign it again.");
        }

        var certificate = context.GetHttpContext().Connection.ClientCertificate;
        if (query.Nonce.Length != QuerySignature.NonceSize || certificate is null
            || !QuerySignature.Verify(certificate, QuerySignature.Message(project.Id, query.CaseReference, query.OfficerId,
                query.SchemaSha256.Span, query.TokenEntries.Span, query.SignedAtUnixMs, query.Nonce.Span), query.Signature.Span))
        {
            await RefuseAsync(caller, project, query, QueryRefusalReason.Signature, StatusCode.PermissionDenied,
                "The query's signature does not verify with your certificate's key: the case reference, officer id and tokens must be signed by the node that sends them.");
        }

        if (!await nonces.TryUseAsync(caller.Party, query.Nonce.Span))
        {
            await RefuseAsync(caller, project, query, QueryRefusalReason.Nonce, StatusCode.PermissionDenied,
                "This signed query was already received (its nonce was used): a query is answered once; sign a new one.");
        }
    }

    private async Task ConsumeQuotaAsync(PartyIdentity caller, MatchingProject project, int tokens, QueryRequest query)
    {
        var quota = project.List!.QuotaTokensPerDay;
        var (counted, used) = await quotas.TryConsumeAsync(project.Id, caller.Party, tokens, quota);
        if (!counted)
        {
            await RefuseAsync(caller, project, query, QueryRefusalReason.Quota, StatusCode.ResourceExhausted,
                $"Party {caller.Party} has used {used} of its {quota} query tokens for list '{project.Id}' today (UTC); this needs {tokens} more. "
                + "The quota renews at midnight UTC; ask the coordinator if the party needs a larger one.");
        }
    }

    // The caller's certificate: CheckQueryAsync has verified the query's signature with it.
    private static System.Security.Cryptography.X509Certificates.X509Certificate2 Signer(ServerCallContext context) =>
        context.GetHttpContext().Connection.ClientCertificate
        ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "No client certificate was presented."));

    private async Task<QueryResult> AnswerAsync(PartyIdentity caller, MatchingProject project, OpenList list, QueryRequest query,
        System.Security.Cryptography.X509Certificates.X509Certificate2 signer)
    {
        // Kept with the hits and in the audit chain, so the query can be verified again without trusting the server.
        var signed = SignedQuery.Of(project.Id, query.CaseReference, query.OfficerId, query.SchemaSha256.Span, query.TokenEntries.Span,
            query.SignedAtUnixMs, query.Nonce.Span, query.Signature.Span, signer);
        var similar = scanning.Observe(project.Id, caller.Party, query.TokenEntries.Span);
        if (similar > 0)
        {
            ListsLog.ScanningAlert(logger, caller.Party, project.Id, similar);
            await listAudit.ScanningAlertAsync(caller, project.Id, similar, options.Lists.ScanningWindow);
        }

        var tokens = query.TokenEntries.Length / TokenEntryLength;
        var stage = Stopwatch.GetTimestamp();
        ListQueryOutcome outcome;
        ValueTask<AuditReceipt>? auditing = null;
        try
        {
            // The signed query is encoded for the list's log only when it hits. A hit's audit entry is queued as soon as the
            // hits have their place in the log, so the audit commit and the log's fsync run side by side instead of one
            // after the other; the answer still waits for both.
            outcome = await list.List.QueryAsync(caller.Party, query.CaseReference, query.TokenEntries.Memory, static signed => signed.Encode(),
                signed, CancellationToken.None, hits => auditing = AuditAnswer(caller, signed, tokens, hits));
        }
        catch (IOException e)
        {
            if (auditing is { } started)
            {
                await RecordUnansweredAsync(caller, project, query, tokens, started, e);
            }

            throw new RpcException(new Status(StatusCode.Unavailable,
                "The server could not record the hit durably (" + e.GetType().Name + "); ask again later."));
        }

        stage = queryMetrics.Stages.Lookup(stage);
        if (outcome.Problem is not null)
        {
            await RefuseAsync(caller, project, query, QueryRefusalReason.Tokens, StatusCode.InvalidArgument, "Query refused: " + outcome.Problem);
        }

        // A miss (nothing was logged) is audited now.
        auditing ??= AuditAnswer(caller, signed, tokens, outcome.Hits);
        var result = new QueryResult { Hit = outcome.IsHit };
        Span<byte> id = stackalloc byte[16];
        foreach (var hit in outcome.Hits)
        {
            hit.HitId.WriteTo(id);
            var message = new QueryHit { HitId = ByteString.CopyFrom(id), Contributor = hit.Contributor, Band = ProtoMapping.ToProto(hit.Band) };
            message.AgreeingKeys.AddRange(hit.AgreeingKeys);
            result.Hits.Add(message);
        }

        stage = Stopwatch.GetTimestamp();
        var entry = await auditing.Value;
        queryMetrics.Stages.Audit(stage);
        ListsLog.QueryAnswered(logger, caller.Party, project.Id, outcome.Hits.Count);
        result.AuditHead = Head(entry.Head);
        return result;
    }

    // Queues the audit entry of an answered query (hit ids and their contributors, the signed query).
    private ValueTask<AuditReceipt> AuditAnswer(PartyIdentity caller, SignedQuery signed, int tokens, IReadOnlyList<ListQueryHit> hits)
    {
        var hitIds = new List<string>(hits.Count);
        var contributors = new List<string>(hits.Count);
        foreach (var hit in hits)
        {
            hitIds.Add(hit.HitId.ToString());
            contributors.Add(hit.Contributor);
        }

        return listAudit.QueryAnsweredAsync(caller, signed, tokens, hitIds, contributors);
    }

    // The hits' audit entry was queued beside the log's fsync, and the log failed: the chain then says the query was not
    // answered after all (the entry before it names hits that are not in the list's log and were never given out).
    private async Task RecordUnansweredAsync(PartyIdentity caller, MatchingProject project, QueryRequest query, int tokens,
        ValueTask<AuditReceipt> answered, IOException failure)
    {
        try
        {
            await answered;
        }
        catch (AuditChainException)
        {
            // Nothing was committed for it; the refusal below says what happened.
        }

        ListsLog.QueryRefused(logger, caller.Party, project.Id, StatusCode.Unavailable.ToString());
        await listAudit.QueryRefusedAsync(caller, project.Id, Bounded(query.CaseReference), Bounded(query.OfficerId), tokens,
            "the query's hits could not be recorded durably in the list's log (" + failure.GetType().Name + "); the query was not answered");
    }

    private async Task RefuseAsync(PartyIdentity caller, MatchingProject project, QueryRequest query, string reasonCode, StatusCode status,
        string reason)
    {
        queryMetrics.Refusal(project.Id, caller.Party, reasonCode);
        ListsLog.QueryRefused(logger, caller.Party, project.Id, status.ToString());
        await listAudit.QueryRefusedAsync(caller, project.Id, Bounded(query.CaseReference), Bounded(query.OfficerId),
            query.TokenEntries.Length / TokenEntryLength, reason);
        throw new RpcException(new Status(status, reason));
    }

    private static string Bounded(string text) => text.Length > 128 ? text[..128] : text;
}
