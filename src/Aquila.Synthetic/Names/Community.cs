namespace Aquila.Synthetic.Names;

/// <summary>The naming community a synthetic person belongs to; decides the name pools and how names are spelled.</summary>
internal enum Community
{
    Serbian,
    Montenegrin,
    Croatian,
    Bosniak,
    Macedonian,
    Albanian,
    Arab,
}
