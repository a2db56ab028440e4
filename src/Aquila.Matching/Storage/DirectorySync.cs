using System.Runtime.InteropServices;

namespace Aquila.Matching.Storage;

/// <summary>
/// fsync on a directory, which .NET cannot do itself (it cannot open a directory): without it a newly created or
/// renamed file can vanish after a power cut even though its data was flushed.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;
    private const int Interrupted = 4;      // EINTR
    private const int InvalidArgument = 22; // EINVAL: the file system does not support fsync on directories

    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            // NTFS journals directory changes itself; there is no directory fsync to call.
            return;
        }

        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Cannot flush directory '{directory}': it does not exist.");
        }

        var fd = Open(directory, ReadOnly | DirectoryFlag());
        if (fd < 0)
        {
            ThrowLastError("open", directory);
        }

        try
        {
            int result;
            do
            {
                result = Fsync(fd);
            }
            while (result != 0 && Marshal.GetLastPInvokeError() == Interrupted);

            if (result != 0 && Marshal.GetLastPInvokeError() != InvalidArgument)
            {
                ThrowLastError("fsync", directory);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // O_DIRECTORY differs between architectures and kernels.
    private static int DirectoryFlag()
    {
        if (OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsFreeBSD())
        {
            return 0x100000;
        }

        return RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 or Architecture.Ppc64le
            ? 0x4000
            : 0x10000;
    }

    private static void ThrowLastError(string call, string directory)
    {
        var errno = Marshal.GetLastPInvokeError();
        throw new IOException($"{call} on directory '{directory}' failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
