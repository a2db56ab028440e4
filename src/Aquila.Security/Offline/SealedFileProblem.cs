namespace Aquila.Security.Offline;

/// <summary>Why a sealed file cannot be used.</summary>
public enum SealedFileProblem
{
    /// <summary>Not a sealed file of the expected kind, or a version this code does not read.</summary>
    NotASealedFile = 1,

    /// <summary>The file ends early or a field is out of range: damaged or cut short.</summary>
    Malformed = 2,

    /// <summary>The signature does not verify with the certificate in the file: altered after signing, or forged.</summary>
    BadSignature = 3,

    /// <summary>The content is encrypted to another certificate's key than the one trying to open it.</summary>
    WrongRecipient = 4,

    /// <summary>The content does not decrypt (its authentication tag fails).</summary>
    Undecryptable = 5,

    /// <summary>The content is larger than the reader accepts.</summary>
    TooLarge = 6,
}
