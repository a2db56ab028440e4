using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Aquila.Coordination.Audit;

// The stored form of an entry's details: a JSON object with keys in ordinal order, readable with the sqlite3 shell.
// It is only storage: hashes are computed over the canonical encoding, so how JSON escapes a character does not matter.
internal static class AuditDetailsJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // The audit chain's single writer thread writes every row: its buffer and writer are kept between rows, so a row costs
    // the returned string only (a fresh buffer grew several times per query entry).
    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static string Write(IReadOnlyDictionary<string, string> details) => System.Text.Encoding.UTF8.GetString(WriteUtf8(details));

    // The JSON text as UTF-8, in this thread's buffer: valid until the thread's next call.
    public static ReadOnlySpan<byte> WriteUtf8(IReadOnlyDictionary<string, string> details)
    {
        var buffer = t_buffer ??= new System.Buffers.ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        writer.WriteStartObject();
        if (details is AuditDetails sorted)
        {
            foreach (var (key, value) in sorted.Pairs)
            {
                writer.WriteString(key, value);
            }
        }
        else
        {
            foreach (var (key, value) in details)
            {
                writer.WriteString(key, value);
            }
        }

        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenSpan;
    }

    // Strict: an object of string values with distinct keys, nothing else. Anything else is a damaged row.
    public static bool TryRead(string json, [NotNullWhen(true)] out IReadOnlyDictionary<string, string>? details)
    {
        details = null;
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                if (!reader.Read() || reader.TokenType != JsonTokenType.String || !builder.TryAdd(key, reader.GetString()!))
                {
                    return false;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        details = builder.ToImmutable();
        return true;
    }
}
