using Aquila.Node.Hits;
using Aquila.Protocol.V1;
using Aquila.Tokens.Input;

namespace Aquila.Node.Lists;

/// <summary>
/// <c>aquila node check</c>: asks a list about many persons (or vehicles) in one signed call. Each row is tokenised on
/// the node exactly as <c>node query</c> does it (<see cref="QueryTokens"/>: the list's schema, at most two tokens per key
/// id), each person is a query with its own answer, quota count and audit entry on the server, and the answers are joined
/// back to the rows' own record ids here — the server never sees them. Every input row gets a result.
/// </summary>
public sealed class BulkCheck(BulkCheckClient client, QueryTokens tokens, AuditHeadStore heads)
{
    /// <summary>Checks <paramref name="rows"/> (a record, or why it could not be read) against <paramref name="projectId"/>.</summary>
    /// <param name="projectId">The list.</param>
    /// <param name="rows">The input rows in order.</param>
    /// <param name="caseReference">The case reference, signed with the call.</param>
    /// <param name="officerId">The officer, signed with the call.</param>
    /// <param name="progress">Gets the number of persons answered so far.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">More than <see cref="BulkCheckClient.MaxPersons"/> rows can be sent.</exception>
    public async Task<BulkCheckReport> RunAsync(string projectId, IReadOnlyList<(SourceRecord? Record, ListEntryProblem? Problem)> rows,
        string caseReference, string officerId, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var results = new BulkCheckRow?[rows.Count];
        var persons = new List<byte[]>(rows.Count);
        var rowOfPerson = new List<int>(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var (record, problem) = rows[r];
            if (record is null)
            {
                results[r] = new BulkCheckRow("", BulkCheckOutcome.Rejected, [], problem?.ToString() ?? "unreadable row", null);
                continue;
            }

            var (entries, _, tokenProblem) = tokens.Tokenize(record);
            if (entries is null)
            {
                results[r] = new BulkCheckRow(record.RecordId, BulkCheckOutcome.Rejected, [], tokenProblem?.ToString(), null);
                continue;
            }

            persons.Add(entries);
            rowOfPerson.Add(r);
        }

        if (persons.Count > BulkCheckClient.MaxPersons)
        {
            throw new ArgumentException(
                $"A bulk check holds at most {BulkCheckClient.MaxPersons:N0} persons; the input has {persons.Count:N0}. Split it into several files.",
                nameof(rows));
        }

        Grpc.Core.RpcException? failure = null;
        if (persons.Count > 0)
        {
            var (header, chunks) = client.Prepare(projectId, tokens.Schema.Hash, persons, caseReference, officerId);
            var answered = 0;
            Protocol.V1.AuditHead? last = null;
            var error = await client.SendAsync(header, chunks, result =>
            {
                foreach (var answer in result.Answers)
                {
                    if (answered >= persons.Count)
                    {
                        break;
                    }

                    var row = rowOfPerson[answered++];
                    results[row] = ToRow(rows[row].Record!.RecordId, answer);
                }

                last = result.AuditHead ?? last;
                progress?.Report(answered);
            }, cancellationToken);
            if (last is not null)
            {
                heads.Append(last.Sequence, last.Hash.Span, "check");
            }

            failure = error;
        }

        var reason = failure is null ? "the server ended the call before answering" : "not answered: " + failure.Status.Detail;
        var report = new BulkCheckRow[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            report[r] = results[r] ?? new BulkCheckRow(rows[r].Record?.RecordId ?? "", BulkCheckOutcome.NotSent, [], reason, null);
        }

        return new BulkCheckReport(report, failure);
    }

    private static BulkCheckRow ToRow(string recordId, CheckAnswer answer) => answer.Outcome switch
    {
        CheckOutcome.Hit => new BulkCheckRow(recordId, BulkCheckOutcome.Hit,
            [.. answer.Hits.Select(h => new ListQueryHit(Convert.ToHexStringLower(h.HitId.Span), h.Contributor, HitEvents.BandOf(h.Band), [.. h.AgreeingKeys]))],
            null, answer.AuditSequence),
        CheckOutcome.NoHit => new BulkCheckRow(recordId, BulkCheckOutcome.NoHit, [], null, answer.AuditSequence),
        _ => new BulkCheckRow(recordId, BulkCheckOutcome.Refused, [], answer.Refusal.Length > 0 ? answer.Refusal : "refused", answer.AuditSequence),
    };
}
