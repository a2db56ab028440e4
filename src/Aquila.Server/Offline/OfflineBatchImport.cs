using Aquila.Coordination.Projects;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Server.Application;
using Aquila.Security.Offline;
using Aquila.Security.Pki;
using Aquila.Server.Options;
using Aquila.Server.Projects;
using Aquila.Server.Services;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Offline;

/// <summary>
/// The coordinator's import of a sealed token batch (.aqx) from a party without a live link. The file must be signed
/// by a node certificate the server would accept over mutual TLS (same validator), for a party invited to an Open
/// project, and encrypted to this server's certificate; the batch inside then goes through the same checks and code
/// as an online submission for that party (<see cref="BatchAcceptance"/>). Every refusal is audited with the coordinator as actor; nothing is applied
/// before every check passed, and a file already imported is refused, so nothing is applied twice.
/// </summary>
internal sealed class OfflineBatchImport(
    ProjectRegistry projects,
    ClientCertificateValidator validator,
    ServerSealingIdentity server,
    OfflineRecipients recipients,
    OfflineAudit audit,
    BatchAcceptance acceptance,
    ServerOptions options,
    ILogger<OfflineBatchImport> logger)
{
    /// <summary>Receives the file's size and chunks; a malformed or oversized transfer is refused and audited too.</summary>
    public async Task<byte[]> ReceiveAsync(PartyIdentity coordinator, IAsyncStreamReader<ImportBatchRequest> requests,
        CancellationToken cancellationToken)
    {
        try
        {
            return await OfflineUpload.ReceiveAsync(requests, options.MaxBatchBytes, cancellationToken);
        }
        catch (RpcException e)
        {
            OfflineLog.ImportRefused(logger, coordinator.ToString(), "unknown", e.Status.Detail);
            await audit.ImportRefusedAsync(coordinator, null, null, null, "not received", e.Status.Detail);
            throw;
        }
    }

    /// <summary>Verifies and applies <paramref name="fileBytes"/> for the party that signed it.</summary>
    public async Task<ImportBatchReceipt> ImportAsync(PartyIdentity coordinator, byte[] fileBytes, CancellationToken cancellationToken)
    {
        var refusal = new Refusal(audit, logger, coordinator, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(fileBytes)));
        SealedFile file;
        try
        {
            file = SealedFile.Read(fileBytes, SealedFileKind.TokenBatch, options.MaxBatchBytes);
        }
        catch (SealedFileException e)
        {
            throw await refusal.Of(e.Problem == SealedFileProblem.TooLarge ? StatusCode.ResourceExhausted : StatusCode.InvalidArgument,
                "Import refused: " + e.Message);
        }

        var header = file.Header;
        refusal.About(header.ProjectId, header.ContentIdHex, header.Party);
        var signer = Authenticate(file, out var problem);
        if (signer is null)
        {
            throw await refusal.Of(StatusCode.PermissionDenied, problem!);
        }

        var lifecycle = await projects.Store.GetAsync(header.ProjectId, cancellationToken);
        if (lifecycle is null || !ProjectQueries.IsInvited(lifecycle, signer.Party))
        {
            throw await refusal.Of(StatusCode.PermissionDenied,
                $"Import refused: party {signer.Party} is not invited to a project '{header.ProjectId}' on this server.");
        }

        if (lifecycle.State != ProjectState.Open)
        {
            throw await refusal.Of(StatusCode.FailedPrecondition,
                $"Import refused: project '{lifecycle.Id}' is {ProjectStateText.Of(lifecycle.State)}; data sets are accepted only while it is open.");
        }

        if (!file.IsFor(server.Certificate))
        {
            throw await refusal.Of(StatusCode.FailedPrecondition,
                "Import refused: the file is encrypted to another server certificate than this server's; the party must export it again for the current server certificate.");
        }

        var project = await projects.FindAsync(lifecycle.Id, cancellationToken)
            ?? throw await refusal.Of(StatusCode.FailedPrecondition, $"Import refused: the matcher of project '{lifecycle.Id}' is not open.");
        BatchUpload upload;
        try
        {
            upload = BatchUpload.FromFile(file.Open(server.Certificate));
        }
        catch (SealedFileException e)
        {
            throw await refusal.Of(StatusCode.InvalidArgument, "Import refused: " + e.Message);
        }
        catch (RpcException e)
        {
            throw await refusal.Of(e.StatusCode, "Import refused: " + e.Status.Detail);
        }

        if (upload.BatchIdHex != header.ContentIdHex)
        {
            throw await refusal.Of(StatusCode.InvalidArgument, "Import refused: the file's declared batch id is not the id of the batch inside it.");
        }

        if (await project.Matcher.FindReceiptAsync(signer.Party, upload.Header.BatchId.ToArray(), cancellationToken) is { } earlier)
        {
            throw await refusal.Of(StatusCode.AlreadyExists, earlier.ContentHash.Span.SequenceEqual(upload.Start.Sha256.Span)
                ? $"Import refused: batch {upload.BatchIdHex} of party {signer.Party} was already accepted at {earlier.AcceptedAt:O}; nothing was applied again."
                : $"Import refused: a batch with id {upload.BatchIdHex} but other content was already accepted for party {signer.Party}; a batch id names one content.");
        }

        AcceptedBatch accepted;
        try
        {
            accepted = await acceptance.AcceptAsync(signer, project, upload);
        }
        catch (RpcException e)
        {
            throw await refusal.Of(e.StatusCode, e.Status.Detail);
        }

        if (accepted.AlreadyAccepted)
        {
            // Another import of the same file won the race: it was applied once, by that call.
            throw await refusal.Of(StatusCode.AlreadyExists,
                $"Import refused: batch {upload.BatchIdHex} of party {signer.Party} was already accepted; nothing was applied again.");
        }

        using (var certificate = file.LoadSigner())
        {
            recipients.Remember(project.Id, signer.Party, certificate);
        }

        var imported = await audit.ImportedAsync(coordinator, project.Id, upload.BatchIdHex, signer, refusal.FileSha256, fileBytes.Length);
        OfflineLog.BatchImported(logger, coordinator.ToString(), upload.BatchIdHex, signer.Party, project.Id, signer.SerialNumber);
        return new ImportBatchReceipt
        {
            Receipt = ProtoMapping.ToProto(project.Id, accepted.Receipt, alreadyAccepted: false, accepted.AuditHead),
            Signer = signer.ToString(),
            ImportAuditHead = ProtoMapping.ToProto(imported.Head),
        };
    }

    // The signer must be a node certificate the server would accept over mutual TLS, of the party the file names.
    private PartyIdentity? Authenticate(SealedFile file, out string? problem)
    {
        using var certificate = file.LoadSigner();
        var issuers = file.LoadIssuers();
        try
        {
            var result = validator.Validate(certificate, issuers);
            problem = result.IsSuccess ? null : "Import refused: the file's signer is not accepted: " + result.Message;
            if (result.Identity is { } identity && identity.Role != PartyRole.Node)
            {
                problem = $"Import refused: the file is signed by a {PartyRoleText.ToText(identity.Role)} certificate ({identity}); only a party's node signs token batches.";
            }
            else if (result.Identity is { } signer && signer.Party != file.Header.Party)
            {
                problem = $"Import refused: the file names party {file.Header.Party} but is signed by {signer}; a node exports only its own party's batches.";
            }

            return problem is null ? result.Identity : null;
        }
        finally
        {
            foreach (var issuer in issuers)
            {
                issuer.Dispose();
            }
        }
    }

    // Collects what is known about the file so far, for the refusal's audit entry.
    private sealed class Refusal(OfflineAudit audit, ILogger logger, PartyIdentity coordinator, string fileSha256)
    {
        private string? _projectId;
        private string? _batchIdHex;
        private string? _party;

        public string FileSha256 => fileSha256;

        public void About(string projectId, string batchIdHex, string party)
        {
            _projectId = projectId;
            _batchIdHex = batchIdHex;
            _party = party;
        }

        public async Task<RpcException> Of(StatusCode code, string message)
        {
            OfflineLog.ImportRefused(logger, coordinator.ToString(), _projectId ?? "unknown", message);
            await audit.ImportRefusedAsync(coordinator, _projectId, _batchIdHex, _party, fileSha256, message);
            return new RpcException(new Status(code, message));
        }
    }
}
