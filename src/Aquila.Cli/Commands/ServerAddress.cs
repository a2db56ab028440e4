using System.CommandLine;

namespace Aquila.Cli.Commands;

/// <summary>The --server option: an absolute https address of an Aquila server.</summary>
internal static class ServerAddress
{
    public static Option<Uri> CreateOption() => new("--server", "-s")
    {
        Description = "The server, e.g. https://aquila.example:7443.",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
            {
                return uri;
            }

            result.AddError($"--server must be an https address such as https://aquila.example:7443, not '{text}'.");
            return null;
        },
    };
}
