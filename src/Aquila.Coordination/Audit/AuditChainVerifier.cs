using Microsoft.Data.Sqlite;

namespace Aquila.Coordination.Audit;

/// <summary>Verifies an audit database without a running server: what <c>aquila audit verify --db FILE [--heads FILE]</c> calls.</summary>
public static class AuditChainVerifier
{
    /// <summary>
    /// Opens <paramref name="databasePath"/> read-only and checks every entry's number, link and hash, and that the
    /// chain contains every head in <paramref name="savedHeads"/> (the heads nodes kept from their receipts). Without
    /// saved heads, entries removed from the end of the chain cannot be detected: pass them whenever you have them.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="AuditChainException">The file is no SQLite database or holds no audit chain.</exception>
    public static AuditVerification Verify(
        string databasePath, IEnumerable<AuditHead>? savedHeads = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var path = Path.GetFullPath(databasePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The audit database {path} does not exist.", path);
        }

        try
        {
            using var connection = new SqliteConnection(AuditChain.ReadOnlyConnectionString(path, pooling: false));
            connection.Open();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = AuditSchema.TableExists;
                if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    throw new AuditChainException(
                        $"The database {path} holds no Aquila audit chain (table {AuditSchema.Table} is missing).");
                }
            }

            return AuditChainScanner.Scan(connection, savedHeads, cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw new AuditChainException($"The audit database {path} cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Reads entry <paramref name="sequence"/> of an audit database, read-only; null when there is none.</summary>
    /// <exception cref="AuditChainException">The file cannot be read or the entry is malformed.</exception>
    public static AuditEntry? ReadEntry(string databasePath, long sequence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var page = AuditEntryReader.ReadPage(Path.GetFullPath(databasePath), sequence, 1);
        return page.Count == 1 && page[0].Sequence == sequence ? page[0] : null;
    }
}
