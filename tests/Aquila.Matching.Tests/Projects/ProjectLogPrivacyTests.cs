using static Aquila.Matching.Tests.Projects.ProjectTestBed;

namespace Aquila.Matching.Tests.Projects;

public sealed class ProjectLogPrivacyTests
{
    private static int Occurrences(byte[] haystack, byte[] needle)
    {
        var count = 0;
        for (var at = haystack.AsSpan().IndexOf(needle); at >= 0;)
        {
            count++;
            var next = haystack.AsSpan(at + 1).IndexOf(needle);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return count;
    }

    [Fact]
    public async Task The_log_files_hold_neither_the_submitted_tokens_nor_the_handles()
    {
        using var bed = OnDisk();
        await using (var matcher = await bed.OpenAsync())
        {
            await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 4242), (1, 4343)])));
            await SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(0, 4242)])));
        }

        var files = Directory.GetFiles(bed.Directory);
        var raw = files.SelectMany(File.ReadAllBytes).ToArray();

        Assert.NotEmpty(files);
        Assert.True(raw.Length > 200);
        Assert.Equal(0, Occurrences(raw, Token(4242)));
        Assert.Equal(0, Occurrences(raw, Token(4343)));
        Assert.Equal(0, Occurrences(raw, Handle(0, 10)));
        Assert.Equal(0, Occurrences(raw, "canary-tok"u8.ToArray()));
    }

    [Fact]
    public void The_occurrence_count_finds_a_planted_token()
    {
        // Shows the scan above can fail: the same search finds a token that is there.
        byte[] planted = [1, 2, .. Token(4242), 3, .. Token(4242)];

        Assert.Equal(2, Occurrences(planted, Token(4242)));
    }
}
