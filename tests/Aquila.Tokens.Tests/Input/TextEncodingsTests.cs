using System.Text;
using Aquila.Tokens.Input;

namespace Aquila.Tokens.Tests.Input;

public sealed class TextEncodingsTests
{
    [Theory]
    [InlineData(null, 65001)]
    [InlineData("", 65001)]
    [InlineData("utf-8", 65001)]
    [InlineData("UTF8", 65001)]
    [InlineData("windows-1250", 1250)]
    [InlineData("CP1250", 1250)]
    [InlineData(" Windows-1251 ", 1251)]
    [InlineData("cp1251", 1251)]
    public void Resolve_accepts_the_supported_names_and_aliases(string? name, int codePage)
    {
        var encoding = TextEncodings.Resolve(name);

        Assert.Equal(codePage, encoding.CodePage);
    }

    [Fact]
    public void The_default_utf8_is_strict()
    {
        var encoding = TextEncodings.Resolve(null);

        Assert.Throws<DecoderFallbackException>(() => encoding.GetString([0x41, 0xC3]));
    }

    [Fact]
    public void An_unknown_name_is_refused_listing_the_supported_names()
    {
        var ex = Assert.Throws<ArgumentException>(() => TextEncodings.Resolve("latin2"));

        Assert.Contains("utf-8, windows-1250, windows-1251", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Supported_lists_the_canonical_names()
    {
        Assert.Equal(["utf-8", "windows-1250", "windows-1251"], TextEncodings.Supported);
    }
}
