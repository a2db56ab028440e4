using System.CommandLine;
using Aquila.Cli.Commands;

namespace Aquila.Cli;

/// <summary>The root of the aquila command.</summary>
internal static class AquilaCommand
{
    public static RootCommand Create()
    {
        var key = new Command("key", "Project keys (until projects get theirs from the key ceremony).")
        {
            KeyNewCommand.Create(),
        };
        var node = new Command("node", "A party's node: enrol (csr), turn person records into tokens on its own premises, submit them, read its hits.")
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
            NodePurgeCommand.Create(),
            NodeExportCommand.Create(),
            NodeImportHitsCommand.Create(),
            NodeListCommand.Create(),
            NodeQueryCommand.Create(),
        };
        return new RootCommand("Aquila: secure hit/no-hit person matching between police services.")
        {
            DemoCommand.Create(), key, node, CaCommand.Create(), ProjectCommand.Create(), ServerCommand.Create(), AuditVerifyCommand.Create(), SimulateCommand.Create(),
            SynthCommand.Create(), EvalCommand.Create(), BenchCommand.Create(),
        };
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine("error: " + error.Message);
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
