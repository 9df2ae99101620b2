using System;
using System.Runtime.CompilerServices;
using System.Threading;
using CorsAnalyzers.Headers;
using CorsAnalyzers.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers;

/// <summary>
/// Which of the three analyzer families a code block may matter to, judged once for all three: the names its source
/// holds (<see cref="SourceIndex"/>), then, for a method, the parameters it receives. Most blocks of a web app matter
/// to none, and the analyzers return at once for them.
/// </summary>
/// <remarks>
/// <para>
/// The driver hands a block to every analyzer in turn, on one thread. The first of ours to judge it keeps the verdict
/// on that thread, and the next two read it back instead of searching the index and reading the method's parameters
/// again. A verdict is the same whichever analyzer computes it, so a verdict judged again (another thread, another
/// order) is only repeated work.
/// </para>
/// <para>
/// One gate per compilation, shared by the analyzers, holds the symbols the judgement needs. A thread keeps only what
/// identifies the block (its tree's index, its span, its owner's name and the gate's number): nothing that would keep
/// a compilation alive.
/// </para>
/// </remarks>
internal sealed class BlockGate
{
    /// <summary>Every family's flag (<see cref="SourceIndex"/>): what a verdict may hold.</summary>
    public const int AllFamilies = SourceIndex.HoldsPolicy | SourceIndex.MapsEndpoints | SourceIndex.ShapesPipeline | SourceIndex.WritesHeaders;

    /// <summary>
    /// Not a family: the method receives an <c>ICorsService</c> or <c>ICorsPolicyProvider</c> (code that evaluates CORS
    /// itself), found while its parameters are read for the verdict so that the pipeline family need not read them again.
    /// </summary>
    public const int ReceivesCorsService = 16;

    private static readonly ConditionalWeakTable<Compilation, BlockGate> Gates = new();

    private static readonly ConditionalWeakTable<Compilation, BlockGate>.CreateValueCallback NewGate = compilation => new BlockGate(compilation);

    private static int s_lastId;

    [ThreadStatic]
    private static SourceIndex? t_index;

    [ThreadStatic]
    private static string? t_owner;

    [ThreadStatic]
    private static int t_gate;

    [ThreadStatic]
    private static int t_start;

    [ThreadStatic]
    private static int t_end;

    [ThreadStatic]
    private static int t_verdict;

    private readonly int _id;

    private BlockGate(Compilation compilation)
    {
        _id = Interlocked.Increment(ref s_lastId);
        Headers = HeaderSymbols.Create(compilation);
        Cors = CorsSymbols.Create(compilation);
        Pipeline = PipelineSymbols.Create(compilation, Cors);
    }

    /// <summary>The header family's symbols; null without ASP.NET Core's HTTP abstractions.</summary>
    public HeaderSymbols? Headers { get; }

    /// <summary>The policy family's symbols; null without ASP.NET Core's CORS types.</summary>
    public CorsSymbols? Cors { get; }

    /// <summary>The pipeline family's symbols; null without ASP.NET Core's CORS types or <c>IApplicationBuilder</c>.</summary>
    public PipelineSymbols? Pipeline { get; }

    /// <summary>The compilation's gate, made by whichever analyzer asks first.</summary>
    public static BlockGate For(Compilation compilation) => Gates.GetValue(compilation, NewGate);

    /// <summary>
    /// The families <paramref name="block"/> may matter to, as <see cref="SourceIndex"/> flags:
    /// <list type="bullet">
    /// <item><see cref="SourceIndex.HoldsPolicy"/>: it names a policy method or type, or receives a
    /// <c>CorsPolicyBuilder</c> or <c>CorsPolicy</c> (a helper whose summary the policies that call it need);</item>
    /// <item><see cref="SourceIndex.MapsEndpoints"/>: it names an endpoint mapping, a policy definition or a service registration;</item>
    /// <item><see cref="SourceIndex.ShapesPipeline"/>: it names a middleware, mapping or service call, or receives an app
    /// or a value that carries services (a helper that may hand them on without naming anything);</item>
    /// <item><see cref="SourceIndex.WritesHeaders"/>: it names <c>Headers</c>, an <c>AccessControl*</c> member or an
    /// "Access-Control-" text, or receives an <c>IHeaderDictionary</c>;</item>
    /// <item><see cref="ReceivesCorsService"/>: a method that receives a CORS service.</item>
    /// </list>
    /// </summary>
    public int Judge(CodeBlockAnalysisContext block)
    {
        var index = SourceIndex.Of(block);
        var span = block.CodeBlock.FullSpan; // identifies the node as well as its span does, without walking its trivia
        var owner = block.OwningSymbol.Name;
        if (t_gate == _id && ReferenceEquals(t_index, index) && t_start == span.Start && t_end == span.End && string.Equals(t_owner, owner, System.StringComparison.Ordinal))
        {
            return t_verdict;
        }

        var verdict = CodeBlocks.Flags(block, index, AllFamilies);
        if (block.OwningSymbol is IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                var type = parameter.Type;
                if ((verdict & SourceIndex.WritesHeaders) == 0 && Headers is not null && Headers.IsHeaderDictionary(type))
                {
                    verdict |= SourceIndex.WritesHeaders;
                }

                if ((verdict & SourceIndex.HoldsPolicy) == 0 && Cors is not null && Cors.IsPolicyType(type))
                {
                    verdict |= SourceIndex.HoldsPolicy;
                }

                if (Pipeline is not null)
                {
                    if ((verdict & SourceIndex.ShapesPipeline) == 0 && Pipeline.IsAppOrCarriesServices(type))
                    {
                        verdict |= SourceIndex.ShapesPipeline;
                    }

                    if ((verdict & ReceivesCorsService) == 0 && Pipeline.IsCorsServiceType(type))
                    {
                        verdict |= ReceivesCorsService;
                    }
                }
            }
        }

        t_gate = _id;
        t_index = index;
        t_start = span.Start;
        t_end = span.End;
        t_owner = owner;
        t_verdict = verdict;
        return verdict;
    }
}
