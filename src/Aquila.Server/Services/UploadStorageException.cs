namespace Aquila.Server.Services;

/// <summary>The server could not write an upload to its spool file (e.g. the disk is full): not the caller's fault.</summary>
internal sealed class UploadStorageException(IOException inner) : Exception("The upload could not be written to its spool file.", inner);
