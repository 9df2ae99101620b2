using System;
using System.Collections.Generic;
using System.Linq;

namespace CorsAnalyzers;

/// <summary>
/// The cheap first look at an operation block, before any operation is walked: which names of interest its source
/// text holds. Most blocks of a web app (controller actions, services, models) hold none, and are skipped at the cost
/// of a few ordinal substring searches instead of building and walking their operation trees or their token lists.
/// </summary>
/// <remarks>
/// A scan looks for short anchors (substrings that every name of interest contains), widens each hit to the whole
/// identifier around it, and asks the caller's classifier what that identifier means. A name inside a comment or a
/// string can only make a block a candidate, never hide one.
/// </remarks>
internal sealed class SourceNames
{
    private readonly string[] _anchors;
    private readonly Classifier _classify;

    /// <summary>The flags of one identifier found in the source, read in place (no string is made of it).</summary>
    public delegate int Classifier(ReadOnlySpan<char> name);

    public SourceNames(string[] anchors, Classifier classify)
    {
        _anchors = anchors;
        _classify = classify;
    }

    /// <summary>The union of the flags of every identifier of interest in a code block's text (<see cref="CodeBlocks.Texts"/>); stops early once <paramref name="enough"/> are all set.</summary>
    public int Scan(BlockText text, int enough) => Scan(text.Span, enough);

    /// <summary>The union of the flags of every identifier of interest in <paramref name="text"/>.</summary>
    public int Scan(string text, int enough = -1) => Scan(text.AsSpan(), enough);

    private int Scan(ReadOnlySpan<char> text, int enough)
    {
        var flags = 0;
        foreach (var anchor in _anchors)
        {
            var from = 0;
            while (from < text.Length)
            {
                var found = text.Slice(from).IndexOf(anchor.AsSpan());
                if (found < 0)
                {
                    break;
                }

                var start = from + found;
                while (start > 0 && IsIdentifierPart(text[start - 1]))
                {
                    start--;
                }

                var end = from + found + anchor.Length;
                while (end < text.Length && IsIdentifierPart(text[end]))
                {
                    end++;
                }

                flags |= _classify(text.Slice(start, end - start));
                if ((flags & enough) == enough)
                {
                    return flags;
                }

                from = end;
            }
        }

        return flags;
    }

    /// <summary>Whether <paramref name="name"/> is <paramref name="prefix"/> alone or followed by a new word: <c>UseCors</c>, not <c>User</c>.</summary>
    public static bool StartsWord(ReadOnlySpan<char> name, string prefix) =>
        name.StartsWith(prefix.AsSpan(), StringComparison.Ordinal) && (name.Length == prefix.Length || char.IsUpper(name[prefix.Length]));

    /// <summary>A character that continues a C# identifier (letters, digits, '_'; escapes and other categories are rare enough to ignore).</summary>
    internal static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c);

    /// <summary>Whether the <paramref name="length"/> characters at <paramref name="start"/> are a whole identifier, not part of a longer one.</summary>
    internal static bool IsWholeIdentifier(ReadOnlySpan<char> text, int start, int length) =>
        (start == 0 || !IsIdentifierPart(text[start - 1])) && (start + length == text.Length || !IsIdentifierPart(text[start + length]));
}

/// <summary>A set of names that answers for a span of source text without making a string of it.</summary>
internal sealed class NameSet
{
    private readonly string[][] _byLength;

    public NameSet(IEnumerable<string> names)
    {
        var all = names.ToList();
        _byLength = new string[all.Count == 0 ? 0 : all.Max(n => n.Length) + 1][];
        for (var length = 0; length < _byLength.Length; length++)
        {
            _byLength[length] = all.Where(n => n.Length == length).ToArray();
        }
    }

    public bool Contains(ReadOnlySpan<char> name)
    {
        if (name.Length >= _byLength.Length)
        {
            return false;
        }

        foreach (var candidate in _byLength[name.Length])
        {
            if (name.SequenceEqual(candidate.AsSpan()))
            {
                return true;
            }
        }

        return false;
    }
}
