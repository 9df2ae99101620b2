using System;
using System.Collections.Generic;
using System.Linq;

namespace CorsAnalyzers;

/// <summary>
/// The cheap first look at source text, before any operation is walked: which names of interest it holds. Most blocks
/// of a web app (controller actions, services, models) hold none, and are skipped at the cost of one pass over their
/// characters instead of building and walking their operation trees or their token lists.
/// </summary>
/// <remarks>
/// <para>
/// A scan reads the text once and splits it into identifiers (runs of letters, digits and '_'). Every name of interest
/// is a .NET API name in PascalCase, so an identifier that starts with anything but an upper-case letter (keywords,
/// locals, parameters: about half of all identifiers) is passed over without a look. The rest are looked up in a hash
/// table of the exact names, hashed in place (no string is made of them), and compared with the word prefixes
/// (<c>Use</c> for <c>UseCors</c>, not <c>User</c>). A name inside a comment or a string can only make a block a
/// candidate, never hide one.
/// </para>
/// <para>
/// Each name carries flags, so one scan answers for several families at once (<see cref="Union"/>).
/// </para>
/// </remarks>
internal sealed class SourceNames
{
    private readonly (string Name, int Flags)[] _names;
    private readonly (string Prefix, int Flags)[] _words;

    /// <summary>The exact names, by their hash: a slot holds a name and its flags, or null; collisions go to the next slot.</summary>
    private readonly string?[] _slots;
    private readonly int[] _slotFlags;
    private readonly int _longest;

    /// <param name="names">Exact names and what finding each means (names given twice have their flags merged).</param>
    /// <param name="words">Prefixes that count when followed by a new word or nothing: <c>Use</c> finds <c>UseCors</c> and <c>Use</c>, not <c>User</c>.</param>
    public SourceNames(IEnumerable<(string Name, int Flags)> names, IEnumerable<(string Prefix, int Flags)>? words = null)
    {
        _names = names.ToArray();
        _words = (words ?? []).ToArray();
        var size = 16;
        while (size < _names.Length * 4)
        {
            size *= 2;
        }

        _slots = new string?[size];
        _slotFlags = new int[size];
        foreach (var (name, flags) in _names)
        {
            var slot = Hash(name.AsSpan()) & (size - 1);
            while (_slots[slot] is { } taken && taken != name)
            {
                slot = (slot + 1) & (size - 1);
            }

            _slots[slot] = name;
            _slotFlags[slot] |= flags;
            _longest = Math.Max(_longest, name.Length);
        }
    }

    /// <summary>Names that all mean the same flags.</summary>
    public static IEnumerable<(string Name, int Flags)> Meaning(IEnumerable<string> names, int flags) => names.Select(n => (n, flags));

    /// <summary>The names of several sets in one; their flags must be distinct bits for the union to tell them apart.</summary>
    public static SourceNames Union(params SourceNames[] sets) => new(sets.SelectMany(s => s._names), sets.SelectMany(s => s._words));

    /// <summary>The union of the flags of every identifier of interest in <paramref name="text"/>.</summary>
    public int Scan(string text, int enough = -1) => Scan(text.AsSpan(), enough, hits: null);

    /// <summary>
    /// Every identifier of interest in <paramref name="text"/>, in order, each added to <paramref name="hits"/> as its
    /// start (high half) and flags (low half).
    /// </summary>
    public void Find(ReadOnlySpan<char> text, List<long> hits) => Scan(text, enough: 0, hits);

    /// <summary>What one identifier means: the flags of the exact name and of every word prefix it starts with.</summary>
    public int Classify(ReadOnlySpan<char> name)
    {
        var flags = 0;
        if (name.Length <= _longest)
        {
            var mask = _slots.Length - 1;
            for (var slot = Hash(name) & mask; _slots[slot] is { } candidate; slot = (slot + 1) & mask)
            {
                if (name.SequenceEqual(candidate.AsSpan()))
                {
                    flags = _slotFlags[slot];
                    break;
                }
            }
        }

        foreach (var (prefix, wordFlags) in _words)
        {
            if (name[0] == prefix[0] && StartsWord(name, prefix))
            {
                flags |= wordFlags;
            }
        }

        return flags;
    }

    private int Scan(ReadOnlySpan<char> text, int enough, List<long>? hits)
    {
        var flags = 0;
        var position = 0;
        while (position < text.Length)
        {
            if (!IsIdentifierPart(text[position]))
            {
                position++;
                continue;
            }

            var start = position;
            while (++position < text.Length && IsIdentifierPart(text[position]))
            {
            }

            if (!char.IsUpper(text[start]))
            {
                continue;
            }

            var named = Classify(text.Slice(start, position - start));
            if (named == 0)
            {
                continue;
            }

            if (hits is not null)
            {
                hits.Add(((long)start << 32) | (uint)named);
            }
            else if (((flags |= named) & enough) == enough)
            {
                return flags;
            }
        }

        return flags;
    }

    /// <summary>FNV-1a over the characters, as an index into the slots.</summary>
    private static int Hash(ReadOnlySpan<char> name)
    {
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
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
