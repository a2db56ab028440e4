using System.Text;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Pipeline;

namespace Aquila.Server.Tests;

/// <summary>Writes small CSV exports and tokenises them, the way a node would.</summary>
public static class TestRecords
{
    public const string Header =
        "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category";

    /// <summary>Tokenises the rows for a party into a batch file; returns the batch path (handle map beside it).</summary>
    public static string Tokenize(string directory, string party, string projectId, ProjectKey key, params string[] rows)
    {
        var name = party + "-" + Guid.NewGuid().ToString("N")[..8];
        var csv = Path.Combine(directory, name + ".csv");
        File.WriteAllText(csv, Header + "\n" + string.Join("\n", rows) + "\n", new UTF8Encoding(false));
        var batch = Path.Combine(directory, name + ".aqb");
        var summary = BatchTokenizer.Run(new TokenizeOptions { InputPath = csv, BatchPath = batch, Party = party, ProjectId = projectId },
            key, null, CancellationToken.None);
        if (summary.RecordsRejected > 0)
        {
            throw new InvalidOperationException($"{summary.RecordsRejected} test record(s) rejected");
        }

        return batch;
    }
}
