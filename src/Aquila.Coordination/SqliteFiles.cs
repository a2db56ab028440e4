using Microsoft.Data.Sqlite;

namespace Aquila.Coordination;

/// <summary>Opens the coordination module's SQLite files the same way everywhere.</summary>
internal static class SqliteFiles
{
    /// <summary>
    /// Opens (creating it and its folder when missing) the database at <paramref name="fullPath"/> for reading and
    /// writing, on a connection of its own (no pooling: one writer owns it).
    /// </summary>
    public static async Task<SqliteConnection> OpenReadWriteAsync(string fullPath, bool foreignKeys, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            ForeignKeys = foreignKeys,
        }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
