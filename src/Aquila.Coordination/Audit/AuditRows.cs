using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Aquila.Coordination.Audit;

// Reads rows of audit_entries defensively (a tampered row may hold anything) and writes new ones.
internal static class AuditRows
{
    // Reads the row at the reader's position. On failure, problem names the damaged column, never its content.
    public static bool TryRead(
        SqliteDataReader reader,
        [NotNullWhen(true)] out AuditEntry? entry,
        [NotNullWhen(false)] out string? problem)
    {
        entry = null;
        if (reader.GetValue(0) is not long sequence)
        {
            problem = "its sequence is not an integer";
            return false;
        }

        if (reader.GetValue(1) is not long timestampMs
            || timestampMs < DateTimeOffset.MinValue.ToUnixTimeMilliseconds()
            || timestampMs > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            problem = "its timestamp is not a valid time";
            return false;
        }

        if (reader.GetValue(2) is not string kind)
        {
            problem = "its kind is not text";
            return false;
        }

        if (reader.GetValue(3) is not string actorText || !AuditActor.TryParse(actorText, out var actor))
        {
            problem = "its actor is not a party/role, 'anonymous' or 'system'";
            return false;
        }

        if (!TryReadOptionalText(reader, 4, out var projectId) || !TryReadOptionalText(reader, 5, out var subject))
        {
            problem = "its project id or subject is not text";
            return false;
        }

        if (reader.GetValue(6) is not string detailsJson || !AuditDetailsJson.TryRead(detailsJson, out var details))
        {
            problem = "its details are not a JSON object of distinct string values";
            return false;
        }

        if (reader.GetValue(7) is not byte[] { Length: AuditHash.Length } prevHash
            || reader.GetValue(8) is not byte[] { Length: AuditHash.Length } hash)
        {
            problem = "its prev hash or hash is not 32 bytes";
            return false;
        }

        entry = new AuditEntry(
            sequence,
            DateTimeOffset.FromUnixTimeMilliseconds(timestampMs),
            kind,
            actor,
            projectId,
            subject,
            details,
            AuditHash.FromBytes(prevHash),
            AuditHash.FromBytes(hash));
        problem = null;
        return true;
    }

    // For listing and lookups, where a damaged row cannot be skipped silently.
    public static AuditEntry Read(SqliteDataReader reader)
    {
        if (TryRead(reader, out var entry, out var problem))
        {
            return entry;
        }

        var sequence = reader.GetValue(0) is long value ? value : -1;
        throw new AuditChainException(
            $"Audit entry {sequence} is damaged: {problem}. Run `aquila audit verify` on the database.");
    }

    private static bool TryReadOptionalText(SqliteDataReader reader, int ordinal, out string? text)
    {
        var value = reader.GetValue(ordinal);
        text = value as string;
        return value is DBNull || text is not null;
    }
}
