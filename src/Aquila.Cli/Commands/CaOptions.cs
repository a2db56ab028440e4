using System.CommandLine;

namespace Aquila.Cli.Commands;

/// <summary>Options shared by the PKI commands, so they read the same everywhere.</summary>
internal static class CaOptions
{
    /// <summary>Longest validity accepted on the command line (100 years): anything longer is a typo.</summary>
    public const int MaxValidityDays = 36_500;

    public static Option<DirectoryInfo> CaDirectory() => new("--ca")
    {
        Description = "The CA directory made by 'aquila ca init' (keep it offline, on the operator's machine).",
        HelpName = "dir",
        Required = true,
    };

    public static Option<FileInfo?> PassphraseFile(string description) => new("--passphrase-file")
    {
        Description = description,
        HelpName = "file",
    };

    public static Option<FileInfo?> CaPassphraseFile() =>
        PassphraseFile("File holding the passphrase of the CA key (first line). Needed when the CA was created with one.");

    public static Option<int> ValidityDays(string description, int defaultDays) => new("--validity-days")
    {
        Description = description,
        HelpName = "days",
        DefaultValueFactory = _ => defaultDays,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print the result as JSON (for scripts)." };

    /// <summary>Checks a <c>--validity-days</c> value and turns it into a time span.</summary>
    /// <exception cref="CaCommandError">The value is not between 1 and <see cref="MaxValidityDays"/>.</exception>
    public static TimeSpan ToValidity(int days) => days is >= 1 and <= MaxValidityDays
        ? TimeSpan.FromDays(days)
        : throw new CaCommandError(ExitCodes.Usage, $"--validity-days must be between 1 and {MaxValidityDays}.");
}
