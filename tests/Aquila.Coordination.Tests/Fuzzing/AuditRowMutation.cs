using Microsoft.Data.Sqlite;

namespace Aquila.Coordination.Tests.Fuzzing;

/// <summary>
/// One change to the audit_entries table that an operator with write access to the SQLite file could make (the
/// append-only triggers dropped first), or raw bytes flipped in the file itself.
/// </summary>
internal abstract record AuditRowMutation
{
    /// <summary>Applies the change; false when SQLite refused it (a constraint), so there is nothing to check.</summary>
    public abstract bool Apply(string path);

    /// <summary>True for changes below SQL (the file's bytes): the database may no longer open at all.</summary>
    public virtual bool IsRawFile => false;

    protected static bool Execute(string path, string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        // No fsync: the file is thrown away after the case, and waiting for the disk would only slow the fuzzing down.
        command.CommandText = "PRAGMA synchronous = OFF; DROP TRIGGER IF EXISTS audit_entries_no_update; DROP TRIGGER IF EXISTS audit_entries_no_delete; " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        try
        {
            command.ExecuteNonQuery();
            return true;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 19 or 20)
        {
            // SQLITE_CONSTRAINT (NOT NULL, primary key) or SQLITE_MISMATCH (a STRICT column's type): SQLite refused it.
            return false;
        }
    }
}

/// <summary>Sets one column of one entry.</summary>
internal sealed record SetColumn(long Sequence, string Column, object? Value) : AuditRowMutation
{
    public override bool Apply(string path) =>
        Execute(path, $"UPDATE audit_entries SET {Column} = $value WHERE sequence = $sequence", ("$value", Value), ("$sequence", Sequence));

    public override string ToString() => $"SetColumn {{ Sequence = {Sequence}, Column = {Column}, Value = {Describe(Value)} }}";

    private static string Describe(object? value) => value switch
    {
        null => "NULL",
        byte[] bytes => "x'" + Convert.ToHexString(bytes) + "'",
        string text => "'" + (text.Length > 60 ? text[..60] + "…" : text) + "'",
        _ => value.ToString() ?? "",
    };
}

/// <summary>Deletes one entry.</summary>
internal sealed record DeleteEntry(long Sequence) : AuditRowMutation
{
    public override bool Apply(string path) => Execute(path, "DELETE FROM audit_entries WHERE sequence = $sequence", ("$sequence", Sequence));
}

/// <summary>Swaps the content (everything but the sequence number) of two entries: a reordering.</summary>
internal sealed record SwapEntries(long First, long Second) : AuditRowMutation
{
    public override bool Apply(string path) => Execute(path, """
        CREATE TEMP TABLE swap AS SELECT * FROM audit_entries WHERE sequence IN ($a, $b);
        UPDATE audit_entries SET (timestamp_ms, kind, actor, project_id, subject, details, prev_hash, hash) =
            (SELECT timestamp_ms, kind, actor, project_id, subject, details, prev_hash, hash FROM swap
             WHERE swap.sequence = CASE audit_entries.sequence WHEN $a THEN $b ELSE $a END)
        WHERE sequence IN ($a, $b);
        """, ("$a", First), ("$b", Second));
}

/// <summary>Copies an entry to a new sequence number (an insertion).</summary>
internal sealed record CopyEntry(long Sequence, long To) : AuditRowMutation
{
    public override bool Apply(string path) => Execute(path, """
        INSERT INTO audit_entries SELECT $to, timestamp_ms, kind, actor, project_id, subject, details, prev_hash, hash
        FROM audit_entries WHERE sequence = $sequence;
        """, ("$to", To), ("$sequence", Sequence));
}

/// <summary>Edits an entry's details and then recomputes every hash, so the chain is consistent again: only the nodes' saved heads can tell.</summary>
internal sealed record EditAndRehash(long Sequence, string Details) : AuditRowMutation
{
    public override bool Apply(string path)
    {
        if (!Execute(path, "UPDATE audit_entries SET details = $details WHERE sequence = $sequence", ("$details", Details), ("$sequence", Sequence)))
        {
            return false;
        }

        try
        {
            Audit.AuditTestSupport.RehashAll(path);
            return true;
        }
        catch (Aquila.Coordination.Audit.AuditChainException)
        {
            // The edit made the row unreadable, so it cannot be rehashed: the plain edit stands (still a mutation).
            return true;
        }
    }
}

/// <summary>Flips one bit of the database file itself.</summary>
internal sealed record FlipFileBit(int Position, int Bit) : AuditRowMutation
{
    public override bool IsRawFile => true;

    public override bool Apply(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[Position % bytes.Length] ^= (byte)(1 << Bit);
        File.WriteAllBytes(path, bytes);
        return true;
    }
}
