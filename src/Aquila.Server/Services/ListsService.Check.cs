using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
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

// Bulk checks (docs/lists.md, "Bulk checks"): a signed header, then signed chunks of persons; each person is a query with
// its own answer, quota count and audit entry. A chunk is answered once its persons' audit entries are committed. If a
// chunk cannot be audited (or its hits logged), neither it nor any later chunk is audited or answered: the officer gets
// the answers of the persons before it, each audited, and a status naming where the check stopped.
internal sealed partial class ListsService
{
    private static readonly Task<IReadOnlyList<ListQueryOutcome>> NoOneAsked = Task.FromResult<IReadOnlyList<ListQueryOutcome>>([]);

    // Chunks whose answers may wait for their audit commit while the next chunk is read: the commits overlap the reading.
    private const int ChunksInFlight = 8;

    public override async Task Check(IAsyncStreamReader<CheckRequest> requestStream, IServerStreamWriter<CheckResult> responseStream,
        ServerCallContext context)
    {
        var caller = context.Caller();
        var cancellationToken = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellationToken) || requestStream.Current.Header is not { } header)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "The first message of a bulk check must carry its signed header."));
        }

        var started = Stopwatch.GetTimestamp();
        var (project, list) = await FindQueryableAsync(caller, header.ProjectId, context);
        var signer = Signer(context);
        try
        {
            var call = await CheckHeaderAsync(caller, project, list, header, signer);
            var answered = await AnswerChunksAsync(call, project, list, header, requestStream, responseStream, signer, cancellationToken);
            ListsLog.BulkCheckCompleted(logger, caller.Party, project.Id, answered.Persons, header.Persons, answered.Hits, answered.Refused);
            queryMetrics.Completed(project.Id, caller.Party, answered.Hits > 0 ? ListQueryMetrics.Hit : ListQueryMetrics.NoHit, started);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Unavailable)
        {
            queryMetrics.Completed(project.Id, caller.Party, ListQueryMetrics.Refused, started);
            throw;
        }
    }

    // The header's checks, in the order of a single query's: case, officer, schema, size, signing time, signature, nonce.
    private async Task<BulkCheckCall> CheckHeaderAsync(PartyIdentity caller, MatchingProject project, OpenList list, CheckHeader header,
        X509Certificate2 signer)
    {
        if (string.IsNullOrWhiteSpace(header.CaseReference) || Encoding.UTF8.GetByteCount(header.CaseReference) > QueryHitIdentity.MaxCaseReferenceBytes)
        {
            await RefuseCheckAsync(caller, project, header, QueryRefusalReason.CaseReference, StatusCode.InvalidArgument,
                $"A bulk check needs a case reference (1 to {QueryHitIdentity.MaxCaseReferenceBytes} bytes): every query must name the case it is made for.");
        }

        if (string.IsNullOrWhiteSpace(header.OfficerId) || Encoding.UTF8.GetByteCount(header.OfficerId) > MaxOfficerIdBytes)
        {
            await RefuseCheckAsync(caller, project, header, QueryRefusalReason.OfficerId, StatusCode.InvalidArgument,
                $"A bulk check needs the id of the officer who makes it (1 to {MaxOfficerIdBytes} bytes).");
        }

        if (!header.SchemaSha256.Span.SequenceEqual(list.Schema.Hash.Span))
        {
            await RefuseCheckAsync(caller, project, header, QueryRefusalReason.Schema, StatusCode.FailedPrecondition,
                $"The persons were tokenised with schema sha256:{Convert.ToHexStringLower(header.SchemaSha256.Span)}, but list '{project.Id}' pins "
                + $"sha256:{list.Schema.HashHex}. Tokenise with the project's schema.");
        }

        if (header.Persons < 1 || header.Persons > options.Lists.MaxCheckPersons)
        {
            await RefuseCheckAsync(caller, project, header, QueryRefusalReason.Limits, StatusCode.InvalidArgument,
                $"A bulk check holds 1 to {options.Lists.MaxCheckPersons} persons; this one declares {header.Persons}. Split the input into several checks.");
        }

        var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(header.SignedAtUnixMs, 0, 253402300799999));
        if ((clock.GetUtcNow() - signedAt).Duration() > options.Lists.SignatureWindow)
        {
            await RefuseCheckAsync(caller, project, header, QueryRefusalReason.Clock, StatusCode.PermissionDenied,
                $"The bulk check was signed at {signedAt:O}, more than {options.Lists.SignatureWindow.TotalMinutes:0} minutes from the server's clock; check the node's clock and sign it again.");
        }

        if (header.Nonce.Length != QuerySignature.NonceSize || header.Signature.IsEmpty
            || !QuerySignature.Verify(signer, BulkCheckSignature.HeaderMessage(project.Id, header.CaseReference, header.OfficerId,
                header.SchemaSha256.Span, header.Persons, header.SignedAtUnixMs, header.Nonce.Span), header.Signature.Span))
        {
            await RefuseCheckAsync(caller, project, header, QueryRefusalReason.Signature, StatusCode.PermissionDenied,
                "The bulk check's header signature does not verify with your certificate's key: the case reference, officer id and person count must be signed by the node that sends them.");
        }

        if (!await nonces.TryUseAsync(caller.Party, header.Nonce.Span))
        {
            await RefuseCheckAsync(caller, project, header, QueryRefusalReason.Nonce, StatusCode.PermissionDenied,
                "This signed bulk check was already received (its nonce was used): a check is answered once; sign a new one.");
        }

        return new BulkCheckCall(caller, project.Id, header.CaseReference, header.OfficerId, header.Persons, list.Schema.HashHex,
            header.SignedAtUnixMs, Convert.ToHexStringLower(header.Nonce.Span), Convert.ToHexStringLower(header.Signature.Span),
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(signer.RawData)));
    }

    private async Task<(int Persons, int Hits, int Refused)> AnswerChunksAsync(BulkCheckCall call, MatchingProject project, OpenList list,
        CheckHeader header, IAsyncStreamReader<CheckRequest> requestStream, IServerStreamWriter<CheckResult> responseStream, X509Certificate2 signer,
        CancellationToken cancellationToken)
    {
        // What a contributor whose entry is hit receives: the header as the node signed it (verifiable like a single query).
        var evidence = new SignedQuery(project.Id, header.CaseReference, header.OfficerId, header.SchemaSha256.ToByteArray(),
            BulkCheckSignature.HeaderDigest(header.Persons), header.SignedAtUnixMs, header.Nonce.ToByteArray(), header.Signature.ToByteArray(),
            signer.RawData).Encode();
        var chain = new BulkCheckChain(header.Signature.Span);
        var series = new AuditSeries();
        var pending = new Queue<Task<CheckResult>>();
        Task previousQueued = Task.CompletedTask;
        var persons = 0;
        var quotaSpent = false;
        var totals = new BulkTotals();
        RpcException? failure = null;
        try
        {
            while (failure is null && await requestStream.MoveNext(cancellationToken))
            {
                if (requestStream.Current.Chunk is not { } chunk)
                {
                    await RefuseCheckAsync(call.Caller, project, header, QueryRefusalReason.Limits, StatusCode.InvalidArgument,
                        "Every message of a bulk check after the header must carry a chunk of persons.");
                    return default;
                }

                var count = chunk.Persons.Count;
                if (chunk.Index != chain.NextIndex)
                {
                    await RefuseCheckAsync(call.Caller, project, header, QueryRefusalReason.Signature, StatusCode.PermissionDenied,
                        $"Chunk {chunk.Index} arrived where chunk {chain.NextIndex} was due: a bulk check's chunks are answered once, in order. "
                        + $"The {persons} persons before it were answered and audited.");
                }

                if (count < 1 || count > options.Lists.MaxCheckChunkPersons || persons + count > call.Persons)
                {
                    await RefuseCheckAsync(call.Caller, project, header, QueryRefusalReason.Limits, StatusCode.InvalidArgument,
                        $"Chunk {chunk.Index} holds {count} persons: a chunk holds 1 to {options.Lists.MaxCheckChunkPersons}, and the call no more than the "
                        + $"{call.Persons} its header declares ({persons} so far).");
                }

                var digests = new byte[count * BulkCheckChain.DigestSize];
                if (DigestPersons(chunk, list, digests) is { } problem)
                {
                    await RefuseCheckAsync(call.Caller, project, header, QueryRefusalReason.Tokens, StatusCode.InvalidArgument,
                        $"Bulk check refused at person {persons + problem.Person + 1}: {problem.Problem}");
                }

                if (chunk.Signature.IsEmpty || !QuerySignature.Verify(signer, chain.Advance(digests), chunk.Signature.Span))
                {
                    await RefuseCheckAsync(call.Caller, project, header, QueryRefusalReason.Signature, StatusCode.PermissionDenied,
                        $"The signature of chunk {chunk.Index} does not verify over the persons it carries and the chunks before it: the stream "
                        + $"was altered, reordered or replayed. The {persons} persons before it were answered and audited.");
                }

                var asked = new List<ReadOnlyMemory<byte>>(count);
                var refusals = new string?[count];

                // The whole chunk's tokens at once when they fit (one counter update, one Redis call with the Redis store);
                // otherwise person by person, in order, until the quota is used up.
                var chunkTokens = 0;
                foreach (var person in chunk.Persons)
                {
                    chunkTokens += person.Length / TokenEntryLength;
                }

                var chunkFits = !quotaSpent
                    && (await quotas.TryConsumeAsync(project.Id, call.Caller.Party, chunkTokens, project.List!.QuotaTokensPerDay)).Counted;
                for (var i = 0; i < count; i++)
                {
                    var tokens = chunk.Persons[i].Memory;
                    if (!chunkFits && !quotaSpent && !(await quotas.TryConsumeAsync(project.Id, call.Caller.Party, tokens.Length / TokenEntryLength,
                        project.List!.QuotaTokensPerDay)).Counted)
                    {
                        quotaSpent = true;
                        queryMetrics.Refusal(project.Id, call.Caller.Party, QueryRefusalReason.Quota);
                        ListsLog.QueryRefused(logger, call.Caller.Party, project.Id, StatusCode.ResourceExhausted.ToString());
                    }

                    if (quotaSpent)
                    {
                        refusals[i] = QueryRefusalReason.Quota;
                        continue;
                    }

                    if (scanning.Observe(project.Id, call.Caller.Party, tokens.Span) is > 0 and var similar)
                    {
                        ListsLog.ScanningAlert(logger, call.Caller.Party, project.Id, similar);
                        _ = await listAudit.ScanningAlertAsync(call.Caller, project.Id, similar, options.Lists.ScanningWindow);
                    }

                    asked.Add(tokens);
                }

                // One lookup pass and, when there are hits, one logged record for the whole chunk, here: the hits records
                // take their places in the list's log in chunk order. The chunk's audit entries join the chain in chunk order,
                // behind previousQueued. (Building them on a pool thread beside this loop was measured and dropped: on a quiet
                // machine it cost about 1.5 µs of server CPU per person and gave fewer persons per second, RESULTS.md.)
                var outcomes = asked.Count > 0 ? list.List.QueryManyAsync(call.Caller.Party, call.CaseReference, asked, evidence) : NoOneAsked;
                var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var (first, previous) = (persons, previousQueued);
                pending.Enqueue(AnswerChunkAsync(call, chunk, first, digests, outcomes, refusals, previous, queued, series, totals));
                previousQueued = queued.Task;
                persons += count;
                failure = await AnswerInOrderAsync(pending, ChunksInFlight - 1, null, responseStream, cancellationToken);
            }
        }
        finally
        {
            // Persons answered before a refusal, a failure or the end get their answers (their audit entries are committed
            // first), in order up to the first chunk that failed; the chunks after it were neither audited nor answered.
            failure = await AnswerInOrderAsync(pending, 0, failure, responseStream, cancellationToken);
            if (failure is not null)
            {
                await RecordUnansweredAsync(call, project, failure);
            }
        }

        return failure is null ? (persons, totals.Hits, totals.Refused) : throw failure;
    }

    // Writes the waiting chunks' answers in order until `keep` are left; once a chunk failed (or after `failure`), the rest
    // are only waited for (they fail too: their series is broken). Returns the first failure, or null.
    private static async Task<RpcException?> AnswerInOrderAsync(Queue<Task<CheckResult>> pending, int keep, RpcException? failure,
        IServerStreamWriter<CheckResult> responseStream, CancellationToken cancellationToken)
    {
        while (pending.Count > keep)
        {
            try
            {
                var result = await pending.Dequeue();
                if (failure is null && !cancellationToken.IsCancellationRequested)
                {
                    await responseStream.WriteAsync(result, cancellationToken);
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
            {
                failure ??= e;
            }
        }

        return failure;
    }

    // A chunk could not be audited or its hits logged: the chain says where the check stopped (when it can still be written).
    private async Task RecordUnansweredAsync(BulkCheckCall call, MatchingProject project, RpcException failure)
    {
        ListsLog.QueryRefused(logger, call.Caller.Party, project.Id, failure.StatusCode.ToString());
        try
        {
            await listAudit.QueryRefusedAsync(call.Caller, project.Id, Bounded(call.CaseReference), Bounded(call.OfficerId), 0,
                "bulk check " + call.CallId + ": " + failure.Status.Detail);
        }
        catch (AuditChainException)
        {
            // The store still fails; the failed append is logged by the chain.
        }
    }

    // Checks each person's tokens as a single query's and writes its digest; the first problem, or null.
    private static (int Person, string Problem)? DigestPersons(CheckChunk chunk, OpenList list, byte[] digests)
    {
        for (var i = 0; i < chunk.Persons.Count; i++)
        {
            var tokens = chunk.Persons[i].Span;
            if (JointList.CheckQueryTokens(tokens, list.List.Definition.Keys, Matching.Lists.JointListOptions.DefaultMaxTokensPerKey) is { } problem)
            {
                return (i, problem);
            }

            BulkCheckChain.PersonDigest(tokens, digests.AsSpan(i * BulkCheckChain.DigestSize, BulkCheckChain.DigestSize));
        }

        return null;
    }

    // Waits for the chunk's lookups, builds its persons' audit entries, queues them as one item right after the previous
    // chunk's (so the chain holds persons in order; queued, not committed: the writer commits one chunk while the next
    // is built), and answers once they are committed. queued is set when the entries are queued or the chunk failed.
    private async Task<CheckResult> AnswerChunkAsync(BulkCheckCall call, CheckChunk chunk, int first, byte[] digests,
        Task<IReadOnlyList<ListQueryOutcome>> asked, string?[] refusals, Task previousQueued, TaskCompletionSource queued, AuditSeries series,
        BulkTotals totals)
    {
        var count = refusals.Length;
        var outcomes = new ListQueryOutcome?[count];
        ValueTask<IReadOnlyList<AuditReceipt>> appended;
        try
        {
            try
            {
                var answers = await asked;
                for (int i = 0, a = 0; i < count; i++)
                {
                    outcomes[i] = refusals[i] is null ? answers[a++] : null;
                    if (outcomes[i] is { Problem: not null })
                    {
                        // Checked before the lookup, so not expected; refused rather than answered no-hit.
                        (outcomes[i], refusals[i]) = (null, QueryRefusalReason.Tokens);
                    }
                }
            }
            catch (IOException e)
            {
                throw Unanswered(first, "its hits could not be recorded durably in the list's log (" + e.GetType().Name + ")");
            }

            var tokens = new int[count];
            var reasons = new string?[count];
            for (var i = 0; i < count; i++)
            {
                tokens[i] = chunk.Persons[i].Length / TokenEntryLength;
                reasons[i] = refusals[i] switch
                {
                    null => null,
                    QueryRefusalReason.Quota => QuotaReason(call),
                    _ => "the person's tokens were refused",
                };
            }

            var events = BulkCheckAudit.ChunkEvents(call, first + 1, chunk.Index, tokens, digests, outcomes, reasons, chunk.Signature.Span);
            await previousQueued;
            if (series.IsBroken)
            {
                throw Unanswered(first, "a chunk before it was not answered");
            }

            appended = bulkAudit.AppendAsync(events, series);
        }
        catch
        {
            // Nothing of this chunk is queued: no later chunk may be audited (and answered) after it. In chunk order: the
            // chunks before it are queued first (they run beside it), then the series is stopped.
            await previousQueued;
            series.Break();
            throw;
        }
        finally
        {
            queued.TrySetResult();
        }

        IReadOnlyList<AuditReceipt> receipts;
        try
        {
            receipts = await appended;
        }
        catch (AuditChainException)
        {
            throw Unanswered(first, "its persons' audit entries could not be committed");
        }

        var result = new CheckResult { Chunk = chunk.Index };
        var id = new byte[16];
        var (hits, refused) = (0, 0);
        for (var i = 0; i < count; i++)
        {
            var answer = new CheckAnswer { AuditSequence = receipts[i].Sequence };
            if (outcomes[i] is not { } outcome)
            {
                answer.Outcome = CheckOutcome.Refused;
                answer.Refusal = refusals[i]!;
                refused++;
            }
            else if (!outcome.IsHit)
            {
                answer.Outcome = CheckOutcome.NoHit;
            }
            else
            {
                answer.Outcome = CheckOutcome.Hit;
                hits++;
                foreach (var hit in outcome.Hits)
                {
                    hit.HitId.WriteTo(id);
                    var message = new QueryHit { HitId = ByteString.CopyFrom(id), Contributor = hit.Contributor, Band = ProtoMapping.ToProto(hit.Band) };
                    message.AgreeingKeys.AddRange(hit.AgreeingKeys);
                    answer.Hits.Add(message);
                }
            }

            result.Answers.Add(answer);
        }

        totals.Add(hits, refused);
        result.AuditHead = Head(receipts[count - 1].Head);
        return result;
    }

    // The status of a check that stopped at the chunk whose first person is first + 1 (from 0: the persons before it were answered).
    private static RpcException Unanswered(int first, string why) => new(new Status(StatusCode.Unavailable,
        $"The bulk check stopped at person {first + 1}: {why}. The {first} persons before it were answered and audited; "
        + "the rest were not answered. Ask again later for them."));

    private static string QuotaReason(BulkCheckCall call) =>
        $"party {call.Caller.Party} has used its query tokens for list '{call.ProjectId}' today (UTC); the quota renews at midnight UTC";

    private async Task RefuseCheckAsync(PartyIdentity caller, MatchingProject project, CheckHeader header, string reasonCode, StatusCode status,
        string reason)
    {
        queryMetrics.Refusal(project.Id, caller.Party, reasonCode);
        ListsLog.QueryRefused(logger, caller.Party, project.Id, status.ToString());
        await listAudit.QueryRefusedAsync(caller, project.Id, Bounded(header.CaseReference), Bounded(header.OfficerId), 0, "bulk check: " + reason);
        throw new RpcException(new Status(status, reason));
    }

    // Chunks waiting for the same commit are answered on several threads at once.
    private sealed class BulkTotals
    {
        private int _hits, _refused;

        public int Hits => Volatile.Read(ref _hits);

        public int Refused => Volatile.Read(ref _refused);

        public void Add(int hits, int refused)
        {
            Interlocked.Add(ref _hits, hits);
            Interlocked.Add(ref _refused, refused);
        }
    }
}
