using Aquila.Server.Options;

namespace Aquila.Server.Tests;

/// <summary>The shared server with small upload caps: two uploads per party, three in all, five seconds idle.</summary>
public sealed class UploadLimitFixture : ServerFixture
{
    public string SpoolDirectory => Path.Combine(Options.DataDirectory, new UploadOptions().SpoolFolder);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Options.Uploads = new UploadOptions { MaxConcurrentPerParty = 2, MaxConcurrent = 3, IdleTimeout = TimeSpan.FromSeconds(5) };
        await RestartAsync();
    }

    public int SpoolFiles => Directory.GetFiles(SpoolDirectory).Length;
}
