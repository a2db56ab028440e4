using System.CommandLine;
using Aquila.Cli.Commands;

namespace Aquila.Cli;

/// <summary>The root of the aquila command.</summary>
internal static class AquilaCommand
{
    public static RootCommand Create()
    {
        var key = new Command("key", "A project key for a dry run (a project declared in the server's configuration); a coordinated project's key comes from its key ceremony (aquila node join).")
        {
            KeyNewCommand.Create(),
        };
        var node = new Command("node", "A party's node: enrol (csr), turn its records (persons, vehicles) into tokens on its own premises, submit them, read its hits.")
        {
            NodeTokenizeCommand.Create(),
            NodeInspectCommand.Create(),
            NodeCsrCommand.Create(),
            NodeSubmitCommand.Create(),
            NodeHitsCommand.Create(),
            NodeJoinCommand.Create(),
            NodeConfirmFingerprintCommand.Create(),
            NodeFingerprintCommand.Create(),
            NodeFeedbackCommand.Create(),
            NodeInboxCommand.Create(),
            NodePurgeCommand.Create(),
            NodeExportCommand.Create(),
            NodeImportHitsCommand.Create(),
            NodeListCommand.Create(),
            NodeQueryCommand.Create(),
            NodeCheckCommand.Create(),
        };
        return new RootCommand("Aquila: secure hit/no-hit person matching between police services.")
        {
            DemoCommand.Create(), key, node, CaCommand.Create(), ProjectCommand.Create(), ServerCommand.Create(), AuditVerifyCommand.Create(), SimulateCommand.Create(),
            SynthCommand.Create(), EvalCommand.Create(), BenchCommand.Create(),
        };
    }

    public static async Task<int> RunAsync(string[] args)
    {
        CliConsole.UseFullWidthWhenRedirected();
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0 && CommandSuggestion.IsGroupWithoutSubcommand(parse))
        {
            // `aquila` or `aquila node` alone: show what there is to run.
            return await Create().Parse([.. args, "--help"]).InvokeAsync();
        }

        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine("error: " + error.Message);
            }

            if (CommandSuggestion.For(parse) is { } suggestion)
            {
                Console.Error.WriteLine(suggestion);
            }

            Console.Error.WriteLine("Run the command with --help to see its options.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            return CliConsole.Fail(ExitCodes.Cancelled, "interrupted.");
        }
        catch (CaCommandError e)
        {
            return CliConsole.Fail(e.ExitCode, e.Message);
        }
        catch (Security.Pki.CertificateAuthorityException e)
        {
            // Loading the node key: a wrong or missing --passphrase-file.
            return CliConsole.Fail(ExitCodes.BadInput, e.Message + " If the node key is encrypted, pass --passphrase-file with its passphrase.");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug or an unforeseen environment problem: one line, no stack trace (messages never carry record values).
            return CliConsole.Fail(ExitCodes.Internal, $"unexpected {e.GetType().Name}: {e.Message}");
        }
    }
}
