using System.Buffers;

namespace Aquila.Tokens.Normalization;

/// <summary>Order-free form of a canonical name: its parts sorted ordinally (<see cref="NameNormalizer.SortedParts"/>).</summary>
internal static class PartSorter
{
    private const int StackParts = 32;
    private const int StackChars = 256;

    internal static string Sort(string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        var text = canonical.AsSpan();
        var partCount = text.Count(' ') + 1;

        Range[]? rentedRanges = null;
        var ranges = partCount <= StackParts
            ? stackalloc Range[partCount]
            : (rentedRanges = ArrayPool<Range>.Shared.Rent(partCount));
        try
        {
            var found = 0;
            var totalLetters = 0;
            foreach (var range in text.Split(' '))
            {
                if (range.GetOffsetAndLength(text.Length).Length == 0)
                {
                    continue; // tolerate stray spaces in input that is not quite canonical
                }

                ranges[found++] = range;
                totalLetters += range.GetOffsetAndLength(text.Length).Length;
            }

            var parts = ranges[..found];
            var changed = InsertionSort(text, parts);
            var length = found == 0 ? 0 : totalLetters + found - 1;
            if (!changed && length == text.Length)
            {
                return canonical;
            }

            return Join(text, parts, length);
        }
        finally
        {
            if (rentedRanges is not null)
            {
                ArrayPool<Range>.Shared.Return(rentedRanges);
            }
        }
    }

    /// <summary>Sorts the part ranges by their text, ordinally; true if anything moved. Names have few parts.</summary>
    private static bool InsertionSort(ReadOnlySpan<char> text, Span<Range> parts)
    {
        var changed = false;
        for (var i = 1; i < parts.Length; i++)
        {
            var current = parts[i];
            var j = i - 1;
            while (j >= 0 && text[parts[j]].SequenceCompareTo(text[current]) > 0)
            {
                parts[j + 1] = parts[j];
                j--;
                changed = true;
            }

            parts[j + 1] = current;
        }

        return changed;
    }

    private static string Join(ReadOnlySpan<char> text, ReadOnlySpan<Range> parts, int length)
    {
        if (length == 0)
        {
            return string.Empty;
        }

        char[]? rented = null;
        var buffer = length <= StackChars ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            var position = 0;
            foreach (var part in parts)
            {
                if (position > 0)
                {
                    buffer[position++] = ' ';
                }

                text[part].CopyTo(buffer[position..]);
                position += text[part].Length;
            }

            return new string(buffer[..position]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
