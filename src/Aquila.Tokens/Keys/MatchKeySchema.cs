using System.Security.Cryptography;
using System.Text.Json;

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
    private static readonly Lazy<MatchKeySchema> DefaultSchema = new(LoadDefault);

    private MatchKeySchema(int version, IReadOnlyList<MatchKey> keys, byte[] hash, string source)
    {
        Version = version;
        Keys = keys;
        Hash = hash;
        Source = source;
    }

    /// <summary>The schema shipped with Aquila.</summary>
    public static MatchKeySchema Default => DefaultSchema.Value;

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

            var keys = ParseKeys(keysElement, sourceName);
            return new MatchKeySchema(version, keys, hash, sourceName);
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

    private static List<MatchKey> ParseKeys(JsonElement keysElement, string sourceName)
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

            var fields = ParseFields(keyElement, id, sourceName);
            CheckPrivacyRules(id, band, fields, sourceName);
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

    private static MatchField[] ParseFields(JsonElement keyElement, string id, string sourceName)
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

            if (Array.IndexOf(fields, field, 0, i) >= 0)
            {
                throw Invalid(sourceName, $"key '{id}': field '{fieldName}' appears twice");
            }

            fields[i++] = field;
        }

        return fields;
    }

    // The rules of DESIGN.md §2 and §3 that a schema must never break, whoever writes it.
    private static void CheckPrivacyRules(string id, MatchBand band, MatchField[] fields, string sourceName)
    {
        var nameBased = false;
        var dated = false;
        var distinguishing = false;
        var separatesSiblings = false;
        foreach (var field in fields)
        {
            nameBased |= MatchFieldNames.IsNameBased(field);
            dated |= field is MatchField.Dob or MatchField.BirthYear;
            distinguishing |= MatchFieldNames.IsDistinguishing(field);
            separatesSiblings |= MatchFieldNames.SeparatesSiblings(field);
        }

        if (fields.Length == 1 && fields[0] != MatchField.NationalId)
        {
            throw Invalid(sourceName,
                $"key '{id}': a single-field key is only allowed for national_id (no single-field tokens)");
        }

        if (!distinguishing)
        {
            throw Invalid(sourceName, $"key '{id}': needs a name field, a national id or a document number");
        }

        if (nameBased && !dated)
        {
            throw Invalid(sourceName, $"key '{id}': a name-based key must include dob or birth_year");
        }

        if (band == MatchBand.Strong && !separatesSiblings)
        {
            throw Invalid(sourceName,
                $"key '{id}': a strong key needs name, given, national_id or document_number (twins and siblings share the rest)");
        }
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

    private static MatchKeySchema LoadDefault()
    {
        using var stream = typeof(MatchKeySchema).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The built-in schema resource '{DefaultResource}' is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), "built-in v1");
    }
}
