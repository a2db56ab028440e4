namespace Aquila.Tokens.Normalization;

/// <summary>
/// Writes folded letters into a buffer, applying the letter-sequence rules of <see cref="NameNormalizer.Canonical"/>
/// against what has already been written (not against the raw input), so that its own output passes through
/// unchanged: the result never holds a doubled letter, Q, H after C/S/Z/X, J after G/K, or a leading, trailing or
/// doubled space.
/// </summary>
internal ref struct CanonicalNameWriter
{
    private readonly Span<char> _buffer;
    private int _length;

    internal CanonicalNameWriter(Span<char> buffer)
    {
        _buffer = buffer;
        _length = 0;
    }

    /// <summary>Characters written so far, without a trailing separator.</summary>
    internal readonly ReadOnlySpan<char> Written =>
        _length > 0 && _buffer[_length - 1] == ' ' ? _buffer[..(_length - 1)] : _buffer[.._length];

    /// <summary>Appends every character of an entry of <see cref="NameFoldTable"/>.</summary>
    internal void Append(string folded)
    {
        foreach (var c in folded)
        {
            Append(c);
        }
    }

    /// <summary>Appends one upper-case ASCII letter or a space (part separator).</summary>
    internal void Append(char c)
    {
        var last = _length > 0 ? _buffer[_length - 1] : ' ';
        if (c == last)
        {
            // Doubled letters collapse; a separator never starts the output or follows another.
            return;
        }

        switch (c)
        {
            case 'Q':
                // Albanian q is Serbian ć.
                Append('C');
                return;
            case 'H' when last is 'C' or 'S' or 'Z':
                // ch, sh, zh spell č/ć, š, ž.
                return;
            case 'H' when last == 'X':
                // Albanian xh is dž.
                _length--;
                Append('D');
                Append('Z');
                return;
            case 'J' when last == 'G':
                // Albanian and Macedonian gj (ѓ) is Serbian đ.
                _length--;
                Append('D');
                Append('J');
                return;
            case 'J' when last == 'K':
                // Macedonian kj (ќ) is Serbian ć, Albanian q.
                _length--;
                Append('C');
                return;
        }

        _buffer[_length++] = c;
    }
}
