namespace Aquila.Cli;

/// <summary>Exit codes of the aquila command (README.md lists them).</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>Done, but some records were rejected (see the reject file).</summary>
    public const int SomeRejected = 1;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;

    /// <summary>An input (CSV, column map, schema, key file) cannot be used; nothing was written.</summary>
    public const int BadInput = 3;

    /// <summary>--strict stopped at a bad record; nothing was written.</summary>
    public const int StrictStop = 4;

    /// <summary>A batch file is corrupt or not a batch file.</summary>
    public const int CorruptBatch = 5;

    /// <summary>
    /// The PKI refused the operation (no CA or already a CA in the directory, wrong passphrase, bad CSR, CSR not for
    /// the expected party or role, unknown serial, certificate not from this CA); nothing was written.
    /// </summary>
    public const int PkiRefused = 6;

    /// <summary>The server refused the call (its status and message are printed).</summary>
    public const int ServerRefused = 7;

    /// <summary>The server could not be reached, even after retries.</summary>
    public const int Unreachable = 8;

    /// <summary>The audit chain failed verification.</summary>
    public const int AuditBroken = 9;

    /// <summary>The key ceremony failed a check (a cheating relay, a wrong party, a missing share): no key was stored.</summary>
    public const int CeremonyFailed = 10;

    /// <summary>`aquila bench --soak`: the soak's verdict is FAIL (an error was seen, or no batch was acknowledged).</summary>
    public const int SoakFailed = 11;

    /// <summary>
    /// `node query --input`: the server refused a record (e.g. the daily quota) or could not be reached, so the query
    /// stopped there; that record and every one after it has its own result line (refused, not-sent).
    /// </summary>
    public const int StoppedEarly = 12;

    /// <summary>An unexpected internal error (a bug: please report it).</summary>
    public const int Internal = 70;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
