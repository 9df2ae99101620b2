using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using CorsAnalyzers.Headers;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers;

/// <summary>
/// The hand-written header family: finds the <c>Access-Control-*</c> response header writes of each operation block
/// (inline middleware, middleware classes, filters, OnStarting callbacks, controllers: any method or lambda) and runs
/// the header rules over them. Everything is judged at the end of the block, so the IDE shows it as you type.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HeaderAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        CORS201HandWrittenWildcardOriginWithCredentials.Rule,
        CORS202HandWrittenHeaderReflectsTheRequestOrigin.Rule,
        CORS203HandWrittenCorsHeaders.Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var gate = BlockGate.For(context.Compilation);
        var symbols = gate.Headers;
        if (symbols is null)
        {
            return;
        }

        context.RegisterCodeBlockAction(block =>
        {
            // A header write needs a Headers member, an AccessControl* property, an "Access-Control-" literal or an
            // IHeaderDictionary parameter. Most blocks have none, and their operation trees are never built.
            if ((gate.Judge(block) & SourceIndex.WritesHeaders) == 0 || HeaderCollector.Collect(CodeBlocks.Operations(block), symbols, block.CancellationToken) is not { } model)
            {
                return;
            }

            Check(model, CodeBlocks.Reporter(block));
        });
    }

    /// <summary>The header rules over one block's model. (A method of its own: a closure in the block action would be made for every block.)</summary>
    private static void Check(HeaderModel model, Action<Diagnostic> report)
    {
        var reported = new HashSet<IOperation>();
        reported.UnionWith(CORS201HandWrittenWildcardOriginWithCredentials.Check(model, report));
        reported.UnionWith(CORS202HandWrittenHeaderReflectsTheRequestOrigin.Check(model, report));
        CORS203HandWrittenCorsHeaders.Check(model, reported, report);
    }

    /// <summary><c>Headers</c> and every <c>AccessControl*</c> name (the typed header properties, <c>HeaderNames</c> fields).</summary>
    internal static readonly SourceNames Names = new(
        [("Headers", SourceIndex.WritesHeaders)],
        [("AccessControl", SourceIndex.WritesHeaders)]);
}
