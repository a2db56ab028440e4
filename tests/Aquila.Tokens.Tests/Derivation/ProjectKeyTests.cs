using Aquila.Tokens.Derivation;

namespace Aquila.Tokens.Tests.Derivation;

public class ProjectKeyTests
{
    [Fact]
    public void A_saved_key_loads_back_and_is_readable_by_its_owner_only()
    {
        using var dir = new TempDirectory();
        var path = dir.File("project.key");
        using var key = ProjectKey.Generate();

        key.Save(path);
        using var loaded = ProjectKey.Load(path);

        Assert.True(key.Bytes.SequenceEqual(loaded.Bytes));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void A_key_is_never_overwritten()
    {
        using var dir = new TempDirectory();
        var path = dir.File("project.key");
        using var key = ProjectKey.Generate();
        key.Save(path);

        Assert.Throws<IOException>(() => key.Save(path));
    }

    [Theory]
    [InlineData("abcd")]
    [InlineData("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f00")]
    public void A_key_of_the_wrong_length_is_refused_with_its_length_but_not_its_content(string content)
    {
        using var dir = new TempDirectory();
        var path = dir.File("short.key");
        File.WriteAllText(path, content);

        var error = Assert.Throws<InvalidDataException>(() => ProjectKey.Load(path));

        Assert.Contains($"holds {content.Length} characters", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(content, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_with_non_hex_characters_is_refused()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.key");
        File.WriteAllText(path, new string('g', 64));

        Assert.Throws<InvalidDataException>(() => ProjectKey.Load(path));
    }
}
