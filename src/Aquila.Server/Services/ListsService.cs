using System.Globalization;
using Aquila.Coordination.Projects;
using Aquila.Matching.Lists;
using Aquila.Protocol;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Server.Application;
using Aquila.Server.Authentication;
using Aquila.Server.Lists;
using Aquila.Server.Options;
using Aquila.Tokens;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Services;

/// <summary>
/// The Lists gRPC service: contributors change entries and watch duplicates and query hits on their entries; authorised
/// parties query hit / no-hit with signed, quota-counted, audited queries (docs/lists.md).
/// </summary>
internal sealed partial class ListsService(
    NodeListAccess access,
    ServerAudit audit,
    ListAudit listAudit,
    BulkCheckAudit bulkAudit,
    ServerOptions options,
    QueryNonces nonces,
    QueryQuotas quotas,
    ScanningDetector scanning,
    TimeProvider clock,
    HitFeed feed,
    ListQueryMetrics queryMetrics,
    ILogger<ListsService> logger) : Protocol.V1.Lists.ListsBase
{
    public override async Task<ChangeEntriesReceipt> ChangeEntries(IAsyncStreamReader<ChangeEntriesRequest> requestStream,
        ServerCallContext context)
    {
        var caller = context.Caller();
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.Header is not { } header)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "The first message of ChangeEntries must carry the header."));
        }

        var (project, list) = await FindAsync(caller, header.ProjectId, context);
        if (!project.List!.IsContributor(caller.Party))
        {
            await DenyAsync(caller, context.Method, project.Id, $"party {caller.Party} does not contribute to list '{project.Id}'");
        }

        RequireOpen(project, "entries change");
        RequireSchema(header.SchemaSha256, list, project.Id);
        var kind = header.Kind switch
        {
            Protocol.V1.ListChangeKind.Add => Matching.Lists.ListChangeKind.Add,
            Protocol.V1.ListChangeKind.Remove => Matching.Lists.ListChangeKind.Remove,
            Protocol.V1.ListChangeKind.Replace => Matching.Lists.ListChangeKind.Replace,
            _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "The change kind must be add, remove or replace.")),
        };

        var entries = new List<ListEntryInput>();
        var removals = new List<ReadOnlyMemory<byte>>();
        var message = requestStream.Current;
        while (true)
        {
            foreach (var entry in message.Entries)
            {
                var (input, problem) = ToEntry(entry, project);
                if (input is not { } taken)
                {
                    throw await RefusedEntryAsync(caller, project.Id, kind, entries.Count + 1, problem!);
                }

                entries.Add(taken);
            }

            foreach (var handle in message.RemoveHandles)
            {
                removals.Add(handle.Memory);
            }

            if (!await requestStream.MoveNext(context.CancellationToken))
            {
                break;
            }

            message = requestStream.Current;
        }

        (ListChangeReceipt? Receipt, string? Problem) outcome;
        try
        {
            outcome = await list.List.ChangeAsync(caller.Party, kind, entries, removals, CancellationToken.None);
        }
        catch (IOException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable,
                "The server could not store the change durably (" + e.GetType().Name + "); nothing was applied. Retry later."));
        }

        if (outcome.Receipt is not { } receipt)
        {
            await audit.BatchRefusedAsync(caller, project.Id, "list-" + kind.ToString().ToLowerInvariant(), outcome.Problem!, CancellationToken.None);
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Change refused: " + outcome.Problem));
        }

        var audited = await listAudit.EntriesChangedAsync(caller, project.Id, kind.ToString().ToLowerInvariant(), receipt.Added, receipt.Removed,
            receipt.Entries, receipt.DuplicateEvents, receipt.Reconfirmed);
        return new ChangeEntriesReceipt
        {
            ProjectId = project.Id,
            Added = receipt.Added,
            Reconfirmed = receipt.Reconfirmed,
            Removed = receipt.Removed,
            Entries = receipt.Entries,
            DuplicateEvents = receipt.DuplicateEvents,
            AuditHead = Head(audited.Head),
        };
    }

    public override async Task WatchListHits(WatchListHitsRequest request, IServerStreamWriter<Protocol.V1.ListHitEvent> responseStream,
        ServerCallContext context)
    {
        var caller = context.Caller();
        var (project, list) = await FindAsync(caller, request.ProjectId, context);
        if (!project.List!.IsContributor(caller.Party))
        {
            await DenyAsync(caller, context.Method, project.Id,
                $"party {caller.Party} does not contribute to list '{project.Id}'; queriers get their answers with each query");
        }

        await feed.RunAsync(new ListHitSource(list.List, caller.Party), request.AfterSequence, request.Follow,
            (hit, cancellationToken) => responseStream.WriteAsync(ToProto(hit), cancellationToken), context.CancellationToken);
    }

    private Task<(MatchingProject Project, OpenList List)> FindAsync(PartyIdentity caller, string projectId, ServerCallContext context) =>
        access.FindAsync(caller, context.Method, projectId, context.CancellationToken);

    private static void RequireOpen(MatchingProject project, string what) => NodeListAccess.RequireOpen(project, what);

    private static void RequireSchema(ByteString schemaSha256, OpenList list, string projectId)
    {
        if (!schemaSha256.Span.SequenceEqual(list.Schema.Hash.Span))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"The tokens were made with schema sha256:{Convert.ToHexStringLower(schemaSha256.Span)}, but list '{projectId}' pins "
                + $"sha256:{list.Schema.HashHex}. Tokenise with the project's schema."));
        }
    }

    // An entry the list cannot take: (null, the reason); the caller names the entry by its place in the change (the server
    // knows no record ids; the node names the record from it).
    private static (ListEntryInput? Entry, string? Problem) ToEntry(ListEntry entry, MatchingProject project)
    {
        if (!SubjectCategories.TryParse(entry.Category, out var category))
        {
            return (null, $"the category must be {SubjectCategories.Accepted}");
        }

        if (!DataSubjectCategoryText.TryParse(SubjectCategories.Name(category), out var allowed) || !project.AllowedCategories.Contains(allowed))
        {
            return (null, $"list '{project.Id}' does not take entries of category {SubjectCategories.Name(category)}");
        }

        if (!DateOnly.TryParseExact(entry.ReviewDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var review))
        {
            return (null, "the review date must be yyyy-MM-dd");
        }

        return (new ListEntryInput(entry.Handle.Memory, (byte)category, review, entry.TokenEntries.Memory), null);
    }

    // A change with an entry the list cannot take is refused whole and audited (batch.refused, with the entry's place);
    // the trailer gives the node the entry's place, so it can name its own record id.
    private async Task<RpcException> RefusedEntryAsync(PartyIdentity caller, string projectId, Matching.Lists.ListChangeKind kind, int number,
        string problem)
    {
        var reason = $"Entry {number}: {problem}; nothing was changed.";
        await audit.BatchRefusedAsync(caller, projectId, "list-" + kind.ToString().ToLowerInvariant(), reason, CancellationToken.None);
        return new RpcException(new Status(StatusCode.InvalidArgument, "Change refused: " + reason),
            new Metadata { { ListEntryTrailer.Name, number.ToString(CultureInfo.InvariantCulture) } });
    }

    private Task DenyAsync(PartyIdentity caller, string method, string projectId, string reason) =>
        access.DenyAsync(caller, method, projectId, reason);

    private static Protocol.V1.AuditHead Head(Coordination.Audit.AuditHead head) => ProtoMapping.ToProto(head);

    private static Protocol.V1.ListHitEvent ToProto(Matching.Lists.ListHitEvent hit)
    {
        Span<byte> bytes = stackalloc byte[16];
        var message = new Protocol.V1.ListHitEvent
        {
            Sequence = hit.Sequence,
            Kind = hit.Kind switch
            {
                ListHitEventKind.Duplicate => ListHitKind.Duplicate,
                ListHitEventKind.DuplicateUpdated => ListHitKind.DuplicateUpdated,
                _ => ListHitKind.Query,
            },
            OtherParty = hit.OtherParty,
            Band = ProtoMapping.ToProto(hit.Band),
            CaseReference = hit.CaseReference ?? "",
            AtUnixMs = hit.At.ToUnixTimeMilliseconds(),
            SignedQuery = ByteString.CopyFrom(hit.QueryEvidence.Span),
        };
        hit.HitId.WriteTo(bytes);
        message.HitId = ByteString.CopyFrom(bytes);
        hit.OwnHandle.WriteTo(bytes);
        message.OwnHandle = ByteString.CopyFrom(bytes);
        message.AgreeingKeys.AddRange(hit.AgreeingKeys);
        return message;
    }
}
