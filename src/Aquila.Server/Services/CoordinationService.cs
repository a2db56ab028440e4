using Aquila.Coordination.Projects;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Server.Application;
using Aquila.Server.Authentication;
using Aquila.Server.Offline;
using Aquila.Server.Projects;
using Aquila.Server.ScaleOut;
using Google.Protobuf;
using Grpc.Core;

namespace Aquila.Server.Services;

/// <summary>
/// The Coordination gRPC service: projects and their lifecycle on the <see cref="ProjectStore"/>, and the key
/// ceremony relay. Every rule (who may do what in which state) is the project store's; this class maps its
/// refusals to statuses a caller can act on.
/// </summary>
internal sealed class CoordinationService(
    ProjectRegistry projects,
    SchemaCatalogue schemas,
    ProjectShredder shredder,
    IProjectLifecycles lifecycles,
    ServerAudit audit,
    CeremonyRelay relay,
    OfflineBatchImport offlineImport,
    OfflineHitsExport offlineExport,
    Options.ServerOptions options,
    TimeProvider clock) : Protocol.V1.Coordination.CoordinationBase
{
    public override Task<ProjectView> CreateProject(CreateProjectRequest request, ServerCallContext context) =>
        Guard(async () =>
        {
            var project = ProjectDocument.ParseNew(request.ProjectJson);
            if (BuiltInSchemaAlias.Resolve(project.SchemaHash) is { } builtIn)
            {
                project = project with { SchemaHash = builtIn.HashHex };
            }

            if (schemas.Find(project.SchemaHash) is null)
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    $"The project pins schema sha256:{project.SchemaHash}, which this server does not run ({BuiltInSchemaAlias.Describe()})."));
            }

            var change = await PublishedAsync(projects.Store.CreateAsync(project, Caller(context), audit.Chain, context.CancellationToken));
            return View(change.Project, change.Receipt.Head);
        });

    public override Task<ProjectView> ShowProject(ProjectRef request, ServerCallContext context) =>
        Guard(async () =>
        {
            var project = await projects.Store.GetAsync(request.ProjectId, context.CancellationToken);
            var caller = Caller(context);
            if (project is null || ProjectLifecycle.CheckRead(project, caller) is not null)
            {
                // The same answer whether the project does not exist or the caller may not see it.
                throw new RpcException(new Status(StatusCode.PermissionDenied,
                    $"{caller.Party}/{PartyRoleText.ToText(caller.Role)} may not see a project '{request.ProjectId}' on this server."));
            }

            return View(project, null);
        });

    public override Task<ListProjectsResponse> ListProjects(ListProjectsRequest request, ServerCallContext context) =>
        Guard(async () =>
        {
            var caller = Caller(context);
            var reply = new ListProjectsResponse();
            foreach (var project in await projects.Store.ListAsync(context.CancellationToken))
            {
                if (ProjectLifecycle.CheckRead(project, caller) is null)
                {
                    var view = View(project, null);
                    view.ProjectJson = "";
                    reply.Projects.Add(view);
                }
            }

            return reply;
        });

    public override Task<ProjectView> InviteParty(InvitePartyRequest request, ServerCallContext context) =>
        Guard(async () =>
        {
            var change = await PublishedAsync(projects.Store.ApplyAsync(request.ProjectId, Caller(context),
                new Coordination.Projects.InviteParty(new InvitedParty(request.Party, request.DeclaredRecords, request.Controller)), audit.Chain,
                cancellationToken: context.CancellationToken));
            return View(change.Project, change.Receipt.Head);
        });

    public override Task<ProjectView> UninviteParty(UninvitePartyRequest request, ServerCallContext context) =>
        Guard(async () =>
        {
            var change = await PublishedAsync(projects.Store.ApplyAsync(request.ProjectId, Caller(context),
                new Coordination.Projects.UninviteParty(request.Party),
                audit.Chain, cancellationToken: context.CancellationToken));
            return View(change.Project, change.Receipt.Head);
        });

    public override Task<ProjectView> Advance(AdvanceRequest request, ServerCallContext context) =>
        Guard(async () =>
        {
            ProjectAction action = request.Action switch
            {
                "start_ceremony" => new StartCeremony(),
                "open" => new OpenProject(),
                "start_matching" => new StartMatching(),
                "close" => new CloseProject(),
                _ => throw new RpcException(new Status(StatusCode.InvalidArgument,
                    $"Unknown action '{request.Action}': use start_ceremony, open, start_matching or close.")),
            };
            if (action is StartMatching)
            {
                // Submissions accepted by Matcher instances reach the lifecycle through the audit relay: apply them first.
                await lifecycles.SettleAsync(context.CancellationToken);
            }

            var change = await PublishedAsync(projects.Store.ApplyAsync(request.ProjectId, Caller(context), action, audit.Chain,
                cancellationToken: context.CancellationToken));
            if (change.Project.State == ProjectState.Open)
            {
                // The ceremony is over (the store dropped its relayed messages): open the matcher now, so the first batch
                // does not pay for it.
                await projects.OpenCoordinatedAsync(change.Project, context.CancellationToken);
            }
            else if (change.Project.State == ProjectState.Matching && change.Project.Kind != ProjectKind.List)
            {
                // Stage 2: fit the model on every candidate and release what it finds, now that hits are released.
                var running = await projects.OpenCoordinatedAsync(change.Project, context.CancellationToken);
                await running.Matcher.StartScoringAsync(CancellationToken.None);
            }

            return View(change.Project, change.Receipt.Head);
        });

    public override Task<CeremonyAck> PostCeremonyMessage(CeremonyMessage request, ServerCallContext context) =>
        Guard(async () =>
        {
            var caller = Caller(context);
            var project = await CeremonyProjectAsync(request.ProjectId, request.Round, caller, context);
            if (request.FromParty.Length > 0 && request.FromParty != caller.Party)
            {
                // The sender is the certificate's party; a message claiming another is an impersonation attempt.
                var reason = $"a ceremony message from party {caller.Party}'s certificate cannot claim to come from party {request.FromParty}";
                await audit.PermissionDeniedAsync(context.Caller(), context.Method, request.ProjectId, reason, CancellationToken.None);
                throw new RpcException(new Status(StatusCode.PermissionDenied, reason + "; the sender is always taken from the certificate."));
            }

            if (request.Stage == CeremonyStage.Unspecified || request.Body.Length is 0 or > RelayedCeremonyMessage.MaxBodyLength)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, "A ceremony message needs a stage and a body of at most 64 KiB."));
            }

            if (request.Stage == CeremonyStage.Share && !ProjectQueries.IsInvited(project, request.ToParty))
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"A share must be addressed to an invited party, not '{request.ToParty}'."));
            }

            var message = request.Clone();
            message.FromParty = caller.Party; // from the certificate, never from the request
            if (message.Stage != CeremonyStage.Share)
            {
                message.ToParty = "";
            }

            var count = await relay.PostAsync(message, context.CancellationToken);
            if (message.Stage == CeremonyStage.Confirmation)
            {
                var confirm = new ConfirmCeremony(caller.Party, message.Fingerprint) { CeremonyRound = message.Round == 0 ? null : message.Round };
                await PublishedAsync(projects.Store.ApplyAsync(project.Id, caller, confirm, audit.Chain,
                    cancellationToken: context.CancellationToken));
            }

            return new CeremonyAck { Count = count };
        });

    public override Task<CeremonyMessages> GetCeremonyMessages(CeremonyMessagesRequest request, ServerCallContext context) =>
        Guard(async () =>
        {
            var caller = Caller(context);
            await CeremonyProjectAsync(request.ProjectId, request.Round, caller, context);
            if (request.Stage == CeremonyStage.Unspecified)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, "Say which stage of the ceremony to read."));
            }

            var reply = new CeremonyMessages();
            reply.Messages.AddRange(await relay.GetAsync(request.ProjectId, request.Round, request.Stage, caller.Party, context.CancellationToken));
            return reply;
        });

    // Public, CA-signed data: any authenticated caller may read it; the node checks signature and number itself.
    public override Task<RevocationList> GetRevocationList(RevocationListRequest request, ServerCallContext context) =>
        Guard(async () =>
        {
            try
            {
                var crl = await File.ReadAllBytesAsync(options.CrlPath, context.CancellationToken);
                return new RevocationList { Crl = ByteString.CopyFrom(crl) };
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RpcException(new Status(StatusCode.Unavailable,
                    "The server cannot read its CRL file; the operator must publish it again (`aquila ca crl`)."));
            }
        });

    public override Task<FeedbackAck> SubmitFeedback(FeedbackRequest request, ServerCallContext context) =>
        Guard(async () =>
        {
            var caller = Caller(context);
            var hitId = Convert.ToHexStringLower(request.HitId.Span);
            var running = await projects.FindAsync(request.ProjectId, context.CancellationToken);
            if (running is null || !running.Coordinated || !await ProjectHitCounts.HoldsAsync(running, caller.Party, hitId, context.CancellationToken))
            {
                // The same answer for an unknown hit and another party's hit.
                throw new RpcException(new Status(StatusCode.NotFound,
                    $"Party {caller.Party} has no hit {hitId} in project '{request.ProjectId}'."));
            }

            var change = await projects.Store.RecordFeedbackAsync(request.ProjectId, caller, hitId,
                request.Confirmed ? FeedbackVerdict.Confirmed : FeedbackVerdict.Rejected,
                string.IsNullOrEmpty(request.Reference) ? null : request.Reference, audit.Chain, context.CancellationToken);
            var head = change.Receipt.Head;
            return new FeedbackAck { AuditHead = new Protocol.V1.AuditHead { Sequence = head.Sequence, Hash = ByteString.CopyFrom(head.Hash.ToArray()) } };
        });

    public override Task<IndicatorsView> GetIndicators(ProjectRef request, ServerCallContext context) =>
        Guard(async () =>
        {
            var caller = Caller(context);
            var project = await projects.Store.GetAsync(request.ProjectId, context.CancellationToken);
            if (project is null || ProjectLifecycle.CheckRead(project, caller) is not null)
            {
                throw new RpcException(new Status(StatusCode.PermissionDenied,
                    $"{caller.Party}/{PartyRoleText.ToText(caller.Role)} may not see a project '{request.ProjectId}' on this server."));
            }

            var running = await projects.FindAsync(request.ProjectId, context.CancellationToken);
            var counts = running is null ? [] : await ProjectHitCounts.ReadAsync(running, context.CancellationToken);
            var feedback = await projects.Store.ListFeedbackAsync(request.ProjectId, cancellationToken: context.CancellationToken);
            var indicators = caller.Role is PartyRole.Coordinator or PartyRole.Operator or PartyRole.Auditor
                ? ProjectIndicators.Compute(project, counts, feedback)
                : ProjectIndicators.ComputeForParty(project, caller.Party, counts, feedback);
            return new IndicatorsView { Json = indicators.ToJson(), Markdown = indicators.ToMarkdown() };
        });

    public override Task<ProjectView> Purge(ProjectRef request, ServerCallContext context) =>
        Guard(async () =>
        {
            var caller = Caller(context);
            var project = await projects.Store.GetAsync(request.ProjectId, context.CancellationToken)
                ?? throw new RpcException(new Status(StatusCode.NotFound, $"There is no project '{request.ProjectId}'."));

            // The lifecycle decides first (role, state, end date); only then is anything destroyed.
            var check = ProjectLifecycle.Apply(project, caller, new PurgeProject(), clock.GetUtcNow());
            if (!check.IsAllowed)
            {
                throw new ProjectRuleException(check.Violation!);
            }

            var retained = await shredder.ShredAsync(project.Id, context.CancellationToken);
            var change = await PublishedAsync(
                projects.Store.PurgeAsync(project.Id, caller, retained, audit.Chain, context.CancellationToken));
            return View(change.Project, change.Receipt.Head);
        });

    public override Task<ProjectView> AttestPurge(ProjectRef request, ServerCallContext context) =>
        Guard(async () =>
        {
            var caller = Caller(context);
            var change = await PublishedAsync(projects.Store.ApplyAsync(request.ProjectId, caller, new AttestPurge(caller.Party), audit.Chain,
                cancellationToken: context.CancellationToken));
            return View(change.Project, change.Receipt.Head);
        });

    public override async Task<ImportBatchReceipt> ImportBatch(IAsyncStreamReader<ImportBatchRequest> requestStream, ServerCallContext context)
    {
        var caller = await RequireCoordinatorAsync(context);
        var file = await offlineImport.ReceiveAsync(caller, requestStream, context.CancellationToken);
        return await offlineImport.ImportAsync(caller, file, context.CancellationToken);
    }

    public override async Task ExportHits(ExportHitsRequest request, IServerStreamWriter<FileChunk> responseStream, ServerCallContext context)
    {
        var caller = await RequireCoordinatorAsync(context);
        var file = await offlineExport.ExportAsync(caller, request, context.CancellationToken);
        for (var offset = 0; offset < file.Length; offset += OfflineUpload.ChunkSize)
        {
            var chunk = ByteString.CopyFrom(file, offset, Math.Min(OfflineUpload.ChunkSize, file.Length - offset));
            await responseStream.WriteAsync(new FileChunk { Chunk = chunk }, context.CancellationToken);
        }
    }

    // Offline files are the coordinator's to carry; anyone else is denied and audited.
    private async Task<Security.PartyIdentity> RequireCoordinatorAsync(ServerCallContext context)
    {
        var caller = context.Caller();
        var role = PartyAuthorization.RequireRole(caller, context.Method, PartyRole.Coordinator);
        if (!role.IsAllowed)
        {
            await audit.PermissionDeniedAsync(caller, context.Method, null, role.Message, CancellationToken.None);
            throw new RpcException(new Status(StatusCode.PermissionDenied, role.Message));
        }

        return caller;
    }

    // Only nodes of invited parties take part, and only while the project is in its ceremony.
    private async Task<MatchingProject> CeremonyProjectAsync(string projectId, int round, ProjectCaller caller, ServerCallContext context)
    {
        var project = await projects.Store.GetAsync(projectId, context.CancellationToken);
        if (project is null || caller.Role != PartyRole.Node || !ProjectQueries.IsInvited(project, caller.Party))
        {
            var reason = $"only a node of a party invited to project '{projectId}' takes part in its key ceremony";
            await audit.PermissionDeniedAsync(context.Caller(), context.Method, projectId, reason, CancellationToken.None);
            throw new RpcException(new Status(StatusCode.PermissionDenied, reason + "."));
        }

        if (round != 0 && round != project.CeremonyRound)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, ProjectLifecycle.CeremonyRestartedMessage(project, round)));
        }

        if (project.State != ProjectState.KeyCeremony)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Project '{projectId}' is not in its key ceremony (it is {project.State}); ask the coordinator to start it."));
        }

        return project;
    }

    // A coordinator tells the Matcher instances about every change (a no-op for a standalone server).
    private async Task<ProjectChange> PublishedAsync(Task<ProjectChange> changing)
    {
        var change = await changing;
        await lifecycles.PublishAsync(change.Project, CancellationToken.None);
        return change;
    }

    private static ProjectCaller Caller(ServerCallContext context) => ProjectCaller.FromIdentity(context.Caller());

    private static ProjectView View(MatchingProject project, Coordination.Audit.AuditHead? head)
    {
        var view = new ProjectView
        {
            ProjectId = project.Id,
            State = project.State switch
            {
                ProjectState.KeyCeremony => "key_ceremony",
                _ => project.State.ToString().ToLowerInvariant(),
            },
            SchemaSha256 = project.SchemaHash,
            Version = project.Version,
            ProjectJson = ProjectDocument.Write(project),
            CeremonyRound = project.CeremonyRound,
        };
        view.Parties.AddRange(project.Parties.Select(p => p.Party));
        view.CeremonyConfirmed.AddRange(project.Confirmations.Select(c => c.Party));
        view.Submitted.AddRange(project.Submissions.Select(s => s.Party));
        if (head is { } h)
        {
            view.AuditHead = new Protocol.V1.AuditHead { Sequence = h.Sequence, Hash = ByteString.CopyFrom(h.Hash.ToArray()) };
        }

        return view;
    }

    // The project store's refusals become statuses: the rule's own message is what the caller reads.
    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ProjectRuleException e)
        {
            var code = e.Violation.Kind switch
            {
                ProjectRuleKind.NotPermitted => StatusCode.PermissionDenied,
                ProjectRuleKind.NotFound => StatusCode.NotFound,
                ProjectRuleKind.Conflict or ProjectRuleKind.IdTaken => StatusCode.AlreadyExists,
                ProjectRuleKind.InvalidRequest => StatusCode.InvalidArgument,
                _ => StatusCode.FailedPrecondition,
            };
            throw new RpcException(new Status(code, e.Violation.Message));
        }
    }
}
