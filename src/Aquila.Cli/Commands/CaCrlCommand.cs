using System.CommandLine;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila ca crl --ca ca/ [--crl-out FILE]</c></summary>
internal static class CaCrlCommand
{
    public static Command Create()
    {
        var ca = CaOptions.CaDirectory();
        var crlOut = new Option<FileInfo?>("--crl-out") { Description = CaCrlOutput.Description, HelpName = "file" };
        var passphrase = CaOptions.CaPassphraseFile();
        var json = CaOptions.Json();

        var command = new Command(
            "crl",
            "Publish a fresh CRL without revoking anything. A CRL is valid for 7 days; the server refuses every certificate "
            + "once its CRL is past that, so run this regularly (e.g. weekly from cron on the CA machine) and copy the result.")
        {
            ca, crlOut, passphrase, json,
        };
        command.SetAction(parse => CaCommandRunner.Run(() =>
        {
            var crlPath = CaCrlOutput.Check(parse.GetValue(crlOut));
            using var authority = CaAuthority.Load(parse.GetValue(ca)!, parse.GetValue(passphrase));
            var publication = authority.PublishCrl();
            CaCrlOutput.CopyTo(publication, crlPath);
            if (parse.GetValue(json))
            {
                CliConsole.WriteJson(new
                {
                    Crl = publication.Path,
                    CrlNumber = (long)publication.Number,
                    publication.ThisUpdate,
                    publication.NextUpdate,
                    publication.RevokedCount,
                    CopiedTo = crlPath,
                });
            }
            else
            {
                Console.Out.WriteLine("Published a fresh CRL");
                CaCrlReport.Write(publication, crlPath);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
