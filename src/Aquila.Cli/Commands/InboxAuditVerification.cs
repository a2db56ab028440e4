using Aquila.Node.Inbox;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila audit verify --db inbox.db</c>: the hash chain of a node inbox's workflow changes.</summary>
internal static class InboxAuditVerification
{
    public static bool Applies(string path) => InboxAudit.IsInboxDatabase(path);

    public static int Run(string path, bool json)
    {
        var (rows, broken) = InboxAudit.VerifyDatabase(path);
        var message = broken is { } row
            ? $"The inbox's audit chain is broken at row {row} (of {rows} read): that row or one before it was changed, removed or reordered."
            : $"The inbox's audit chain is intact: {rows} state change(s) verified.";
        if (json)
        {
            CliConsole.WriteJson(new { Valid = broken is null, Kind = "inbox", FirstBadSequence = broken, EntriesChecked = rows, Message = message });
        }
        else
        {
            Console.Out.WriteLine(message);
        }

        return broken is null ? ExitCodes.Ok : ExitCodes.AuditBroken;
    }
}
