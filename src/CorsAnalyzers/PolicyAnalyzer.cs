using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using CorsAnalyzers.Policies;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers;

/// <summary>
/// The policy family: builds the policy model of each operation block and runs the policy rules over it.
/// A policy held entirely in one block (with its local functions) is judged at the end of that block, so the IDE
/// shows it live; a policy that hands its builder to helper methods elsewhere is judged at compilation end, once
/// every helper's summary is known.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PolicyAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        CORS001WildcardOriginWithCredentials.Rule,
        CORS001WildcardOriginWithCredentials.CompilationEndRule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var symbols = CorsSymbols.Create(context.Compilation);
        if (symbols is null)
        {
            return;
        }

        var summaries = new ConcurrentDictionary<HelperKey, HelperSummary>();
        var pending = new ConcurrentQueue<PolicyFragment>();

        context.RegisterOperationBlockAction(block =>
        {
            var policies = PolicyCollector.Collect(block.OperationBlocks, block.OwningSymbol, symbols, block.CancellationToken);
            foreach (var summary in policies.Summaries)
            {
                summaries[summary.Key] = summary.Value;
            }

            foreach (var policy in policies.Policies)
            {
                var local = policies.Summaries;
                if (PolicyEvaluator.TryExpand(policy, key => local.TryGetValue(key, out var s) ? s : null, out var steps))
                {
                    Report(policy, steps, CORS001WildcardOriginWithCredentials.Rule, block.ReportDiagnostic);
                }
                else
                {
                    pending.Enqueue(policy);
                }
            }
        });

        context.RegisterCompilationEndAction(end =>
        {
            foreach (var policy in pending)
            {
                end.CancellationToken.ThrowIfCancellationRequested();
                PolicyEvaluator.TryExpand(policy, key => summaries.TryGetValue(key, out var s) ? s : null, out var steps);
                Report(policy, steps, CORS001WildcardOriginWithCredentials.CompilationEndRule, end.ReportDiagnostic);
            }
        });
    }

    private static void Report(PolicyFragment policy, ImmutableArray<PolicyStep> steps, DiagnosticDescriptor descriptor, System.Action<Diagnostic> report)
    {
        var found = new Dictionary<Location, Diagnostic>();
        foreach (var state in PolicyEvaluator.Paths(policy.Entry, steps))
        {
            CORS001WildcardOriginWithCredentials.Check(policy, state, descriptor, found);
        }

        foreach (var diagnostic in found.Values)
        {
            report(diagnostic);
        }
    }
}
