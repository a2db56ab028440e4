using System.Text;
using Aquila.Tokens.Derivation;

namespace Aquila.Tokens.Tests.Derivation;

public class TokenVectorTests
{
    public static TheoryData<string, string, string, string, int, string, string> Vectors()
    {
        var data = new TheoryData<string, string, string, string, int, string, string>();
        foreach (var line in File.ReadLines(RepositoryFiles.PathOf("docs/token-spec.md")))
        {
            if (!line.StartsWith("| v", StringComparison.Ordinal) || !char.IsAsciiDigit(line[3]))
            {
                continue;
            }

            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            data.Add(cells[1], Unquote(cells[2]), Unquote(cells[3]), Unquote(cells[4]),
                int.Parse(cells[5], System.Globalization.CultureInfo.InvariantCulture), cells[6], Unquote(cells[7]));
        }

        return data;
    }

    [Fact]
    public void The_spec_has_test_vectors()
    {
        Assert.True(Vectors().Count >= 8);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Aquila_derives_the_tokens_of_the_spec(string vector, string keyHex, string schemaHex, string keyId, int version, string values, string tokenHex)
    {
        using var key = ProjectKey.FromBytes(Convert.FromHexString(keyHex));
        using var deriver = new TokenDeriver(key, Convert.FromHexString(schemaHex));
        Span<byte> buffer = stackalloc byte[TokenMessage.MaxLength];
        var message = new TokenMessage(buffer, Encoding.ASCII.GetBytes(keyId), version);
        foreach (var value in values.Split('‖', StringSplitOptions.TrimEntries))
        {
            message.Add(Unquote(value));
        }

        Span<byte> token = stackalloc byte[16];
        deriver.Derive(message.Written, token);

        Assert.True(tokenHex == Convert.ToHexStringLower(token), vector);
    }

    [Fact]
    public void The_spec_vectors_use_the_built_in_schema_hash()
    {
        var hashes = new HashSet<string>();
        foreach (var line in File.ReadLines(RepositoryFiles.PathOf("docs/token-spec.md")))
        {
            if (line.StartsWith("| v", StringComparison.Ordinal) && char.IsAsciiDigit(line[3]))
            {
                hashes.Add(Unquote(line.Split('|', StringSplitOptions.TrimEntries)[3]));
            }
        }

        Assert.Contains(Aquila.Tokens.Keys.MatchKeySchema.Default.HashHex, hashes);
    }

    private static string Unquote(string cell) => cell.Trim().Trim('`');
}
