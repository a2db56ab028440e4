namespace Aquila.Cli.Commands;

/// <summary>
/// A PKI command stops before it changed anything: the message is printed as one <c>error:</c> line and the process
/// ends with <see cref="ExitCode"/>.
/// </summary>
internal sealed class CaCommandError(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
