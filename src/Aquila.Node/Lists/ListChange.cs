using System.Globalization;
using Aquila.Protocol;
using Aquila.Protocol.V1;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using Google.Protobuf;
using Grpc.Core;

namespace Aquila.Node.Lists;

/// <summary>
/// <c>aquila node list add|replace|remove</c>: a contributor's change to its entries on a list. The file is read first
/// (<see cref="PrepareEntries"/> tokenises with the project key, <see cref="PrepareRemoval"/> finds the handles of the
/// record ids); then <see cref="SendAsync"/> saves the list handle map before sending — a handle the server may hold is
/// never lost on the node — and keeps it in step with the receipt; a change the server refused (it applied nothing) takes
/// the handles it brought out of the map again. The file holds records of the type of the schema the list pins
/// (<see cref="ListSchema"/>); the built-in person schema when none is given.
/// </summary>
public sealed class ListChange(string projectId, ListChangeKind kind, ListHandleMap handles, MatchKeySchema? schema = null)
{
    private readonly MatchKeySchema _schema = schema ?? MatchKeySchema.Default;

    /// <summary>Entries to add or replace with, tokenised with <paramref name="key"/>; new record ids get new handles.</summary>
    /// <exception cref="InputFormatException">The file cannot be read as entries.</exception>
    public PreparedListChange PrepareEntries(string inputPath, ColumnMap columns, ProjectKey key)
    {
        var (rows, problems) = ListEntryReader.Read(inputPath, columns, _schema, key);
        var entries = new List<ListEntry>(rows.Count);
        var unlisted = new List<(string RecordId, bool WasRemoved)>();
        foreach (var row in rows)
        {
            if (handles.Find(row.RecordId) is null)
            {
                unlisted.Add((row.RecordId, handles.WasRemoved(row.RecordId)));
            }

            entries.Add(new ListEntry
            {
                Handle = ByteString.CopyFrom(handles.GetOrCreate(row.RecordId)),
                Category = row.Category,
                ReviewDate = row.ReviewDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                TokenEntries = ByteString.CopyFrom(row.TokenEntries),
            });
        }

        return new PreparedListChange([.. rows.Select(r => r.RecordId)], problems, entries, [], 0) { Unlisted = unlisted };
    }

    /// <summary>Record ids to remove (only the record_id column is needed).</summary>
    /// <exception cref="InputFormatException">The file cannot be read.</exception>
    public PreparedListChange PrepareRemoval(string inputPath, ColumnMap columns)
    {
        var (recordIds, problems) = ListEntryReader.ReadRecordIds(inputPath, columns, _schema.RecordType);
        var removals = new List<byte[]>();
        foreach (var recordId in recordIds)
        {
            if (handles.Find(recordId) is { } handle)
            {
                removals.Add(handle);
            }
        }

        return new PreparedListChange(recordIds, problems, [], removals, recordIds.Count - removals.Count);
    }

    /// <summary>Sends the change, updates the list handle map and keeps the receipt's audit head in <paramref name="heads"/>.</summary>
    /// <exception cref="RpcException">
    /// The server refused, or could not be reached. When the server refused one entry, the message names that entry's
    /// record id.
    /// </exception>
    public async Task<ListChangeReceipt> SendAsync(PreparedListChange change, ListClient client, AuditHeadStore heads, string auditLabel,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(heads);
        handles.Save();
        ChangeEntriesReceipt receipt;
        try
        {
            receipt = await client.ChangeAsync(projectId, kind, _schema.Hash, change.Entries, change.Removals, cancellationToken);
        }
        catch (RpcException e) when (AppliedNothing(e.StatusCode))
        {
            Unlist(change);
            throw NamingTheRecord(e, change);
        }

        if (kind == ListChangeKind.Replace)
        {
            handles.RetainOnly(change.RecordIds.ToHashSet(StringComparer.Ordinal));
        }
        else if (kind == ListChangeKind.Remove)
        {
            foreach (var recordId in change.RecordIds)
            {
                handles.Remove(recordId);
            }
        }

        handles.Save();
        heads.Append(receipt.AuditHead.Sequence, receipt.AuditHead.Hash.Span, auditLabel);
        return new ListChangeReceipt
        {
            ProjectId = receipt.ProjectId,
            Added = receipt.Added,
            Reconfirmed = receipt.Reconfirmed,
            Removed = receipt.Removed,
            Entries = receipt.Entries,
            DuplicateEvents = receipt.DuplicateEvents,
            AuditSequence = receipt.AuditHead.Sequence,
        };
    }

    // Statuses with which the server answers only before it applies anything; an unreachable server or a cut call may
    // have applied the change, so its handles stay.
    private static bool AppliedNothing(StatusCode status) =>
        status is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.PermissionDenied or StatusCode.Unauthenticated
            or StatusCode.NotFound or StatusCode.OutOfRange;

    // The server never held the handles this change brought: they leave the map (a removed record is removed again).
    private void Unlist(PreparedListChange change)
    {
        if (change.Unlisted.Count == 0)
        {
            return;
        }

        foreach (var (recordId, wasRemoved) in change.Unlisted)
        {
            if (wasRemoved)
            {
                handles.Remove(recordId);
            }
            else
            {
                handles.Forget(recordId);
            }
        }

        handles.Save();
    }

    // The server names a refused entry by its place in the change (it knows no record ids); the node knows which record that is.
    private static RpcException NamingTheRecord(RpcException refused, PreparedListChange change)
    {
        if (refused.Trailers.GetValue(ListEntryTrailer.Name) is not { } text
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var place)
            || place < 1 || place > change.RecordIds.Count)
        {
            return refused;
        }

        return new RpcException(new Status(refused.StatusCode, $"record {change.RecordIds[place - 1]}: {refused.Status.Detail}"), refused.Trailers);
    }
}
