using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers;

/// <summary>
/// Where a syntax tree names something one of the three analyzer families looks for: the start of every identifier of
/// interest (and of every "Access-Control-" text), with the families it matters to, in source order.
/// </summary>
/// <remarks>
/// <para>
/// The tree's text is read once, by whichever analyzer first asks for it, and the index is shared by all three
/// (<see cref="Of"/>). Each code block is then judged by a binary search over its spans (<see cref="CodeBlocks.Flags"/>) instead
/// of each analyzer copying and searching its text, which was most of what the analyzers cost on the many blocks that
/// hold nothing of interest.
/// </para>
/// <para>
/// An identifier never straddles a block's span (a body starts at its brace, an initializer at its '='), so a name
/// found in the tree lies in a block's span exactly when the block's own text holds it.
/// </para>
/// </remarks>
internal sealed class SourceIndex
{
    /// <summary>One of <see cref="PolicyAnalyzer.PolicyNames"/>: the block may build, change or hand on a policy.</summary>
    public const int HoldsPolicy = 1;

    /// <summary>One of <see cref="Endpoints.EndpointCollector.Names"/>: the block may map endpoints or apply policies.</summary>
    public const int MapsEndpoints = 2;

    /// <summary>One of <see cref="PipelineAnalyzer.Names"/>: the block may add to a pipeline or register services.</summary>
    public const int ShapesPipeline = 4;

    /// <summary>A <c>Headers</c> or <c>AccessControl*</c> name, or an "Access-Control-" text: the block may write CORS headers.</summary>
    public const int WritesHeaders = 8;

    /// <summary>Every family's names, found in one pass over a tree's text.</summary>
    private static readonly SourceNames AllNames = SourceNames.Union(PolicyAnalyzer.Names, PipelineAnalyzer.Names, HeaderAnalyzer.Names);

    private const string HeaderPrefix = "Access-Control-";

    /// <summary>
    /// The index of each tree, shared by the three analyzers and built by whichever asks first. The table holds its trees
    /// weakly, so an index lives exactly as long as its tree, and is made from the tree's text alone: nothing of a
    /// compilation is kept. (Roslyn's <see cref="SyntaxTreeValueProvider{TValue}"/> keeps the same kind of table;
    /// reached through a start context it takes two locks per look-up, which cost more than all the blocks' searches.)
    /// </summary>
    private static readonly ConditionalWeakTable<SyntaxTree, Lazy<SourceIndex>> Indexes = new();

    /// <summary>
    /// A tree's entry is a <see cref="Lazy{T}"/>, made in no time: the three analyzers reach a tree's blocks at about the
    /// same moment, and one of them builds its index while the others wait, instead of each building its own.
    /// </summary>
    private static readonly ConditionalWeakTable<SyntaxTree, Lazy<SourceIndex>>.CreateValueCallback NewEntry =
        tree => new Lazy<SourceIndex>(() => Build(tree), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The thread's list of names found, reused from tree to tree: a tree's index is then its one array.</summary>
    [ThreadStatic]
    private static List<long>? t_found;

    /// <summary>The names in source order: each start (high half) with its flags (low half), one entry per start.</summary>
    private readonly long[] _names;

    private SourceIndex(long[] names)
    {
        _names = names;
        foreach (var name in names)
        {
            Any |= (int)name;
        }
    }

    /// <summary>The union of the flags of every name in the tree.</summary>
    public int Any { get; }

    /// <summary>The index of <paramref name="tree"/>, built the first time any analyzer asks for it.</summary>
    public static SourceIndex Of(SyntaxTree tree) => Indexes.GetValue(tree, NewEntry).Value;

    /// <summary>
    /// The index of a code block's tree, reached through its semantic model: a node's own <c>SyntaxTree</c> climbs to
    /// the root the first time it is asked, on every one of the many blocks that are then skipped.
    /// </summary>
    /// <remarks>
    /// The blocks a thread is handed come mostly from one tree after another, so the thread keeps the last tree it
    /// asked about with its index. The table look-up this saves reads memory that the other analyzers' work on the
    /// block has pushed out of the cache; in a profile, most samples of the judgement itself fell on its loads. A
    /// thread so keeps one tree (never a compilation) until it is handed a block of another tree.
    /// </remarks>
    public static SourceIndex Of(CodeBlockAnalysisContext block)
    {
        var tree = block.SemanticModel.SyntaxTree;
        if (ReferenceEquals(t_lastTree, tree))
        {
            return t_lastIndex!;
        }

        var index = Of(tree);
        t_lastTree = tree;
        t_lastIndex = index;
        return index;
    }

    [ThreadStatic]
    private static SyntaxTree? t_lastTree;

    [ThreadStatic]
    private static SourceIndex? t_lastIndex;

    /// <summary>The union of the flags of the names that start inside <paramref name="span"/>; stops once <paramref name="enough"/> are all set.</summary>
    public int Flags(TextSpan span, int enough)
    {
        if ((Any & enough) == 0 || span.IsEmpty)
        {
            return 0;
        }

        var flags = 0;
        for (var i = FirstAtOrAfter(span.Start); i < _names.Length && (int)(_names[i] >> 32) < span.End; i++)
        {
            flags |= (int)_names[i];
            if ((flags & enough) == enough)
            {
                break;
            }
        }

        return flags & enough;
    }

    /// <summary>Reads a tree's text once; a tree's text is parsed source, so reading it cannot fail.</summary>
    internal static SourceIndex Build(SyntaxTree tree)
    {
        var source = tree.GetText();
        var found = t_found ??= new List<long>();
        found.Clear();
        using (var text = BlockText.Rent())
        {
            text.Append(source, new TextSpan(0, source.Length));
            AllNames.Find(text.Span, found);
            if (FindHeaderTexts(text.Span, found))
            {
                found.Sort();
            }
        }

        // One entry per start: a header text that starts where a name does has its flags merged with the name's.
        var count = 0;
        for (var i = 0; i < found.Count; i++)
        {
            if (count > 0 && found[count - 1] >> 32 == found[i] >> 32)
            {
                found[count - 1] |= found[i];
            }
            else
            {
                found[count++] = found[i];
            }
        }

        var names = new long[count];
        found.CopyTo(0, names, 0, count);
        return new SourceIndex(names);
    }

    /// <summary>Every "Access-Control-" in the text, in any case: found by its '-' (which has no case), then compared. Whether there was one.</summary>
    private static bool FindHeaderTexts(ReadOnlySpan<char> text, List<long> hits)
    {
        var any = false;
        var offset = HeaderPrefix.IndexOf('-');
        for (var from = offset; from < text.Length;)
        {
            var found = text.Slice(from).IndexOf('-');
            if (found < 0)
            {
                return any;
            }

            var start = from + found - offset;
            if (start >= 0 && start + HeaderPrefix.Length <= text.Length && text.Slice(start, HeaderPrefix.Length).Equals(HeaderPrefix.AsSpan(), StringComparison.OrdinalIgnoreCase))
            {
                hits.Add(((long)start << 32) | WritesHeaders);
                any = true;
                from = start + HeaderPrefix.Length;
                continue;
            }

            from += found + 1;
        }

        return any;
    }

    private int FirstAtOrAfter(int position)
    {
        int low = 0, high = _names.Length;
        while (low < high)
        {
            var middle = (low + high) >> 1;
            if ((int)(_names[middle] >> 32) < position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
