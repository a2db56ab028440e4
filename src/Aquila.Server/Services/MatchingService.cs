using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Server.Application;
using Aquila.Server.Authentication;
using Aquila.Server.Options;
using Aquila.Server.Projects;
using Aquila.Server.Validation;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Services;

/// <summary>
/// The Matching gRPC service: batches in, each party's own hits out. Transport and mapping: the upload is received and
/// spooled here; access, acceptance and the hit feed are the application layer's (<see cref="NodeProjectAccess"/>,
/// <see cref="BatchAcceptance"/>, <see cref="PartyHits"/>).
/// </summary>
internal sealed class MatchingService(
    NodeProjectAccess access,
    BatchAcceptance acceptance,
    PartyHits hits,
    ServerAudit audit,
    UploadSlots slots,
    UploadSpool spool,
    ServerOptions options,
    ILogger<MatchingService> logger) : Protocol.V1.Matching.MatchingBase
{
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
        var accepted = await acceptance.AcceptAsync(caller, project, upload);
        return ProtoMapping.ToProto(project.Id, accepted.Receipt, accepted.AlreadyAccepted, accepted.AuditHead);
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

    public override async Task<BatchStatus> GetBatchStatus(GetBatchStatusRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var project = await AuthorizeAsync(caller, request.ProjectId, context);
        var found = await acceptance.FindAsync(caller, project, request.BatchId.Memory, context.CancellationToken);
        if (found is null)
        {
            return new BatchStatus { Accepted = false };
        }

        var receipt = found.Receipt;
        var status = new BatchStatus { Accepted = true, Receipt = ProtoMapping.ToProto(project.Id, receipt, alreadyAccepted: true, found.AuditHead) };
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
        await hits.FollowAsync(caller, project, request.AfterSequence, request.Follow,
            (hit, cancellationToken) => responseStream.WriteAsync(ProtoMapping.ToProto(hit), cancellationToken), context.CancellationToken);
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

    private Task<RunningProject> AuthorizeAsync(PartyIdentity caller, string projectId, ServerCallContext context) =>
        access.AuthorizeAsync(caller, context.Method, projectId, context.CancellationToken);
}
