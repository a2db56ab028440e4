using Aquila.Coordination.Projects;
using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Server.Authentication;
using Aquila.Server.Options;
using Aquila.Server.Projects;
using Aquila.Server.Validation;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Services;

/// <summary>The Matching gRPC service: batches in, each party's own hits out.</summary>
internal sealed class MatchingService(
    ProjectRegistry projects,
    ServerAudit audit,
    BatchAcceptanceAudit acceptances,
    UploadSlots slots,
    UploadSpool spool,
    ServerOptions options,
    IHostApplicationLifetime lifetime,
    ILogger<MatchingService> logger) : Protocol.V1.Matching.MatchingBase
{
    private const int HitPage = 512;

    public override async Task<Protocol.V1.BatchReceipt> SubmitBatch(IAsyncStreamReader<SubmitBatchRequest> requestStream, ServerCallContext context)
    {
        var caller = context.Caller();
        BatchStart? start = null;
        try
        {
            start = await BatchUpload.ReadStartAsync(requestStream, context.CancellationToken);
            BatchUpload.CheckStart(start, options.MaxBatchBytes);
        }
        catch (RpcException e) when (e is not AuditedRpcException && IsUploadRefusal(e.StatusCode))
        {
            // Also a message over the size limit (grpc-dotnet's RESOURCE_EXHAUSTED from the reader).
            await RefuseUploadAsync(caller, start, e.Status.Detail);
            throw;
        }
        catch (Exception e) when (IsAbandoned(e))
        {
            await RefuseUploadAsync(caller, start, "the upload was abandoned before its declaration was read (the caller went away)");
            throw;
        }

        var project = await AuthorizeAsync(caller, start.ProjectId, context);
        using var slot = slots.TryTake(caller.Party, out var busy);
        if (slot is null)
        {
            await RefuseUploadAsync(caller, start, busy!);
            throw new AuditedRpcException(new Status(StatusCode.ResourceExhausted, "Batch refused: " + busy + "."));
        }

        var upload = await ReceiveAsync(caller, project, start, requestStream, context);
        return await AcceptAsync(caller, project, upload);
    }

    // The upload is spooled to a file (deleted whatever happens) and given up when the caller goes away or sends
    // nothing for the idle timeout; every way it can fail is audited.
    private async Task<BatchUpload> ReceiveAsync(PartyIdentity caller, RunningProject project, BatchStart start,
        IAsyncStreamReader<SubmitBatchRequest> requestStream, ServerCallContext context)
    {
        var batchIdHex = Convert.ToHexStringLower(start.BatchId.Span);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        await using var spooled = spool.Create();
        try
        {
            return await BatchUpload.ReceiveAsync(start, requestStream, spooled, idle, options.Uploads.IdleTimeout);
        }
        catch (RpcException e) when (e is not AuditedRpcException && IsUploadRefusal(e.StatusCode))
        {
            ServerLog.BatchRefused(logger, batchIdHex, caller.Party, project.Id, e.Status.Detail);
            await audit.BatchRefusedAsync(caller, project.Id, batchIdHex, e.Status.Detail, CancellationToken.None);
            throw;
        }
        catch (UploadStorageException e)
        {
            // Like a failed WAL write: the server's problem, not a refusal of the batch; the node retries.
            ServerLog.UploadNotStored(logger, batchIdHex, caller.Party, e.InnerException!.GetType().Name);
            throw new RpcException(new Status(StatusCode.Unavailable,
                "The server could not store the batch durably (" + e.InnerException.GetType().Name + " while receiving it); nothing was accepted. Retry later."));
        }
        catch (Exception e) when (IsAbandoned(e))
        {
            var received = spooled.Length;
            var gone = context.CancellationToken.IsCancellationRequested;
            var reason = (gone ? "the caller went away" : $"nothing arrived for {options.Uploads.IdleTimeout.TotalSeconds:0} s")
                + $"; the upload was abandoned after {received} of {start.TotalBytes} bytes";
            ServerLog.BatchRefused(logger, batchIdHex, caller.Party, project.Id, reason);
            await audit.BatchRefusedAsync(caller, project.Id, batchIdHex, reason, CancellationToken.None);
            throw new AuditedRpcException(new Status(gone ? StatusCode.Cancelled : StatusCode.DeadlineExceeded,
                "Batch refused: " + reason + ". Send it again."));
        }
    }

    private static bool IsUploadRefusal(StatusCode code) =>
        code is StatusCode.InvalidArgument or StatusCode.PermissionDenied or StatusCode.FailedPrecondition or StatusCode.ResourceExhausted;

    // How a call whose client went away (or was cut off as idle) ends inside grpc-dotnet's reader.
    private static bool IsAbandoned(Exception e) =>
        e is IOException or OperationCanceledException
        || e is RpcException { StatusCode: StatusCode.Cancelled or StatusCode.DeadlineExceeded or StatusCode.Unavailable } and not AuditedRpcException;

    // A refusal before the upload is tied to a project this party may use: the ids were checked by the request
    // validator, so what the caller named can be audited.
    private async Task RefuseUploadAsync(PartyIdentity caller, BatchStart? start, string reason)
    {
        ServerLog.UploadRefused(logger, caller.Party, reason);
        var batchIdHex = start is { BatchId.Length: 16 } ? Convert.ToHexStringLower(start.BatchId.Span) : null;
        await audit.UploadRefusedAsync(caller, start?.ProjectId, batchIdHex, reason, CancellationToken.None);
    }

    /// <summary>
    /// Checks a received batch against the project and applies it for <paramref name="caller"/>'s party: what
    /// SubmitBatch does once the upload is complete, shared with the coordinator's offline import (the same checks,
    /// receipt and audit entries whichever way a batch arrives).
    /// </summary>
    internal async Task<Protocol.V1.BatchReceipt> AcceptAsync(PartyIdentity caller, RunningProject project, BatchUpload upload)
    {
        var start = upload.Start;
        var batchIdHex = upload.BatchIdHex;
        try
        {
            CheckHeader(upload, caller, project);
            // Read fresh: on a Matcher instance the cached lifecycle could still say Open for a moment after a change.
            var lifecycle = await LifecycleAsync(project, CancellationToken.None, fresh: true);
            CheckLifecycle(lifecycle, caller.Party, upload.Header.RecordCount, start.Replace);
            BatchCategories.Check(lifecycle, upload.RecordsPerCategory);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.PermissionDenied or StatusCode.FailedPrecondition)
        {
            ServerLog.BatchRefused(logger, batchIdHex, caller.Party, project.Id, e.Status.Detail);
            await audit.BatchRefusedAsync(caller, project.Id, batchIdHex, e.Status.Detail, CancellationToken.None);
            throw;
        }

        SubmitOutcome outcome;
        try
        {
            // Once the upload is complete the batch is applied whole: a client that goes away now gets no receipt
            // but will find the batch accepted when it resends.
            outcome = start.Replace
                ? await ReplaceDataSetAsync(project, caller.Party, start, upload.Batch)
                : await project.Matcher.SubmitAsync(caller.Party, start.BatchId.Memory, start.Sha256.Memory, upload.Batch,
                    CancellationToken.None);
        }
        catch (IOException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable,
                "The server could not store the batch durably (" + e.GetType().Name + "); nothing was accepted. Retry later."));
        }

        switch (outcome.Status)
        {
            case SubmitStatus.Accepted:
            {
                var receipt = outcome.Receipt!;
                ServerLog.BatchAccepted(logger, batchIdHex, caller.Party, project.Id, receipt.Records, receipt.Tokens, receipt.NewHitEvents);
                // Through the shared find-or-append: a status query may already have audited this acceptance.
                var head = await AcceptanceEntryAsync(caller, project.Id, receipt, batchIdHex, firstAcceptance: project.Coordinated);
                if (outcome.Withdrawn is { } withdrawn)
                {
                    ServerLog.DataSetReplaced(logger, batchIdHex, caller.Party, project.Id, withdrawn.BatchIds.Count, withdrawn.Records, withdrawn.Hits);
                    await audit.DataSetReplacedAsync(caller, project.Id, batchIdHex, withdrawn, CancellationToken.None);
                }

                if (project.Coordinated)
                {
                    await projects.Lifecycles.RecordSubmissionAsync(caller, project.Id,
                        new RecordSubmission(caller.Party, receipt.Records, receipt.Tokens, receipt.ReplacesEarlier) { BatchId = batchIdHex });
                }

                if (receipt.NewHitEvents > 0 && !project.Coordinated)
                {
                    await audit.HitsReleasedAsync(project.Id, batchIdHex, receipt.NewHitEvents, CancellationToken.None);
                }

                return ToProto(project.Id, receipt, alreadyAccepted: false, head);
            }

            case SubmitStatus.AlreadyAccepted:
            {
                ServerLog.BatchResent(logger, batchIdHex, caller.Party, project.Id);
                var head = await AcceptanceEntryAsync(caller, project.Id, outcome.Receipt!, batchIdHex);
                return ToProto(project.Id, outcome.Receipt!, alreadyAccepted: true, head);
            }

            case SubmitStatus.Conflict when await project.Matcher.FindReceiptAsync(caller.Party, start.BatchId.Memory, CancellationToken.None) is { } earlier
                && earlier.ContentHash.Span.SequenceEqual(start.Sha256.Span):
                // The same content, sent once as an addition to the data set and once as its replacement.
                await RefuseAsync(caller, project.Id, batchIdHex, "the batch was already accepted the other way (replace or add)");
                throw new RpcException(new Status(StatusCode.AlreadyExists, "Batch refused: " + outcome.Problem));

            case SubmitStatus.Conflict:
                await RefuseAsync(caller, project.Id, batchIdHex, "a batch with this id and other content was already accepted");
                throw new RpcException(new Status(StatusCode.AlreadyExists,
                    "A batch with this id but other content was already accepted; a batch id names one content. Tokenise again to get a new batch id."));

            case SubmitStatus.Replaced:
                await RefuseAsync(caller, project.Id, batchIdHex, "the batch belongs to a replaced data set");
                throw new RpcException(new Status(StatusCode.FailedPrecondition, "Batch refused: " + outcome.Problem));

            default:
                await RefuseAsync(caller, project.Id, batchIdHex, outcome.Problem ?? "refused");
                throw new RpcException(new Status(StatusCode.InvalidArgument, "Batch refused: " + outcome.Problem));
        }
    }

    public override async Task<BatchStatus> GetBatchStatus(GetBatchStatusRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var project = await AuthorizeAsync(caller, request.ProjectId, context);
        var receipt = await StoreCallAsync(() => project.Matcher.FindReceiptAsync(caller.Party, request.BatchId.Memory, context.CancellationToken));
        if (receipt is null)
        {
            return new BatchStatus { Accepted = false };
        }

        var batchIdHex = Convert.ToHexStringLower(receipt.BatchId.Span);
        var head = await AcceptanceEntryAsync(caller, project.Id, receipt, batchIdHex);
        var status = new BatchStatus { Accepted = true, Receipt = ToProto(project.Id, receipt, alreadyAccepted: true, head) };
        if (receipt.IsReplaced)
        {
            // Accepted once, but no longer part of the party's data set.
            status.Replaced = true;
            status.ReplacedByBatchId = ByteString.CopyFrom(receipt.ReplacedBy.Span);
        }

        return status;
    }

    public override async Task WatchHits(WatchHitsRequest request, IServerStreamWriter<HitEvent> responseStream, ServerCallContext context)
    {
        var caller = context.Caller();
        var project = await AuthorizeAsync(caller, request.ProjectId, context);
        var lifecycle = await LifecycleAsync(project, context.CancellationToken);
        if (lifecycle is not null && !ProjectQueries.HitsReleased(lifecycle))
        {
            // A Matcher instance's cached lifecycle may lag the coordinator's move to Matching: refuse only on a fresh read.
            lifecycle = await LifecycleAsync(project, context.CancellationToken, fresh: true);
        }

        if (lifecycle is not null && !ProjectQueries.HitsReleased(lifecycle))
        {
            // The one-time project must not be an oracle: nothing about hits before the project moves to Matching.
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Hits of project '{lifecycle.Id}' are released when it moves to Matching; it is {StateText(lifecycle.State)}."));
        }

        var cursor = Math.Max(0, request.AfterSequence);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        while (!context.CancellationToken.IsCancellationRequested)
        {
            // A one-time project releases its hits once data sets can no longer change: a replaced data set's hits were
            // never released, so its withdrawn hits are left out rather than shown as found and withdrawn. (Only the
            // embedded store can replace a data set; the Redis store's streams hold no withdrawals.)
            var scanned = cursor;
            var events = lifecycle is not null && project.Matcher is ProjectMatcher embedded
                ? embedded.ReadCurrentHits(caller.Party, cursor, HitPage, out scanned)
                : await StoreCallAsync(() => project.Matcher.ReadHitsAsync(caller.Party, cursor, HitPage, context.CancellationToken));
            foreach (var hit in events)
            {
                await responseStream.WriteAsync(ToProto(hit), context.CancellationToken);
                cursor = hit.Sequence;
            }

            cursor = Math.Max(cursor, scanned);

            if (events.Count == HitPage)
            {
                continue;
            }

            if (!request.Follow)
            {
                return;
            }

            try
            {
                await project.Matcher.WaitForHitsAsync(caller.Party, cursor, watching.Token);
            }
            catch (IOException e)
            {
                throw StoreUnavailable(e);
            }
            catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // A following stream never ends by itself: without this, a stopping server waited out its whole
                // shutdown timeout for every node that follows. Unavailable tells the node to follow again from its cursor.
                throw new RpcException(new Status(StatusCode.Unavailable,
                    "The server is shutting down; follow again from your last sequence once it is back."));
            }
        }
    }

    public override async Task<ProjectInfo> GetProject(GetProjectRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var project = await AuthorizeAsync(caller, request.ProjectId, context);
        var info = new ProjectInfo
        {
            ProjectId = project.Id,
            SchemaSha256 = ByteString.CopyFrom(project.Schema.Hash.Span),
            MaxFanout = project.Matcher.Definition.MaxFanout,
            MaxBatchBytes = options.MaxBatchBytes,
        };
        info.Parties.AddRange(project.Matcher.Definition.Parties);
        return info;
    }

    // Only nodes call the matcher, and only for projects their party is invited to.
    private async Task<RunningProject> AuthorizeAsync(PartyIdentity caller, string projectId, ServerCallContext context)
    {
        var role = PartyAuthorization.RequireRole(caller, context.Method, PartyRole.Node);
        if (!role.IsAllowed)
        {
            await DenyAsync(caller, context.Method, projectId, role.Message);
        }

        var project = await projects.FindAsync(projectId, context.CancellationToken);
        if (project is null || !project.IsInvited(caller.Party))
        {
            var coordinated = project is null ? await projects.Lifecycles.GetAsync(projectId, fresh: false, context.CancellationToken) : null;
            if (coordinated is not null && ProjectQueries.IsInvited(coordinated, caller.Party))
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    $"Project '{projectId}' is {StateText(coordinated.State)}; its matcher works from Open on."));
            }

            // The same answer for "no such project" and "not invited": a node learns nothing about other projects.
            await DenyAsync(caller, context.Method, projectId,
                $"party {caller.Party} is not invited to a project '{projectId}' on this server");
        }

        return project!;
    }

    // A coordinated project's lifecycle as it is now (null for a project declared in the configuration). On a Matcher
    // instance a coordinated project can vanish (purged on the coordinator): it is then refused like a closed one.
    private async Task<MatchingProject?> LifecycleAsync(RunningProject project, CancellationToken cancellationToken, bool fresh = false)
    {
        if (!project.Coordinated)
        {
            return null;
        }

        return await projects.Lifecycles.GetAsync(project.Id, fresh, cancellationToken) is { State: not ProjectState.Purged } lifecycle
            ? lifecycle
            : throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Project '{project.Id}' was purged; its matcher no longer takes batches or answers for hits."));
    }

    private static string StateText(ProjectState state) => state switch
    {
        ProjectState.KeyCeremony => "in its key ceremony",
        _ => state.ToString().ToLowerInvariant(),
    };

    private async Task DenyAsync(PartyIdentity caller, string method, string projectId, string reason)
    {
        ServerLog.PermissionDenied(logger, caller.Party, PartyRoleText.ToText(caller.Role), method, reason);
        await audit.PermissionDeniedAsync(caller, method, projectId, reason, CancellationToken.None);
        throw new RpcException(new Status(StatusCode.PermissionDenied, reason + "."));
    }

    // One-time projects take (and replace) data sets only while Open, and about the size each party declared at
    // invitation: a replacement is checked alone, as it becomes the whole data set.
    private static void CheckLifecycle(MatchingProject? lifecycle, string party, long records, bool replace)
    {
        if (lifecycle is null)
        {
            return;
        }

        if (!ProjectQueries.CanSubmit(lifecycle, party))
        {
            var what = replace ? "a data set can be replaced" : "data sets are accepted";
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Batch refused: project '{lifecycle.Id}' is {StateText(lifecycle.State)}; {what} only while it is open."));
        }

        var declared = ProjectQueries.FindParty(lifecycle, party)!.DeclaredRecords;
        var already = replace ? 0 : ProjectQueries.FindSubmission(lifecycle, party)?.Records ?? 0;
        if (already + records > declared)
        {
            var sent = replace ? "the new data set would hold" : "with this batch it would have sent";
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Batch refused: party {party} declared {declared} records for project '{lifecycle.Id}'; {sent} {already + records}."));
        }
    }

    private static void CheckHeader(BatchUpload upload, PartyIdentity caller, RunningProject project)
    {
        var header = upload.Header;
        if (header.Party != caller.Party)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"The batch was made for party {header.Party}, but your certificate is party {caller.Party}; a node submits only its own party's batches."));
        }

        if (header.ProjectId != project.Id)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"Batch refused: it was made for project '{header.ProjectId}', not '{project.Id}'. Tokenise with --project {project.Id}."));
        }

        if (!header.SchemaHash.Span.SequenceEqual(project.Schema.Hash.Span))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Batch refused: it was built with schema sha256:{header.SchemaHashHex}, but project '{project.Id}' pins sha256:{project.Schema.HashHex}."));
        }
    }

    private async Task RefuseAsync(PartyIdentity caller, string projectId, string batchIdHex, string reason)
    {
        ServerLog.BatchRefused(logger, batchIdHex, caller.Party, projectId, reason);
        await audit.BatchRefusedAsync(caller, projectId, batchIdHex, reason, CancellationToken.None);
    }

    // A resend gets the audit entry of the original acceptance; if the server stopped between making the batch
    // durable and auditing it, the acceptance is audited now (once, however many callers ask at the same time).
    private Task<Coordination.Audit.AuditHead> AcceptanceEntryAsync(PartyIdentity caller, string projectId,
        Matching.Projects.BatchReceipt receipt, string batchIdHex, bool firstAcceptance = false) =>
        acceptances.EntryAsync(caller, projectId, batchIdHex, receipt.Records, receipt.Tokens, firstAcceptance);

    private static Protocol.V1.BatchReceipt ToProto(string projectId, Matching.Projects.BatchReceipt receipt, bool alreadyAccepted,
        Coordination.Audit.AuditHead auditHead) => new()
        {
            ProjectId = projectId,
            Party = receipt.Party,
            BatchId = ByteString.CopyFrom(receipt.BatchId.Span),
            ContentSha256 = ByteString.CopyFrom(receipt.ContentHash.Span),
            Records = receipt.Records,
            Tokens = receipt.Tokens,
            AcceptedAtUnixMs = receipt.AcceptedAt.ToUnixTimeMilliseconds(),
            AlreadyAccepted = alreadyAccepted,
            AuditHead = new AuditHead { Sequence = auditHead.Sequence, Hash = ByteString.CopyFrom(auditHead.Hash.ToArray()) },
            ReplacedEarlier = receipt.ReplacesEarlier,
        };

    // Replacing a data set withdraws postings and hits in place: only the embedded store can do that today.
    private static Task<SubmitOutcome> ReplaceDataSetAsync(RunningProject project, string party, BatchStart start, TokenBatch batch) =>
        project.Matcher is ProjectMatcher embedded
            ? embedded.ReplaceDataSetAsync(party, start.BatchId.Memory, start.Sha256.Memory, batch, CancellationToken.None)
            : throw new RpcException(new Status(StatusCode.FailedPrecondition,
                "This server's matcher store (Redis) cannot replace a data set yet; submit to a server on the embedded store, "
                + "or ask the coordinator for a new project."));

    // A shared store (Redis) that does not answer: Unavailable, so the node retries from its cursor or resends.
    private static async Task<T> StoreCallAsync<T>(Func<ValueTask<T>> call)
    {
        try
        {
            return await call();
        }
        catch (IOException e)
        {
            throw StoreUnavailable(e);
        }
    }

    private static RpcException StoreUnavailable(IOException e) =>
        new(new Status(StatusCode.Unavailable, "The matcher's store is unavailable (" + e.GetType().Name + "); retry later."));

    internal static HitEvent ToProto(PartyHitEvent hit)
    {
        Span<byte> bytes = stackalloc byte[16];
        var message = new HitEvent
        {
            Sequence = hit.Sequence,
            Kind = hit.Kind switch
            {
                HitChangeKind.New => HitEventKind.New,
                HitChangeKind.Updated => HitEventKind.Updated,
                _ => HitEventKind.Withdrawn,
            },
            OtherParty = hit.Hit.OtherPartyCode,
            Band = (Band)(int)hit.Hit.Band,
        };
        hit.Hit.HitId.WriteTo(bytes);
        message.HitId = ByteString.CopyFrom(bytes);
        hit.Hit.OwnHandle.WriteTo(bytes);
        message.OwnHandle = ByteString.CopyFrom(bytes);
        message.AgreeingKeys.AddRange(hit.Hit.AgreeingKeys);
        return message;
    }
}
