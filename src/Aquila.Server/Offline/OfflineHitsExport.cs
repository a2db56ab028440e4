using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Coordination.Projects;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Security.Offline;
using Aquila.Security.Pki;
using Aquila.Server.Projects;
using Aquila.Server.Services;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Offline;

/// <summary>
/// A party's hit events as a sealed hits file (.aqh) for the coordinator to carry: the same events WatchHits gives
/// that party, signed with the server's certificate key and encrypted to the party's node certificate, so the
/// coordinator learns neither the party's handles nor its hits. Only once hits are released (Matching or Closed).
/// </summary>
internal sealed class OfflineHitsExport(
    ProjectRegistry projects,
    ClientCertificateValidator validator,
    ServerSealingIdentity server,
    OfflineRecipients recipients,
    OfflineAudit audit,
    TimeProvider clock,
    ILogger<OfflineHitsExport> logger)
{
    /// <summary>The sealed file's bytes; a refusal is audited (<see cref="OfflineAudit.HitsExportRefused"/>) before it is thrown.</summary>
    public async Task<byte[]> ExportAsync(PartyIdentity coordinator, ExportHitsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await ExportCheckedAsync(coordinator, request, cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode is not (StatusCode.Unavailable or StatusCode.Cancelled))
        {
            await audit.ExportRefusedAsync(coordinator, request.ProjectId, request.Party, e.Status.Detail);
            throw;
        }
    }

    private async Task<byte[]> ExportCheckedAsync(PartyIdentity coordinator, ExportHitsRequest request, CancellationToken cancellationToken)
    {
        var lifecycle = await projects.Store.GetAsync(request.ProjectId, cancellationToken);
        if (lifecycle is null || !ProjectQueries.IsInvited(lifecycle, request.Party))
        {
            throw new RpcException(new Status(StatusCode.NotFound,
                $"There is no project '{request.ProjectId}' with party '{request.Party}' invited on this server."));
        }

        if (!ProjectQueries.HitsReleased(lifecycle))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Hits of project '{lifecycle.Id}' are released when it moves to Matching; it is {Application.ProjectStateText.Of(lifecycle.State)}."));
        }

        var running = await projects.FindAsync(lifecycle.Id, cancellationToken)
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, $"The matcher of project '{lifecycle.Id}' is not open."));
        using var recipient = LoadRecipient(request, lifecycle.Id)
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"No batch of party {request.Party} was imported into project '{lifecycle.Id}', so the server has no certificate to encrypt its hits to; "
                + "give the party's node certificate (--recipient-cert)."));
        var identity = CheckRecipient(recipient, request.Party);

        var createdAt = clock.GetUtcNow();
        var content = new OfflineHits { ProjectId = lifecycle.Id, Party = request.Party, CreatedAtUnixMs = createdAt.ToUnixTimeMilliseconds() };
        // As WatchHits gives them in a coordinated project: without what a replaced data set withdrew.
        var after = Math.Max(0, request.AfterSequence);
        var page = await running.Matcher.ReadCurrentHitsAsync(request.Party, after, int.MaxValue, cancellationToken);
        foreach (var hit in page.Events)
        {
            content.Events.Add(ProtoMapping.ToProto(hit));
        }

        var fileId = RandomNumberGenerator.GetBytes(SealedFileFormat.ContentIdLength);
        var fileIdHex = Convert.ToHexStringLower(fileId);
        var receipt = await audit.HitsExportedAsync(coordinator, lifecycle.Id, fileIdHex, request.Party, content.Events.Count,
            request.AfterSequence, identity);
        content.AuditHead = ProtoMapping.ToProto(receipt.Head);
        var bytes = content.ToByteArray();
        var header = new SealedFileHeader(SealedFileKind.Hits, lifecycle.Id, request.Party, fileId, createdAt, bytes.Length);
        var file = SealedFileWriter.Seal(header, bytes, recipient, server.Certificate, server.Issuers);
        OfflineLog.HitsExported(logger, coordinator.ToString(), content.Events.Count, request.Party, lifecycle.Id, identity.SerialNumber);
        return file;
    }

    private X509Certificate2? LoadRecipient(ExportHitsRequest request, string projectId)
    {
        if (request.RecipientCertificate.IsEmpty)
        {
            return recipients.Find(projectId, request.Party);
        }

        try
        {
            return X509CertificateLoader.LoadCertificate(request.RecipientCertificate.Span);
        }
        catch (CryptographicException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "recipient_certificate is not a DER certificate."));
        }
    }

    // Hits go only to a node certificate of that party that the server would accept now.
    private PartyIdentity CheckRecipient(X509Certificate2 recipient, string party)
    {
        var result = validator.Validate(recipient);
        if (!result.IsSuccess)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "The recipient certificate is not accepted: " + result.Message));
        }

        if (result.Identity.Role != PartyRole.Node || result.Identity.Party != party)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"The recipient certificate is {result.Identity}; hits of party {party} go only to a node certificate of {party}."));
        }

        return result.Identity;
    }
}
