using Microsoft.Data.Sqlite;

namespace Aquila.Node.Inbox;

// The notifier's side: hits after an arrival number, counts per state of one project, and how far notices went out.
public sealed partial class InboxStore
{
    internal const string NotificationSchema = "CREATE TABLE IF NOT EXISTS notified (id INTEGER PRIMARY KEY CHECK (id = 1), arrival INTEGER NOT NULL);";

    /// <summary>The arrival number up to which notices went out. The first time, the newest arrival: older hits are not announced.</summary>
    public long NotifiedUpTo()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT arrival FROM notified WHERE id = 1";
        if (command.ExecuteScalar() is long arrival)
        {
            return arrival;
        }

        var last = LastArrival();
        SetNotifiedUpTo(last);
        return last;
    }

    /// <summary>Records that notices went out up to <paramref name="arrival"/>.</summary>
    public void SetNotifiedUpTo(long arrival)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO notified (id, arrival) VALUES (1, $a) ON CONFLICT (id) DO UPDATE SET arrival = MAX(arrival, excluded.arrival)";
        command.Parameters.AddWithValue("$a", arrival);
        command.ExecuteNonQuery();
    }

    /// <summary>Up to <paramref name="limit"/> hits that arrived after <paramref name="arrival"/>, oldest first.</summary>
    public IReadOnlyList<InboxHit> ArrivalsAfter(long arrival, int limit)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM hits WHERE arrival > $a ORDER BY arrival LIMIT $limit";
        command.Parameters.AddWithValue("$a", arrival);
        command.Parameters.AddWithValue("$limit", limit);
        return ReadAll(command);
    }

    /// <summary>How many hits of one project are in each state.</summary>
    public IReadOnlyDictionary<string, long> CountsByState(string project)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, COUNT(*) FROM hits WHERE project = $p GROUP BY state";
        command.Parameters.AddWithValue("$p", project);
        return ReadCounts(command);
    }

    private static Dictionary<string, long> ReadCounts(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var counts = HitState.All.ToDictionary(s => s, _ => 0L);
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }
}
