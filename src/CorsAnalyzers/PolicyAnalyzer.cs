using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CorsAnalyzers.Policies;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers;

/// <summary>
/// The policy family: builds the policy model of each operation block and runs the policy rules over it.
/// A policy held entirely in one block (with its local functions) is judged at the end of that block, so the IDE
/// shows it live; a policy that hands its builder to helper methods elsewhere, or whose environment depends on who
/// calls its method, is judged at compilation end, once every helper's summary and every call site is known.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PolicyAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableArray<PolicyRule> Rules = ImmutableArray.Create(
        CORS001WildcardOriginWithCredentials.Rule,
        CORS004OriginNeverMatches.Rule,
        CORS006NullOriginAllowed.Rule,
        CORS008WildcardLostAmongExplicitOrigins.Rule,
        CORS009DevelopmentOriginInProductionPolicy.Rule);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        Rules.SelectMany(r => new[] { r.Descriptors.Block, r.Descriptors.CompilationEnd }).ToImmutableArray();

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
        var calls = new ConcurrentQueue<CallSite>();
        var pending = new ConcurrentQueue<(PolicyFragment Policy, bool EnvironmentOnly)>();

        context.RegisterOperationBlockAction(block =>
        {
            var policies = PolicyCollector.Collect(block.OperationBlocks, block.OwningSymbol, symbols, block.CancellationToken);
            foreach (var summary in policies.Summaries)
            {
                summaries[summary.Key] = summary.Value;
            }

            foreach (var call in policies.Calls)
            {
                calls.Enqueue(call);
            }

            foreach (var policy in policies.Policies)
            {
                var local = policies.Summaries;
                if (!PolicyEvaluator.TryExpand(policy, key => local.TryGetValue(key, out var s) ? s : null, out var steps))
                {
                    pending.Enqueue((policy, false));
                    continue;
                }

                Run(new PolicyContext(policy, steps, policy.Environment, isCompilationEnd: false, symbols, block.ReportDiagnostic), environmentOnly: false);
                if (policy.Environment == PolicyEnvironment.Unknown)
                {
                    pending.Enqueue((policy, true));
                }
            }
        });

        context.RegisterCompilationEndAction(end =>
        {
            if (pending.IsEmpty)
            {
                return;
            }

            var environments = new EnvironmentResolver(calls);
            foreach (var (policy, environmentOnly) in pending)
            {
                end.CancellationToken.ThrowIfCancellationRequested();
                PolicyEvaluator.TryExpand(policy, key => summaries.TryGetValue(key, out var s) ? s : null, out var steps);
                var environment = policy.Environment != PolicyEnvironment.Unknown ? policy.Environment : environments.Resolve(policy.OwningMethod);
                Run(new PolicyContext(policy, steps, environment, isCompilationEnd: true, symbols, end.ReportDiagnostic), environmentOnly);
            }
        });
    }

    private static void Run(PolicyContext context, bool environmentOnly)
    {
        foreach (var rule in Rules)
        {
            if (environmentOnly && !rule.NeedsEnvironment)
            {
                continue;
            }

            if (rule.NeedsEnvironment && context.Environment == PolicyEnvironment.Unknown)
            {
                continue;
            }

            rule.Check(context);
        }
    }
}
