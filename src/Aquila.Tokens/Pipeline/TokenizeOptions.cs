using System.Text;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Pipeline;

/// <summary>What to tokenise, how, and where the results go.</summary>
public sealed class TokenizeOptions
{
    /// <summary>The CSV file of records, of the schema's record type.</summary>
    public required string InputPath { get; init; }

    /// <summary>The batch file to write (it may leave the node).</summary>
    public required string BatchPath { get; init; }

    /// <summary>The handle map to write (it never leaves the node). Default: batch path + ".handles.csv".</summary>
    public string? HandleMapPath { get; init; }

    /// <summary>The reject file to write when records are rejected. Default: batch path + ".rejects.csv".</summary>
    public string? RejectPath { get; init; }

    /// <summary>The submitting party's code.</summary>
    public required string Party { get; init; }

    /// <summary>The project the batch is for.</summary>
    public string ProjectId { get; init; } = "default";

    /// <summary>Header names of the input.</summary>
    public ColumnMap Columns { get; init; } = ColumnMap.Default;

    /// <summary>Text encoding of the input.</summary>
    public Encoding Encoding { get; init; } = TextEncodings.Resolve(null);

    /// <summary>The match-key schema.</summary>
    public MatchKeySchema Schema { get; init; } = MatchKeySchema.Default;

    /// <summary>
    /// The data-subject categories the project allows (its <c>allowedCategories</c>); null allows every category.
    /// A record of another category is rejected like a bad record: listed in the reject file, never tokenised.
    /// </summary>
    public IReadOnlySet<SubjectCategory>? AllowedCategories { get; init; }

    /// <summary>Stop at the first bad record instead of skipping it; nothing is written then.</summary>
    public bool Strict { get; init; }

    /// <summary>The handle map path in effect.</summary>
    public string EffectiveHandleMapPath => HandleMapPath ?? BatchPath + ".handles.csv";

    /// <summary>The reject file path in effect.</summary>
    public string EffectiveRejectPath => RejectPath ?? BatchPath + ".rejects.csv";
}
