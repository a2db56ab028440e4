using Microsoft.Data.Sqlite;

namespace Aquila.Testing;

/// <summary>SQL run on a database file through a connection of its own (not pooled), as another process would run it.</summary>
public static class SqliteScript
{
    /// <summary>Runs <paramref name="sql"/> (one or more statements) on the SQLite file at <paramref name="path"/>.</summary>
    public static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
