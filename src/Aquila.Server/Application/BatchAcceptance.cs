using Aquila.Coordination.Projects;
using Aquila.Matching.Projects;
using Aquila.Security;
using Aquila.Server.Authentication;
using Aquila.Server.Projects;
using Aquila.Server.ScaleOut;
using Aquila.Server.Services;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Application;

/// <summary>
/// Accepts a received batch for a party: checks its header against the project, the project's lifecycle (open, within
/// the declared size) and the data-subject categories, submits it to the project's token store (or replaces the
/// party's data set) and audits the outcome. One code path whichever way a batch arrives: SubmitBatch and the
/// coordinator's offline import both call it, so both give the same checks, receipt and audit entries.
/// </summary>
internal sealed class BatchAcceptance(
    IProjectLifecycles lifecycles,
    CoordinatedLifecycle lifecycle,
    ServerAudit audit,
    BatchAcceptanceAudit acceptances,
    ILogger<BatchAcceptance> logger)
{
    /// <summary>Checks <paramref name="upload"/> and applies it for <paramref name="caller"/>'s party; every refusal is logged and audited.</summary>
    public async Task<AcceptedBatch> AcceptAsync(PartyIdentity caller, RunningProject project, BatchUpload upload)
    {
        var start = upload.Start;
        var batchIdHex = upload.BatchIdHex;
        try
        {
            CheckHeader(upload.Header, caller, project);
            // Read fresh: on a Matcher instance the cached lifecycle could still say Open for a moment after a change.
            var current = await lifecycle.CurrentAsync(project, CancellationToken.None, fresh: true);
            CheckLifecycle(current, caller.Party, upload.Header.RecordCount, start.Replace);
            BatchCategories.Check(current, upload.RecordsPerCategory);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.PermissionDenied or StatusCode.FailedPrecondition)
        {
            await RefuseAsync(caller, project.Id, batchIdHex, e.Status.Detail);
            throw;
        }

        SubmitOutcome outcome;
        try
        {
            // Once the upload is complete the batch is applied whole: a client that goes away now gets no receipt
            // but will find the batch accepted when it resends.
            outcome = start.Replace
                ? await ReplaceDataSetAsync(project, caller.Party, upload)
                : await project.Matcher.SubmitAsync(caller.Party, start.BatchId.Memory, start.Sha256.Memory, upload.Batch,
                    CancellationToken.None);
        }
        catch (Exception e) when (StoreUnavailable.IsRedisFailure(e))
        {
            throw StoreUnavailable.OfRedis(e);
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
                var head = await acceptances.EntryAsync(caller, project.Id, batchIdHex, receipt.Records, receipt.Tokens,
                    firstAcceptance: project.Coordinated);
                if (outcome.Withdrawn is { } withdrawn)
                {
                    ServerLog.DataSetReplaced(logger, batchIdHex, caller.Party, project.Id, withdrawn.BatchIds.Count, withdrawn.Records, withdrawn.Hits);
                    await audit.DataSetReplacedAsync(caller, project.Id, batchIdHex, withdrawn, CancellationToken.None);
                }

                if (project.Coordinated)
                {
                    await lifecycles.RecordSubmissionAsync(caller, project.Id,
                        new RecordSubmission(caller.Party, receipt.Records, receipt.Tokens, receipt.ReplacesEarlier) { BatchId = batchIdHex });
                }

                if (receipt.NewHitEvents > 0 && !project.Coordinated)
                {
                    await audit.HitsReleasedAsync(project.Id, batchIdHex, receipt.NewHitEvents, CancellationToken.None);
                }

                return new AcceptedBatch(receipt, AlreadyAccepted: false, head);
            }

            case SubmitStatus.AlreadyAccepted:
            {
                ServerLog.BatchResent(logger, batchIdHex, caller.Party, project.Id);
                var receipt = outcome.Receipt!;
                var head = await acceptances.EntryAsync(caller, project.Id, batchIdHex, receipt.Records, receipt.Tokens);
                return new AcceptedBatch(receipt, AlreadyAccepted: true, head);
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

    /// <summary>
    /// The party's accepted batch with this id and its acceptance's audit entry, or null. A batch made durable but not yet
    /// audited (the server stopped in between) is audited now, once, however many callers ask at the same time.
    /// </summary>
    public async Task<AcceptedBatch?> FindAsync(PartyIdentity caller, RunningProject project, ReadOnlyMemory<byte> batchId,
        CancellationToken cancellationToken)
    {
        var receipt = await project.Matcher.FindReceiptAsync(caller.Party, batchId, cancellationToken);
        if (receipt is null)
        {
            return null;
        }

        var head = await acceptances.EntryAsync(caller, project.Id, Convert.ToHexStringLower(receipt.BatchId.Span), receipt.Records,
            receipt.Tokens);
        return new AcceptedBatch(receipt, AlreadyAccepted: true, head);
    }

    // One-time projects take (and replace) data sets only while Open, and about the size each party declared at
    // invitation: a replacement is checked alone, as it becomes the whole data set.
    internal static void CheckLifecycle(MatchingProject? lifecycle, string party, long records, bool replace)
    {
        if (lifecycle is null)
        {
            return;
        }

        if (!ProjectQueries.CanSubmit(lifecycle, party))
        {
            var what = replace ? "a data set can be replaced" : "data sets are accepted";
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Batch refused: project '{lifecycle.Id}' is {ProjectStateText.Of(lifecycle.State)}; {what} only while it is open."));
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

    internal static void CheckHeader(Tokens.Batches.BatchHeader header, PartyIdentity caller, RunningProject project)
    {
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

        try
        {
            // Stage 2 (batch format version 2): the vector length and block count must be the project schema's.
            header.CheckStage2(project.Schema);
        }
        catch (Tokens.Batches.BatchFormatException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Batch refused: " + e.Message));
        }
    }

    // Replacing a data set withdraws postings and hits in place: a capability of the embedded store only, today.
    private static Task<SubmitOutcome> ReplaceDataSetAsync(RunningProject project, string party, BatchUpload upload) =>
        project.Matcher.CanReplaceDataSets
            ? project.Matcher.ReplaceDataSetAsync(party, upload.Start.BatchId.Memory, upload.Start.Sha256.Memory, upload.Batch, CancellationToken.None)
            : throw new RpcException(new Status(StatusCode.FailedPrecondition,
                "This server's matcher store (Redis) cannot replace a data set yet; submit to a server on the embedded store, "
                + "or ask the coordinator for a new project."));

    private async Task RefuseAsync(PartyIdentity caller, string projectId, string batchIdHex, string reason)
    {
        ServerLog.BatchRefused(logger, batchIdHex, caller.Party, projectId, reason);
        await audit.BatchRefusedAsync(caller, projectId, batchIdHex, reason, CancellationToken.None);
    }
}
