using System.Text;
using Aquila.Tokens.Input;

namespace Aquila.Node.Inbox;

/// <summary>The filtered hits as CSV, with the party's own record ids (the file stays at the node like the exports it joins).</summary>
internal static class HitExport
{
    public const string Header = "hit_id,project,band,agreeing_keys,other_party,record_id,received_at,state,case_reference,officer_id,score,agreement";

    public static async Task WriteAsync(InboxStore store, HitFilter filter, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        await writer.WriteLineAsync(Header.AsMemory(), cancellationToken);
        foreach (var hit in store.All(filter))
        {
            var line = string.Join(',', hit.HitId, CsvCell.Escape(hit.Project), hit.Band, CsvCell.Escape(string.Join(';', hit.AgreeingKeys)),
                CsvCell.Escape(hit.OtherParty), CsvCell.Escape(hit.RecordId ?? ""), hit.ReceivedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                hit.State, CsvCell.Escape(hit.CaseReference ?? ""), CsvCell.Escape(hit.OfficerId ?? ""),
                hit.ScoreText, CsvCell.Escape(string.Join(' ', hit.Agreement)));
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
        }
    }
}
