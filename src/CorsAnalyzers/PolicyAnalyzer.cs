using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CorsAnalyzers.Configuration;
using CorsAnalyzers.Endpoints;
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
        CORS012PolicyBlocksPreflightedRequests.Rule,
        CORS013PreflightMaxAgeBeyondWhatBrowsersHonour.Rule,
        CORS301OriginSettingMissingForAnEnvironment.Rule,
        CORS302MalformedOriginInConfiguration.Rule,
        CORS303WildcardOriginInProductionConfiguration.Rule);

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
        var gate = BlockGate.For(context.Compilation);
        var symbols = gate.Cors;
        if (symbols is null)
        {
            return;
        }

        var summaries = new ConcurrentDictionary<HelperKey, HelperSummary>();
        var appSettings = AppSettingsSource.Create(context.Options); // CORS301-CORS303; parsed only when a policy reads configuration
        var pending = new ConcurrentQueue<(PolicyFragment Policy, bool EnvironmentOnly)>();

        // Endpoint facts for rules that need to know which endpoints a policy applies to; judged at compilation end.
        var endpoints = new EndpointFacts();
        var judgedPolicies = new ConcurrentQueue<PolicyFragment>();
        if (symbols.ControllerBase is not null)
        {
            context.RegisterSymbolAction(symbol => EndpointCollector.CollectController((INamedTypeSymbol)symbol.Symbol, symbols, endpoints), SymbolKind.NamedType);
        }

        context.RegisterCodeBlockAction(block =>
        {
            var found = gate.Judge(block);
            var holdsPolicy = (found & HoldsPolicy) != 0;
            var mapsEndpoints = (found & MapsEndpoints) != 0;

            if (!holdsPolicy && !mapsEndpoints)
            {
                return;
            }

            var operations = CodeBlocks.Operations(block);
            if (mapsEndpoints)
            {
                EndpointCollector.Collect(operations, block.OwningSymbol, symbols, endpoints, block.CancellationToken);
            }

            if (!holdsPolicy)
            {
                return;
            }

            var policies = PolicyCollector.Collect(operations, block.OwningSymbol, symbols, block.CancellationToken);
            foreach (var summary in policies.Summaries)
            {
                summaries[summary.Key] = summary.Value;
            }

            System.Action<Diagnostic>? report = null;
            foreach (var policy in policies.Policies)
            {
                var local = policies.Summaries;
                if (!PolicyEvaluator.TryExpand(policy, key => local.TryGetValue(key, out var s) ? s : null, out var steps))
                {
                    pending.Enqueue((policy, false));
                    continue;
                }

                var blockContext = new PolicyContext(policy, steps, policy.Environment, isCompilationEnd: false, symbols, report ??= CodeBlocks.Reporter(block))
                {
                    Configuration = appSettings,
                    CancellationToken = block.CancellationToken,
                };
                Run(blockContext, r => !r.NeedsEndpoints);
                if (policy.Environment == PolicyEnvironment.Unknown)
                {
                    pending.Enqueue((policy, true));
                }

                if (EndpointKey(policy) is not null)
                {
                    judgedPolicies.Enqueue(policy);
                }
            }
        });

        context.RegisterCompilationEndAction(end =>
        {
            var withEndpoints = !endpoints.IsEmpty && (!judgedPolicies.IsEmpty || !pending.IsEmpty);
            if (pending.IsEmpty && !withEndpoints)
            {
                return;
            }

            var byPolicy = withEndpoints ? endpoints.ByPolicy() : null;
            IReadOnlyList<EndpointFact>? EndpointsOf(PolicyFragment policy) =>
                byPolicy is not null && EndpointKey(policy) is { } key && byPolicy.TryGetValue(key, out var list) ? list : null;

            EnvironmentResolver? environments = null;
            foreach (var (policy, environmentOnly) in pending)
            {
                end.CancellationToken.ThrowIfCancellationRequested();
                PolicyEvaluator.TryExpand(policy, key => summaries.TryGetValue(key, out var s) ? s : null, out var steps);
                var applied = environmentOnly ? null : EndpointsOf(policy);
                System.Func<PolicyRule, bool> include = r => environmentOnly ? r.NeedsEnvironment && !r.NeedsEndpoints : true;
                var environment = policy.Environment;

                // Looking up who calls the policy's method is the expensive part. When the rules report nothing in any
                // environment (production, development, unknown), the answer cannot change the outcome: skip it.
                if (environment == PolicyEnvironment.Unknown)
                {
                    if (!WouldReport(PolicyEnvironment.Production) && !WouldReport(PolicyEnvironment.Development) && !WouldReport(PolicyEnvironment.Unknown))
                    {
                        continue;
                    }

                    environments ??= new EnvironmentResolver(end.Compilation, end.CancellationToken);
                    environment = environments.Resolve(policy.OwningMethod);
                }

                Run(Context(environment, end.ReportDiagnostic), include);

                PolicyContext Context(PolicyEnvironment assumed, System.Action<Diagnostic> report) =>
                    new(policy, steps, assumed, isCompilationEnd: true, symbols, report)
                    {
                        Endpoints = applied,
                        EndpointModel = endpoints,
                        Configuration = appSettings,
                        CancellationToken = end.CancellationToken,
                    };

                bool WouldReport(PolicyEnvironment assumed)
                {
                    var reports = false;
                    Run(Context(assumed, _ => reports = true), include);
                    return reports;
                }
            }

            foreach (var policy in judgedPolicies)
            {
                end.CancellationToken.ThrowIfCancellationRequested();
                if (EndpointsOf(policy) is not { } applied)
                {
                    continue;
                }

                PolicyEvaluator.TryExpand(policy, key => summaries.TryGetValue(key, out var s) ? s : null, out var steps);
                var context = new PolicyContext(policy, steps, policy.Environment, isCompilationEnd: true, symbols, end.ReportDiagnostic)
                {
                    Endpoints = applied,
                    EndpointModel = endpoints,
                };
                Run(context, r => r.NeedsEndpoints);
            }
        });
    }

    /// <summary>How endpoints name a policy: its AddPolicy name, "" for the default policy, the inline policy's location.</summary>
    private static object? EndpointKey(PolicyFragment policy) => policy.Entry switch
    {
        PolicyEntry.AddPolicy => policy.Name,
        PolicyEntry.AddDefaultPolicy => string.Empty,
        PolicyEntry.UseCors or PolicyEntry.RequireCors => policy.Location,
        _ => null,
    };

    /// <summary>
    /// Names one of which appears in every block that builds, changes or hands on a policy. Checking the block's
    /// tokens for them is much cheaper than walking its operations, and most blocks of a web app have none.
    /// </summary>
    internal static readonly HashSet<string> PolicyNames = new(System.StringComparer.Ordinal)
    {
        "AddCors", "AddPolicy", "AddDefaultPolicy", "UseCors", "RequireCors", "CorsPolicyBuilder", "CorsPolicy",
        "WithOrigins", "AllowAnyOrigin", "SetIsOriginAllowed", "SetIsOriginAllowedToAllowWildcardSubdomains",
        "AllowCredentials", "DisallowCredentials", "WithMethods", "AllowAnyMethod", "WithHeaders", "AllowAnyHeader",
        "WithExposedHeaders", "SetPreflightMaxAge", "Origins", "Methods", "Headers", "ExposedHeaders",
        "SupportsCredentials", "IsOriginAllowed", "PreflightMaxAge",
    };

    private const int HoldsPolicy = SourceIndex.HoldsPolicy;
    private const int MapsEndpoints = SourceIndex.MapsEndpoints;

    /// <summary>The names of <see cref="PolicyNames"/> and <see cref="EndpointCollector.Names"/> (a test checks that each name is found).</summary>
    internal static readonly SourceNames Names = new(
        SourceNames.Meaning(PolicyNames, HoldsPolicy).Concat(SourceNames.Meaning(EndpointCollector.Names, MapsEndpoints)));

    private static void Run(PolicyContext context, System.Func<PolicyRule, bool> include)
    {
        foreach (var rule in Rules)
        {
            if (!include(rule))
            {
                continue;
            }

            if (rule.NeedsEnvironment && context.Environment == PolicyEnvironment.Unknown)
            {
                continue;
            }

            if (rule.NeedsEndpoints && context.Endpoints is null)
            {
                continue;
            }

            rule.Check(context);
        }
    }
}
