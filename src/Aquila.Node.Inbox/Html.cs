using System.Text.Encodings.Web;

namespace Aquila.Node.Inbox;

/// <summary>HTML escaping and the page frame every page shares (own stylesheet and script only).</summary>
internal static class Html
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static string Page(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}} — Aquila inbox</title>
        <link rel="stylesheet" href="/assets/app.css">
        <script src="/assets/app.js" defer></script>
        </head>
        <body>
        <header><a href="/" class="brand">Aquila · hit inbox</a></header>
        <main>
        {{body}}
        </main>
        </body>
        </html>
        """;

    /// <summary>A labelled select with an "any" choice.</summary>
    public static string Select(string name, string label, IEnumerable<string> values, string? selected, Func<string, string>? display = null)
    {
        var options = string.Concat(values.Select(v =>
            $"<option value=\"{E(v)}\"{(v == selected ? " selected" : "")}>{E(display is null ? v : display(v))}</option>"));
        return $"<label for=\"f-{name}\">{E(label)}</label><select id=\"f-{name}\" name=\"{name}\"><option value=\"\">any</option>{options}</select>";
    }
}
