using System.Security.Cryptography;
using System.Text.Json;
using Aquila.Tokens.Input;

namespace Aquila.Tokens.Keys;

/// <summary>
/// A versioned match-key schema: data, not code. Its identity is the SHA-256 of the file's exact bytes, which a
/// project pins so every party tokenises with the same keys.
/// </summary>
public sealed class MatchKeySchema
{
    /// <summary>Most keys a schema may have (hits carry agreeing keys as a 64-bit mask).</summary>
    public const int MaxKeys = 64;

    /// <summary>Most fields a key may have: each field at most once.</summary>
    public const int MaxFields = 16;

    private const string SchemaName = "aquila-match-keys";
    private const string DefaultResource = "Aquila.Tokens.Schema.match-keys-v1.json";
    private const string VehiclesResource = "Aquila.Tokens.Schema.vehicles-v1.json";
    private static readonly Lazy<MatchKeySchema> DefaultSchema = new(() => LoadBuiltIn(DefaultResource, "built-in v1"));
    private static readonly Lazy<MatchKeySchema> VehiclesSchema = new(() => LoadBuiltIn(VehiclesResource, "built-in vehicles-v1"));

    private MatchKeySchema(RecordType recordType, int version, IReadOnlyList<MatchKey> keys, ScoringSpec? scoring, byte[] hash, string source)
    {
        RecordType = recordType;
        Scoring = scoring;
        Version = version;
        Keys = keys;
        Hash = hash;
        Source = source;
    }

    /// <summary>The person schema shipped with Aquila.</summary>
    public static MatchKeySchema Default => DefaultSchema.Value;

    /// <summary>The vehicle schema shipped with Aquila (vehicles-v1.json).</summary>
    public static MatchKeySchema Vehicles => VehiclesSchema.Value;

    /// <summary>The built-in schema of a record type.</summary>
    public static MatchKeySchema BuiltIn(RecordType type) => type == RecordType.Vehicle ? Vehicles : Default;

    /// <summary>The record type of the built-in schema whose hash is <paramref name="hashHex"/>; null for any other schema.</summary>
    public static RecordType? BuiltInRecordType(string hashHex) =>
        string.Equals(hashHex, Default.HashHex, StringComparison.OrdinalIgnoreCase) ? RecordType.Person
        : string.Equals(hashHex, Vehicles.HashHex, StringComparison.OrdinalIgnoreCase) ? RecordType.Vehicle
        : null;

    /// <summary>
    /// The type of the records this schema's keys are built from ("record_type" in the file; person when absent). A
    /// project or list pins one schema, hence one record type.
    /// </summary>
    public RecordType RecordType { get; }

    /// <summary>
    /// Stage 2 (the <c>"scoring"</c> object): candidate blocks, fanout cap and band thresholds; null when the schema
    /// matches by stage-1 keys alone.
    /// </summary>
    public ScoringSpec? Scoring { get; }

    /// <summary>Schema version, part of every token's HMAC input.</summary>
    public int Version { get; }

    /// <summary>The keys in file order; <see cref="MatchKey.Index"/> is the position here.</summary>
    public IReadOnlyList<MatchKey> Keys { get; }

    /// <summary>SHA-256 of the schema file's bytes: the schema's identity.</summary>
    public ReadOnlyMemory<byte> Hash { get; }

    /// <summary>Lower-case hex of <see cref="Hash"/>.</summary>
    public string HashHex => Convert.ToHexStringLower(Hash.Span);

    /// <summary>Where the schema came from (a path or "built-in").</summary>
    public string Source { get; }

