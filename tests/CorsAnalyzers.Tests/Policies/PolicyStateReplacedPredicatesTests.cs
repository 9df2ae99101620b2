using System.Collections.Immutable;
using CorsAnalyzers.Policies;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CorsAnalyzers.Tests.Policies;

/// <summary>Model additions made for CORS005/CORS011: replaced origin predicates, and where a step's values are reported.</summary>
public class PolicyStateReplacedPredicatesTests
{
    [Fact]
    public void A_predicate_step_records_the_one_it_replaces()
    {
        var state = EndStates("""
            p.WithOrigins("https://*.example.com")
             .SetIsOriginAllowedToAllowWildcardSubdomains()
             .SetIsOriginAllowed(o => true);
            """).Single();

        Assert.Equal(StepKind.SetIsOriginAllowed, state.OriginPredicate?.Kind);
        Assert.Equal(new[] { StepKind.SetIsOriginAllowedToAllowWildcardSubdomains }, state.ReplacedOriginPredicates.Select(s => s.Kind));
    }

    [Fact]
    public void Unknown_code_clears_the_replaced_predicates()
    {
        var state = EndStates("""
            p.SetIsOriginAllowedToAllowWildcardSubdomains().SetIsOriginAllowed(o => true);
            extra(p);
            """).Single();

        Assert.Null(state.OriginPredicate);
        Assert.False(state.OriginPredicateKnown);
        Assert.Empty(state.ReplacedOriginPredicates);
    }

    [Fact]
    public void Values_declared_outside_the_step_are_reported_at_the_step()
    {
        var (policy, _) = Collect("""
            p.WithOrigins(Fields.Origins).WithOrigins("https://a.com");
            """);
        var steps = policy.Steps.Where(s => s.Kind == StepKind.WithOrigins).ToList();

        var fromField = steps[0].ReportLocation(steps[0].Values[0]);
        Assert.Equal(steps[0].Location, fromField);
        var inline = steps[1].ReportLocation(steps[1].Values[0]);
        Assert.Equal("\"https://a.com\"", inline.SourceTree!.GetText().ToString(inline.SourceSpan));
    }

    private static IEnumerable<PolicyState> EndStates(string body)
    {
        var (policy, steps) = Collect(body);
        return PolicyEvaluator.Paths(policy.Entry, steps).ToList();
    }

    private static (PolicyFragment Policy, ImmutableArray<PolicyStep> Steps) Collect(string body)
    {
        var source = $$"""
            using System;
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Fields
            {
                public static readonly string[] Origins = { "https://*.example.com" };
            }

            public static class Setup
            {
                public static void Configure(CorsOptions options, Action<CorsPolicyBuilder> extra)
                {
                    options.AddPolicy("p", p =>
                    {
                        {{body}}
                    });
                }
            }
            """;
        var compilation = AnalyzerHarness.Compile(new[] { source });
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "Configure");
        var block = model.GetOperation(method.Body!)!;
        var symbols = CorsSymbols.Create(compilation)!;
        var policies = PolicyCollector.Collect(ImmutableArray.Create(block), model.GetDeclaredSymbol(method)!, symbols, CancellationToken.None);
        var policy = Assert.Single(policies.Policies);
        Assert.True(PolicyEvaluator.TryExpand(policy, _ => null, out var steps));
        return (policy, steps);
    }
}
