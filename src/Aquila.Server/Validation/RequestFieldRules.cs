using System.Collections;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Aquila.Server.Validation;

/// <summary>
/// The one check of every request's fields, run on each message of each call (unary and streamed) before a service
/// sees it, so nothing unchecked reaches a log line or the audit chain: identifiers are short ASCII codes, batch ids
/// are 16 bytes, other text is bounded and free of control and formatting characters (no ANSI escapes, no bidi
/// overrides). The rules go by field name, so a new message is covered without being listed.
/// </summary>
internal static class RequestFieldRules
{
    /// <summary>Longest identifier (project id, party code).</summary>
    public const int MaxIdLength = 128;

    /// <summary>Longest free text field (references, officer ids, reasons).</summary>
    public const int MaxTextLength = 1024;

    /// <summary>Longest document field (JSON, Markdown), well under the 4 MiB message limit.</summary>
    public const int MaxDocumentLength = 1 << 20;

    /// <summary>Length of a batch id in bytes.</summary>
    public const int BatchIdLength = 16;

    private const int MaxDepth = 8;
    private const int PreviewLength = 40;

    /// <summary>The first problem in <paramref name="message"/>, or null when every field is allowed.</summary>
    public static RequestFieldProblem? Check(IMessage message) => Check(message, "", 0);

    /// <summary>A value made safe to audit: at most 40 characters of printable ASCII ('?' for anything else) and its length.</summary>
    public static string Preview(string value)
    {
        var builder = new StringBuilder(PreviewLength + 32);
        for (var i = 0; i < value.Length && i < PreviewLength; i++)
        {
            builder.Append(value[i] is >= ' ' and <= '~' ? value[i] : '?');
        }

        return value.Length > PreviewLength
            ? builder.Append("... (").Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(" characters)").ToString()
            : builder.ToString();
    }

    /// <summary>Bytes made safe to audit: hex of at most 16 of them and the length.</summary>
    public static string Preview(ReadOnlySpan<byte> value) =>
        Convert.ToHexStringLower(value[..Math.Min(value.Length, 16)])
        + (value.Length > 16 ? "... (" : " (") + value.Length.ToString(CultureInfo.InvariantCulture) + " bytes)";

    private static RequestFieldProblem? Check(IMessage message, string prefix, int depth)
    {
        if (depth > MaxDepth)
        {
            return new RequestFieldProblem(prefix.TrimEnd('.'), "messages are nested too deeply", "");
        }

        // Indexed, not foreach: the list is an interface, whose enumerator would be one allocation per message of every call.
        var fields = message.Descriptor.Fields.InFieldNumberOrder();
        for (var f = 0; f < fields.Count; f++)
        {
            var field = fields[f];
            if (field.IsMap || field.FieldType is not (FieldType.String or FieldType.Bytes or FieldType.Message))
            {
                continue;
            }

            if (field.ContainingOneof is { } oneof && oneof.Accessor.GetCaseFieldDescriptor(message) != field)
            {
                continue;
            }

            var value = field.Accessor.GetValue(message);
            var problem = field.IsRepeated
                ? CheckEach(field, (IList)value, prefix, depth)
                : CheckOne(field, value, prefix + field.Name, depth);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static RequestFieldProblem? CheckEach(FieldDescriptor field, IList values, string prefix, int depth)
    {
        for (var i = 0; i < values.Count; i++)
        {
            var problem = CheckOne(field, values[i], prefix + field.Name + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", depth);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static RequestFieldProblem? CheckOne(FieldDescriptor field, object? value, string path, int depth) => value switch
    {
        null => null,
        IMessage nested => Check(nested, path + ".", depth + 1),
        string text => CheckText(field.Name, text, path),
        ByteString bytes => CheckBytes(field.Name, bytes, path),
        _ => null,
    };

    private static RequestFieldProblem? CheckText(string name, string text, string path)
    {
        if (IsIdentifier(name))
        {
            if (text.Length > MaxIdLength)
            {
                return new(path, $"it is {text.Length} characters long; at most {MaxIdLength} are allowed", Preview(text));
            }

            foreach (var c in text)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
                {
                    return new(path, "only ASCII letters, digits, '.', '_' and '-' are allowed", Preview(text));
                }
            }

            return null;
        }

        var limit = IsDocument(name) ? MaxDocumentLength : MaxTextLength;
        if (text.Length > limit)
        {
            return new(path, $"it is {text.Length} characters long; at most {limit} are allowed", Preview(text));
        }

        if (IsDocument(name))
        {
            return null; // parsed as JSON or shown as Markdown, never written whole into a log line
        }

        foreach (var c in text)
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned)
            {
                return new(path, "it holds control or formatting characters", Preview(text));
            }
        }

        return null;
    }

    private static RequestFieldProblem? CheckBytes(string name, ByteString bytes, string path) =>
        name == "batch_id" && bytes.Length != BatchIdLength
            ? new(path, $"a batch id is {BatchIdLength} bytes, not {bytes.Length}", Preview(bytes.Span))
            : null;

    private static bool IsIdentifier(string name) =>
        name is "project_id" or "party" or "to_party" or "from_party" or "other_party" or "contributor";

    private static bool IsDocument(string name) => name is "json" or "project_json" or "markdown" or "body";
}
