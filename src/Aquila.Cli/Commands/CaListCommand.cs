using System.CommandLine;
using System.Globalization;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila ca list --ca ca/ [--json]</c></summary>
internal static class CaListCommand
{
    public static Command Create()
    {
        var ca = CaOptions.CaDirectory();
        var passphrase = CaOptions.CaPassphraseFile();
        var json = CaOptions.Json();

        var command = new Command(
            "list",
            "List every certificate the CA issued, oldest first: serial, profile, party, role, name, not-after and whether it is valid, expired or revoked.")
        {
            ca, passphrase, json,
        };
        command.SetAction(parse => CaCommandRunner.Run(() =>
        {
            using var authority = CaAuthority.Load(parse.GetValue(ca)!, parse.GetValue(passphrase));
            var entries = CaListEntry.Build(authority.ListIssued(), authority.ListRevoked(), DateTimeOffset.UtcNow);
            if (parse.GetValue(json))
            {
                CliConsole.WriteJson(new { Certificates = entries });
            }
            else
            {
                WriteTable(entries);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteTable(List<CaListEntry> entries)
    {
        var output = Console.Out;
        if (entries.Count == 0)
        {
            output.WriteLine("No certificates issued yet.");
            return;
        }

        const string Format = "{0,-32}  {1,-7}  {2,-5}  {3,-11}  {4,-20}  {5,-10}  {6}";
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, Format,
            "serial", "profile", "party", "role", "name", "not after", "status"));
        var revoked = 0;
        foreach (var entry in entries)
        {
            revoked += entry.Status == CaListEntry.RevokedStatus ? 1 : 0;
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, Format,
                entry.SerialNumber, entry.Profile, entry.Party ?? "?", entry.Role ?? "?", entry.Name ?? "?",
                entry.NotAfter.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                entry.RevokedAt is { } at
                    ? $"revoked {at.UtcDateTime:yyyy-MM-dd}{(entry.RevocationReason is { } r ? " (" + r + ")" : "")}"
                    : entry.Status));
        }

        output.WriteLine($"{entries.Count} issued, {revoked} revoked.");
    }
}
