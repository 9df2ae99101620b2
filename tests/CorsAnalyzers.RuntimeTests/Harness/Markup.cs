using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.RuntimeTests.Harness;

/// <summary>
/// The analyzer tests' markup, <c>{|CORS001:text|}</c>: the source without the markers and, per marked span, the rule
/// the analyzer tests expect there. Markers do not nest in the runtime cases.
/// </summary>
public static class Markup
{
    public static (string Source, IReadOnlyList<(string Id, TextSpan Span)> Spans) Parse(string markup)
    {
        var text = new StringBuilder();
        var spans = new List<(string, TextSpan)>();
        var i = 0;
        while (i < markup.Length)
        {
            if (markup.AsSpan(i).StartsWith("{|") && markup.IndexOf(':', i) is var colon and > 0 && colon - i <= 12)
            {
                var id = markup.Substring(i + 2, colon - i - 2);
                var end = markup.IndexOf("|}", colon, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new FormatException($"unclosed markup for {id}");
                }

                var start = text.Length;
                text.Append(markup, colon + 1, end - colon - 1);
                spans.Add((id, TextSpan.FromBounds(start, text.Length)));
                i = end + 2;
                continue;
            }

            text.Append(markup[i]);
            i++;
        }

        return (text.ToString(), spans);
    }
}
