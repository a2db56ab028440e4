namespace Aquila.Synthetic.Rendering;

/// <summary>Date-of-birth formats of the region's exports.</summary>
internal enum DateFormat
{
    /// <summary>DD.MM.YYYY. (Serbian and Montenegrin usage, with the closing dot).</summary>
    DotsWithTrailingDot,

    /// <summary>DD.MM.YYYY.</summary>
    Dots,

    /// <summary>DD/MM/YYYY.</summary>
    Slashes,

    /// <summary>YYYY-MM-DD.</summary>
    Iso,

    /// <summary>YYYYMMDD.</summary>
    Compact,
}
