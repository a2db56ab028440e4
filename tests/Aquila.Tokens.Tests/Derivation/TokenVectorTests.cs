using System.Text;
using Aquila.Tokens.Derivation;

namespace Aquila.Tokens.Tests.Derivation;

public class TokenVectorTests
{
    public static TheoryData<string, string, string, int, string, string> Vectors()
    {
        var data = new TheoryData<string, string, string, int, string, string>();
        foreach (var line in File.ReadLines(RepositoryFiles.PathOf("docs/token-spec.md")))
        {
            if (!line.StartsWith("| v", StringComparison.Ordinal) || !char.IsAsciiDigit(line[3]))
            {
                continue;
            }

            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            data.Add(cells[1], Unquote(cells[2]), Unquote(cells[3]), int.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture),
                cells[5], Unquote(cells[6]));
        }

        return data;
    }

    [Fact]
    public void The_spec_has_test_vectors()
    {
        Assert.True(Vectors().Count >= 5);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Aquila_derives_the_tokens_of_the_spec(string vector, string keyHex, string keyId, int version, string values, string tokenHex)
    {
        using var key = ProjectKey.FromBytes(Convert.FromHexString(keyHex));
        using var deriver = new TokenDeriver(key);
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

    private static string Unquote(string cell) => cell.Trim().Trim('`');
}