    /// <summary>Loads a schema file; throws <see cref="MatchKeySchemaException"/> naming the file and the problem.</summary>
    public static MatchKeySchema Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MatchKeySchemaException($"Schema file '{path}' cannot be read: {e.Message}", e);
        }

        return Parse(bytes, path);
    }

    /// <summary>Parses and validates schema bytes.</summary>
    public static MatchKeySchema Parse(ReadOnlySpan<byte> utf8Json, string sourceName)
    {
        var hash = SHA256.HashData(utf8Json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw Invalid(sourceName, $"not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(sourceName, "the top level must be a JSON object");
            }

            if (!root.TryGetProperty("schema", out var name) || name.ValueKind != JsonValueKind.String
                || name.GetString() != SchemaName)
            {
                throw Invalid(sourceName, $"\"schema\" must be \"{SchemaName}\"");
            }

            if (!root.TryGetProperty("version", out var versionElement) || !versionElement.TryGetInt32(out var version)
                || version < 1 || version > ushort.MaxValue)
            {
                throw Invalid(sourceName, "\"version\" must be a whole number from 1 to 65535");
            }

            if (!root.TryGetProperty("keys", out var keysElement) || keysElement.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(sourceName, "\"keys\" must be an array");
            }

            var recordType = RecordType.Person;
            if (root.TryGetProperty("record_type", out var typeElement)
                && (typeElement.ValueKind != JsonValueKind.String || !RecordTypes.TryParse(typeElement.GetString(), out recordType)))
            {
                throw Invalid(sourceName, "\"record_type\" must be \"person\" or \"vehicle\"");
            }

            var keys = ParseKeys(keysElement, recordType, sourceName);
            var scoring = root.TryGetProperty("scoring", out var scoringElement)
                ? ScoringSpec.Parse(scoringElement, recordType, problem => Invalid(sourceName, problem))
                : null;
            return new MatchKeySchema(recordType, version, keys, scoring, hash, sourceName);
        }
    }

    /// <summary>Finds a key by id, or null.</summary>
    public MatchKey? Find(string id)
    {
        foreach (var key in Keys)
        {
            if (key.Id == id)
            {
                return key;
            }
        }

        return null;
    }

    private static List<MatchKey> ParseKeys(JsonElement keysElement, RecordType recordType, string sourceName)
    {
        var keys = new List<MatchKey>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keyElement in keysElement.EnumerateArray())
        {
            var position = keys.Count + 1;
            if (keyElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(sourceName, $"key #{position} must be an object");
            }

            var id = RequiredString(keyElement, "id", position, sourceName);
            if (!IsValidKeyId(id))
            {
                throw Invalid(sourceName, $"key #{position}: id must be 1-32 characters of a-z, 0-9 and _");
            }

            if (!ids.Add(id))
            {
                throw Invalid(sourceName, $"key '{id}' appears twice");
            }

            var band = RequiredString(keyElement, "band", position, sourceName) switch
            {
                "strong" => MatchBand.Strong,
                "probable" => MatchBand.Probable,
                "possible" => MatchBand.Possible,
                _ => throw Invalid(sourceName, $"key '{id}': band must be strong, probable or possible"),
            };

            var fields = ParseFields(keyElement, id, recordType, sourceName);
            if (SchemaPrivacyRules.Broken(recordType, band, fields) is { } broken)
            {
                throw Invalid(sourceName, $"key '{id}': {broken}");
            }

            keys.Add(new MatchKey(keys.Count, id, band, fields));
        }

        if (keys.Count == 0)
        {
            throw Invalid(sourceName, "the schema has no keys");
        }

        if (keys.Count > MaxKeys)
        {
            throw Invalid(sourceName, $"the schema has {keys.Count} keys; at most {MaxKeys} are allowed");
        }

        return keys;
    }

    private static MatchField[] ParseFields(JsonElement keyElement, string id, RecordType recordType, string sourceName)
    {
        if (!keyElement.TryGetProperty("fields", out var fieldsElement) || fieldsElement.ValueKind != JsonValueKind.Array
            || fieldsElement.GetArrayLength() == 0)
        {
            throw Invalid(sourceName, $"key '{id}': \"fields\" must be a non-empty array");
        }

        var fields = new MatchField[fieldsElement.GetArrayLength()];
        var i = 0;
        foreach (var fieldElement in fieldsElement.EnumerateArray())
        {
            var fieldName = fieldElement.ValueKind == JsonValueKind.String ? fieldElement.GetString()! : "";
            if (!MatchFieldNames.TryParse(fieldName, out var field))
            {
                throw Invalid(sourceName, $"key '{id}': unknown field '{fieldName}'");
            }

            if (MatchFieldNames.RecordTypeOf(field) != recordType)
            {
                throw Invalid(sourceName,
                    $"key '{id}': field '{fieldName}' belongs to {RecordTypes.Name(MatchFieldNames.RecordTypeOf(field))} records, the schema's record_type is {RecordTypes.Name(recordType)}");
            }

            if (Array.IndexOf(fields, field, 0, i) >= 0)
            {
                throw Invalid(sourceName, $"key '{id}': field '{fieldName}' appears twice");
            }

            fields[i++] = field;
        }

        return fields;
    }

    private static string RequiredString(JsonElement element, string property, int position, string sourceName)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw Invalid(sourceName, $"key #{position}: \"{property}\" must be a string");
        }

        return value.GetString()!;
    }

    private static bool IsValidKeyId(string id)
    {
        if (id.Length is 0 or > 32)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static MatchKeySchemaException Invalid(string sourceName, string problem) =>
        new($"Schema '{sourceName}' is invalid: {problem}.");

    private static MatchKeySchema LoadBuiltIn(string resource, string source)
    {
        using var stream = typeof(MatchKeySchema).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The built-in schema resource '{resource}' is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), source);
    }
}
