using Microsoft.Data.Sqlite;

namespace Aquila.Coordination.Audit;

/// <summary>Reads the entries of an audit database in order, read-only and page by page (for offline checks of many entries).</summary>
public static class AuditEntryReader
{
    private const int PageSize = 1_000;

    /// <summary>The entries from <paramref name="fromSequence"/> on, in sequence order.</summary>
    /// <exception cref="AuditChainException">The file cannot be read or an entry is malformed.</exception>
    public static IEnumerable<AuditEntry> ReadFrom(string databasePath, long fromSequence = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var path = Path.GetFullPath(databasePath);
        if (!File.Exists(path))
        {
            throw new AuditChainException($"The audit database {path} does not exist.");
        }

        var next = Math.Max(1, fromSequence);
        while (true)
        {
            var page = ReadPage(path, next, PageSize);
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            next = page[^1].Sequence + 1;
        }
    }

    /// <summary>Up to <paramref name="max"/> entries from <paramref name="from"/> on, the database opened read-only for the call.</summary>
    internal static List<AuditEntry> ReadPage(string path, long from, int max)
    {
        var page = new List<AuditEntry>(max);
        try
        {
            using var connection = new SqliteConnection(AuditChain.ReadOnlyConnectionString(path, pooling: false));
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = AuditSchema.SelectFrom;
            command.Parameters.AddWithValue("$from", from);
            command.Parameters.AddWithValue("$max", max);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!AuditRows.TryRead(reader, out var entry, out var problem))
                {
                    throw new AuditChainException($"An entry from {from} on of {path} cannot be read: {problem}.");
                }

                page.Add(entry);
            }
        }
        catch (SqliteException ex)
        {
            throw new AuditChainException($"The audit database {path} cannot be read: {ex.Message}", ex);
        }

        return page;
    }
}
