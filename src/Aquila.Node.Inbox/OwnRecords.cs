using System.Text;
using Aquila.Tokens.Input;

namespace Aquila.Node.Inbox;

/// <summary>The party's own exports, read once at start, by record id: only this node ever shows them.</summary>
public sealed class OwnRecords
{
    private readonly Dictionary<string, PersonRecord> _byId;

    private OwnRecords(Dictionary<string, PersonRecord> byId) => _byId = byId;

    public static OwnRecords Empty { get; } = new([]);

    public int Count => _byId.Count;

    /// <summary>Reads the exports with a column map; rows the reader rejects are skipped (they were never tokenised).</summary>
    public static OwnRecords Load(IEnumerable<string> paths, ColumnMap map)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var byId = new Dictionary<string, PersonRecord>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            using var stream = File.OpenRead(path);
            using var reader = new PersonRecordReader(stream, Path.GetFileName(path), map, new UTF8Encoding(false));
            while (reader.TryReadNext(out var record, out _))
            {
                if (record is not null)
                {
                    byId[record.RecordId] = record;
                }
            }
        }

        return new OwnRecords(byId);
    }

    public PersonRecord? Find(string? recordId) => recordId is null ? null : _byId.GetValueOrDefault(recordId);
}
