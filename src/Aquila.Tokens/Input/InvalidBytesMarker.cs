using System.Text;

namespace Aquila.Tokens.Input;

/// <summary>
/// A decoder fallback that marks invalid bytes with U+FFFF and remembers that it did, so the reader can hand out the
/// text decoded before the invalid bytes and then stop at the right line (an exception fallback loses that text).
/// </summary>
internal sealed class InvalidBytesMarker : DecoderFallback
{
    /// <summary>The character written in place of invalid bytes (a noncharacter, not expected in real data).</summary>
    public const char Marker = '\uFFFF';

    /// <summary>True once invalid bytes have been seen.</summary>
    public bool Triggered { get; set; }

    public override int MaxCharCount => 1;

    public override DecoderFallbackBuffer CreateFallbackBuffer() => new MarkerBuffer(this);

    private sealed class MarkerBuffer(InvalidBytesMarker owner) : DecoderFallbackBuffer
    {
        private int _remaining;
        private bool _given;

        public override int Remaining => _remaining;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            owner.Triggered = true;
            _remaining = 1;
            _given = false;
            return true;
        }

        public override char GetNextChar()
        {
            if (_remaining == 0)
            {
                return '\0';
            }

            _remaining--;
            _given = true;
            return Marker;
        }

        public override bool MovePrevious()
        {
            if (!_given)
            {
                return false;
            }

            _given = false;
            _remaining++;
            return true;
        }

        public override void Reset()
        {
            _remaining = 0;
            _given = false;
        }
    }
}
