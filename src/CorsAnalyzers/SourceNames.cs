using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;

namespace CorsAnalyzers;

/// <summary>
/// The cheap first look at source text, before any operation is walked: which names of interest it holds. Most blocks
/// of a web app (controller actions, services, models) hold none, and are skipped at the cost of one pass over their
/// characters instead of building and walking their operation trees or their token lists.
/// </summary>
/// <remarks>
/// <para>
/// A scan reads the text once and looks only at the identifiers (runs of letters, digits and '_') that start with an
/// ASCII upper-case letter: every name of interest is a .NET API name in PascalCase. It runs from one upper-case letter
/// to the next with one comparison a character, so keywords, locals, parameters, whitespace and punctuation (most of
/// the text) cost no more than that; an upper-case letter inside an identifier (<c>corsPolicy</c>) is passed over by
/// looking at the character before it. The identifiers that do start one are looked up in a hash
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

    /// <summary>A bit per first letter of the word prefixes (by its code mod 64): most identifiers start with none of them.</summary>
    private readonly ulong _wordInitials;

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
            if (name.Length == 0 || (uint)(name[0] - 'A') > 'Z' - 'A')
            {
                throw new ArgumentException("A name starts with an ASCII upper-case letter: " + name, nameof(names));
            }

            var slot = Hash(name.AsSpan()) & (size - 1);
            while (_slots[slot] is { } taken && taken != name)
            {
                slot = (slot + 1) & (size - 1);
            }

            _slots[slot] = name;
            _slotFlags[slot] |= flags;
            _longest = Math.Max(_longest, name.Length);
        }

        foreach (var (prefix, _) in _words)
        {
            if (prefix.Length == 0 || (uint)(prefix[0] - 'A') > 'Z' - 'A')
            {
                throw new ArgumentException("A word prefix starts with an ASCII upper-case letter: " + prefix, nameof(words));
            }

            _wordInitials |= 1UL << (prefix[0] & 63);
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

    /// <summary>
    /// The scan: <see cref="Classify"/> on every identifier that starts with an ASCII upper-case letter, in one method that
    /// hashes each identifier as it reads it and looks it up in place.
    /// </summary>
    /// <remarks>
    /// It reads every character of every tree once per build, so it is compiled fully optimized on its first call
    /// (<see cref="AggressiveOptimization"/>). Left to tiered compilation, a fresh process (a cold compiler server, as
    /// on a CI agent) ran it unoptimized for its first several thousand trees: about 25 ms per 1,000 files of the
    /// benchmark's code base against 7 ms once optimized. A test checks that it finds what <see cref="Classify"/> does.
    /// </remarks>
    [MethodImpl(AggressiveOptimization)]
    private int Scan(ReadOnlySpan<char> text, int enough, List<long>? hits)
    {
        var slots = _slots;
        var slotFlags = _slotFlags;
        var kinds = AsciiKinds; // a local: a method compiled before its class's statics are set reads a static field on every use
        var mask = slots.Length - 1;
        var flags = 0;
        var position = 0;
        while (true)
        {
            // Every name of interest starts with an ASCII upper-case letter: run to the next one, one compare a character.
            while (position < text.Length && (uint)(text[position] - 'A') > 'Z' - 'A')
            {
                position++;
            }

            if (position >= text.Length)
            {
                break;
            }

            var start = position;
            if (start > 0 && IsPart(text[start - 1], kinds))
            {
                position++; // a new word inside an identifier (corsPolicy, Use_Cors), not its start
                continue;
            }

            var c = text[position];
            var hash = HashStep(HashSeed, c);
            while (++position < text.Length && IsPart(c = text[position], kinds))
            {
                hash = HashStep(hash, c);
            }

            var length = position - start;
            var named = 0;
            if (length <= _longest)
            {
                for (var slot = (int)(hash & 0x7FFFFFFF) & mask; slots[slot] is { } candidate; slot = (slot + 1) & mask)
                {
                    if (candidate.Length == length && text.Slice(start, length).SequenceEqual(candidate.AsSpan()))
                    {
                        named = slotFlags[slot];
                        break;
                    }
                }
            }

            var first = text[start];
            if ((_wordInitials & (1UL << (first & 63))) != 0)
            {
                foreach (var (prefix, wordFlags) in _words)
                {
                    // StartsWord, spelled out: calling it here made the whole scan about 15 % slower
                    if (length >= prefix.Length && text.Slice(start, prefix.Length).SequenceEqual(prefix.AsSpan())
                        && (length == prefix.Length || char.IsUpper(text[start + prefix.Length])))
                    {
                        named |= wordFlags;
                    }
                }
            }

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

        static bool IsPart(char c, byte[] kinds) => c < 128 ? kinds[c] != Other : char.IsLetterOrDigit(c);
    }

    /// <summary><see cref="MethodImplOptions"/>.AggressiveOptimization, which netstandard2.0 does not name; runtimes that do not know it ignore it.</summary>
    private const MethodImplOptions AggressiveOptimization = (MethodImplOptions)512;

    private const byte Other = 0;
    private const byte Part = 1;

    /// <summary>What each ASCII character is to the scan: part of an identifier or not.</summary>
    private static readonly byte[] AsciiKinds = Enumerable.Range(0, 128)
        .Select(c => IsIdentifierPart((char)c) ? Part : Other)
        .ToArray();

    /// <summary>FNV-1a over the characters, as an index into the slots.</summary>
    private static int Hash(ReadOnlySpan<char> name)
    {
        var hash = HashSeed;
        foreach (var c in name)
        {
            hash = HashStep(hash, c);
        }

        return (int)(hash & 0x7FFFFFFF);
    }

    private const uint HashSeed = 2166136261u;

    /// <summary>One character of FNV-1a; <see cref="Scan(ReadOnlySpan{char}, int, List{long})"/> hashes as it reads, with the same steps.</summary>
    private static uint HashStep(uint hash, char c) => (hash ^ c) * 16777619u;

    /// <summary>Whether <paramref name="name"/> is <paramref name="prefix"/> alone or followed by a new word: <c>UseCors</c>, not <c>User</c>.</summary>
    public static bool StartsWord(ReadOnlySpan<char> name, string prefix) =>
        name.StartsWith(prefix.AsSpan(), StringComparison.Ordinal) && (name.Length == prefix.Length || char.IsUpper(name[prefix.Length]));

    /// <summary>A character that continues a C# identifier (letters, digits, '_'; escapes and other categories are rare enough to ignore).</summary>
    internal static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c);

    /// <summary>Whether the <paramref name="length"/> characters at <paramref name="start"/> are a whole identifier, not part of a longer one.</summary>
    internal static bool IsWholeIdentifier(ReadOnlySpan<char> text, int start, int length) =>
        (start == 0 || !IsIdentifierPart(text[start - 1])) && (start + length == text.Length || !IsIdentifierPart(text[start + length]));
}
