using System.CommandLine;
using Aquila.Tokens.Derivation;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila key new --out project.key</c></summary>
internal static class KeyNewCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out", "-o")
        {
            Description = "Where to write the new key (a new file, readable by its owner only).",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "Print where the key was written as JSON." };
        var command = new Command("new", "Create a fresh random 32-byte project key.") { output, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(output)!.FullName;
            if (File.Exists(path))
            {
                return CliConsole.Fail(ExitCodes.BadInput, $"'{path}' already exists; a key is never overwritten.");
            }

            using var key = ProjectKey.Generate();
            key.Save(path);
            if (parse.GetValue(json))
            {
                CliConsole.WriteJson(new { KeyFile = path });
                return ExitCodes.Ok;
            }

            Console.Out.WriteLine($"Wrote a new project key to {path}. Keep it on this node; it never leaves it.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
