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
        CORS002AnyOriginReflectedWithCredentials.Rule,
        CORS003PermissiveOriginOutsideDevelopment.Rule,
        CORS004OriginNeverMatches.Rule,
        CORS005WildcardSubdomainMisuse.Rule,
        CORS006NullOriginAllowed.Rule,
        CORS007WeakOriginPredicate.Rule,
        CORS008WildcardLostAmongExplicitOrigins.Rule,
        CORS009DevelopmentOriginInProductionPolicy.Rule,
        CORS010OriginsReadFromConfigurationAsOneString.Rule,
        CORS011HttpMethodNotUpperCase.Rule,
        CORS013PreflightMaxAgeBeyondWhatBrowsersHonour.Rule);

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
        var pending = new ConcurrentQueue<(PolicyFragment Policy, bool EnvironmentOnly)>();

        context.RegisterOperationBlockAction(block =>
        {
            if (!MayHoldPolicy(block, symbols))
            {
                return;
            }

            var policies = PolicyCollector.Collect(block.OperationBlocks, block.OwningSymbol, symbols, block.CancellationToken);
            foreach (var summary in policies.Summaries)
            {
                summaries[summary.Key] = summary.Value;
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

            var environments = new EnvironmentResolver(end.Compilation, end.CancellationToken);
            foreach (var (policy, environmentOnly) in pending)
            {
                end.CancellationToken.ThrowIfCancellationRequested();
                PolicyEvaluator.TryExpand(policy, key => summaries.TryGetValue(key, out var s) ? s : null, out var steps);
                var environment = policy.Environment != PolicyEnvironment.Unknown ? policy.Environment : environments.Resolve(policy.OwningMethod);
                Run(new PolicyContext(policy, steps, environment, isCompilationEnd: true, symbols, end.ReportDiagnostic), environmentOnly);
            }
        });
    }

    /// <summary>
    /// Names one of which appears in every block that builds, changes or hands on a policy. Checking the block's
    /// tokens for them is much cheaper than walking its operations, and most blocks of a web app have none.
    /// </summary>
    private static readonly HashSet<string> PolicyNames = new(System.StringComparer.Ordinal)
    {
        "AddCors", "AddPolicy", "AddDefaultPolicy", "UseCors", "RequireCors", "CorsPolicyBuilder", "CorsPolicy",
        "WithOrigins", "AllowAnyOrigin", "SetIsOriginAllowed", "SetIsOriginAllowedToAllowWildcardSubdomains",
        "AllowCredentials", "DisallowCredentials", "WithMethods", "AllowAnyMethod", "WithHeaders", "AllowAnyHeader",
        "WithExposedHeaders", "SetPreflightMaxAge", "Origins", "Methods", "Headers", "ExposedHeaders",
        "SupportsCredentials", "IsOriginAllowed", "PreflightMaxAge",
    };

    private static bool MayHoldPolicy(OperationBlockAnalysisContext block, CorsSymbols symbols)
    {
        if (block.OwningSymbol is IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (symbols.IsPolicyType(parameter.Type))
                {
                    return true; // a helper: its summary is needed by the policies that call it
                }
            }
        }

        foreach (var operation in block.OperationBlocks)
        {
            foreach (var token in operation.Syntax.DescendantTokens())
            {
                if (token.RawKind == (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken && PolicyNames.Contains(token.ValueText))
                {
                    return true;
                }
            }
        }

        return false;
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
