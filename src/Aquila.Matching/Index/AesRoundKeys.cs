using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Aquila.Matching.Index;

/// <summary>The eleven round keys of an expanded AES-128 key, held inline so no array is allocated.</summary>
[InlineArray(Count)]
internal struct AesRoundKeys
{
    public const int Count = 11;

    private Vector128<byte> _first;
}
