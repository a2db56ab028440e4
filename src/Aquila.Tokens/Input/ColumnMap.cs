using System.Text;
using System.Text.Json;

namespace Aquila.Tokens.Input;

/// <summary>
/// Which source header holds each canonical <see cref="PersonField"/>. Headers are matched case-insensitively after
/// trimming. Fields a map does not name keep their canonical snake_case header.
/// </summary>
public sealed class ColumnMap
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly string[] _headers;

    private ColumnMap(string[] headers) => _headers = headers;

    /// <summary>The map where every field has its canonical snake_case header (record_id, family_name, …).</summary>
    public static ColumnMap Default { get; } = new(CanonicalHeaders());

    /// <summary>
    /// Reads a column map from a JSON file: an object from canonical field name to the header used in the source
    /// file, e.g. <c>{"record_id": "ID", "family_name": "PREZIME"}</c>. Comments and trailing commas are allowed.
    /// </summary>
    /// <exception cref="ColumnMapException">The file cannot be read or the map is invalid.</exception>
    public static ColumnMap Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ColumnMapException(path, null, $"cannot read the column map file: {ex.Message}", ex);
        }

        return Parse(json, path);
    }

    /// <summary>Parses a column map from JSON text; <paramref name="sourceName"/> is used in error messages.</summary>
    /// <exception cref="ColumnMapException">
    /// Invalid JSON, not an object, an unknown canonical field name, a field named twice, a value that is not a
    /// non-blank string, or two fields mapped to the same header.
    /// </exception>
    public static ColumnMap Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new ColumnMapException(sourceName, null, "is empty; expected a JSON object such as {\"record_id\": \"ID\"}");
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        var headers = CanonicalHeaders();
        var lines = new long[PersonFieldNames.Count];
        try
        {
            ReadObject(bytes, sourceName, headers, lines);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber + 1;
            var position = ex.BytePositionInLine + 1;
            throw new ColumnMapException(sourceName, line, $"not valid JSON (near byte {position} of the line)", ex);
        }

        CheckDistinctTargets(sourceName, headers, lines);
        return new ColumnMap(headers);
    }

    /// <summary>The source header that holds <paramref name="field"/>.</summary>
    public string HeaderFor(PersonField field) => _headers[(int)field];

    private static void ReadObject(byte[] bytes, string sourceName, string[] headers, long[] lines)
    {
        var reader = new Utf8JsonReader(bytes, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ColumnMapException(sourceName, LineOf(bytes, reader.TokenStartIndex),
                "expected a JSON object from canonical field name to source header, such as {\"record_id\": \"ID\"}");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var line = LineOf(bytes, reader.TokenStartIndex);
            var name = reader.GetString() ?? string.Empty;
            if (!PersonFieldNames.TryParse(name, out var field))
            {
                throw new ColumnMapException(sourceName, line,
                    $"unknown field '{name}'; known fields: {string.Join(", ", KnownNames())}");
            }

            var index = (int)field;
            if (lines[index] != 0)
            {
                throw new ColumnMapException(sourceName, line,
                    $"field '{PersonFieldNames.CanonicalName(field)}' is mapped twice (first on line {lines[index]})");
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new ColumnMapException(sourceName, line,
                    $"the value for '{PersonFieldNames.CanonicalName(field)}' must be a string (a header name), not {Describe(reader.TokenType)}");
            }

            var header = (reader.GetString() ?? string.Empty).Trim();
            if (header.Length == 0)
            {
                throw new ColumnMapException(sourceName, line,
                    $"the header for '{PersonFieldNames.CanonicalName(field)}' is blank");
            }

            headers[index] = header;
            lines[index] = line;
        }

        // Anything after the closing brace makes the reader throw a JsonException with its position.
        while (reader.Read())
        {
        }
    }

    private static void CheckDistinctTargets(string sourceName, string[] headers, long[] lines)
    {
        for (var i = 0; i < headers.Length; i++)
        {
            for (var j = i + 1; j < headers.Length; j++)
            {
                if (string.Equals(headers[i], headers[j], StringComparison.OrdinalIgnoreCase))
                {
                    var line = Math.Max(lines[i], lines[j]);
                    var first = PersonFieldNames.CanonicalName((PersonField)i);
                    var second = PersonFieldNames.CanonicalName((PersonField)j);
                    throw new ColumnMapException(sourceName, line == 0 ? null : line,
                        $"fields '{first}' and '{second}' both read header '{headers[j]}' (a field not in the map keeps its canonical header)");
                }
            }
        }
    }

    private static long LineOf(byte[] bytes, long offset)
    {
        var span = bytes.AsSpan(0, (int)Math.Min(offset, bytes.Length));
        return span.Count((byte)'\n') + 1;
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => "this token",
    };

    private static string[] CanonicalHeaders()
    {
        var headers = new string[PersonFieldNames.Count];
        for (var i = 0; i < headers.Length; i++)
        {
            headers[i] = PersonFieldNames.CanonicalName((PersonField)i);
        }

        return headers;
    }

    private static string[] KnownNames() => CanonicalHeaders();
}
