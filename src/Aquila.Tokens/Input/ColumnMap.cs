using System.Text;
using System.Text.Json;

namespace Aquila.Tokens.Input;

/// <summary>
/// Which source header holds each canonical field of a record type (<see cref="PersonField"/>,
/// <see cref="VehicleField"/>). Headers are matched case-insensitively after trimming. Fields a map does not name keep
/// their canonical snake_case header. A map that names only record_id and subject_category fits every record type;
/// otherwise the field names tell the type, and a reader refuses a map of another type.
/// </summary>
public sealed class ColumnMap
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, string> _headers;
    private readonly RecordType[] _types;

    private ColumnMap(Dictionary<string, string> headers, RecordType[] types)
    {
        _headers = headers;
        _types = types;
    }

    /// <summary>The map where every field of every record type has its canonical snake_case header.</summary>
    public static ColumnMap Default { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal), [.. RecordTypes.All]);

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
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
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

        var types = TypesWithAll(headers.Keys);
        if (types.Length == 0)
        {
            throw new ColumnMapException(sourceName, null,
                $"names fields of more than one record type (person: {string.Join(", ", RecordTypes.FieldNames(RecordType.Person))}; "
                + $"vehicle: {string.Join(", ", RecordTypes.FieldNames(RecordType.Vehicle))})");
        }

        foreach (var type in types)
        {
            CheckDistinctTargets(sourceName, headers, lines, RecordTypes.FieldNames(type));
        }

        return new ColumnMap(headers, types);
    }

    /// <summary>The source header that holds <paramref name="field"/>.</summary>
    public string HeaderFor(PersonField field) => HeaderFor(PersonFieldNames.CanonicalName(field));

    /// <summary>The source header that holds <paramref name="field"/>.</summary>
    public string HeaderFor(VehicleField field) => HeaderFor(RecordTypes.FieldNames(RecordType.Vehicle)[(int)field]);

    /// <summary>True when every field the map names is a field of <paramref name="type"/> records.</summary>
    public bool Fits(RecordType type) => Array.IndexOf(_types, type) >= 0;

    /// <summary>The source header of the field with canonical name <paramref name="canonicalName"/>.</summary>
    internal string HeaderFor(string canonicalName) => _headers.TryGetValue(canonicalName, out var header) ? header : canonicalName;

    private static RecordType[] TypesWithAll(IEnumerable<string> names)
    {
        var types = new List<RecordType>();
        foreach (var type in RecordTypes.All)
        {
            var fields = RecordTypes.FieldNames(type);
            if (names.All(name => fields.Contains(name)))
            {
                types.Add(type);
            }
        }

        return [.. types];
    }

    private static bool TryCanonical(string name, out string canonical)
    {
        foreach (var type in RecordTypes.All)
        {
            foreach (var field in RecordTypes.FieldNames(type))
            {
                if (string.Equals(field, name, StringComparison.OrdinalIgnoreCase))
                {
                    canonical = field;
                    return true;
                }
            }
        }

        canonical = "";
        return false;
    }

    private static void ReadObject(byte[] bytes, string sourceName, Dictionary<string, string> headers, Dictionary<string, long> lines)
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
            if (!TryCanonical(name, out var field))
            {
                throw new ColumnMapException(sourceName, line,
                    $"unknown field '{name}'; known fields: {string.Join(", ", RecordTypes.FieldNames(RecordType.Person))} "
                    + $"(vehicle records: {string.Join(", ", RecordTypes.FieldNames(RecordType.Vehicle))})");
            }

            if (lines.TryGetValue(field, out var firstLine))
            {
                throw new ColumnMapException(sourceName, line,
                    $"field '{field}' is mapped twice (first on line {firstLine})");
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new ColumnMapException(sourceName, line,
                    $"the value for '{field}' must be a string (a header name), not {Describe(reader.TokenType)}");
            }

            var header = (reader.GetString() ?? string.Empty).Trim();
            if (header.Length == 0)
            {
                throw new ColumnMapException(sourceName, line,
                    $"the header for '{field}' is blank");
            }

            headers[field] = header;
            lines[field] = line;
        }

        // Anything after the closing brace makes the reader throw a JsonException with its position.
        while (reader.Read())
        {
        }
    }

    private static void CheckDistinctTargets(string sourceName, Dictionary<string, string> mapped, Dictionary<string, long> lines,
        IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            for (var j = i + 1; j < fields.Count; j++)
            {
                var first = mapped.GetValueOrDefault(fields[i], fields[i]);
                var second = mapped.GetValueOrDefault(fields[j], fields[j]);
                if (string.Equals(first, second, StringComparison.OrdinalIgnoreCase))
                {
                    var line = Math.Max(lines.GetValueOrDefault(fields[i]), lines.GetValueOrDefault(fields[j]));
                    throw new ColumnMapException(sourceName, line == 0 ? null : line,
                        $"fields '{fields[i]}' and '{fields[j]}' both read header '{second}' (a field not in the map keeps its canonical header)");
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
}
