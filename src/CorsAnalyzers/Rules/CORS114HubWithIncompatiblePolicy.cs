using System;
using System.Linq;
using CorsAnalyzers.Pipeline;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS114: a SignalR hub (<c>MapHub&lt;T&gt;</c>) is covered by a CORS policy that allows any origin or does not allow
/// credentials, on every path through the policy. The SignalR JavaScript client sends credentials by default.
/// </summary>
internal static class CORS114HubWithIncompatiblePolicy
{
    public const string Id = RuleIds.HubWithIncompatiblePolicy;

    private const string Title = "SignalR hub with an incompatible CORS policy";
    private const string MessageFormat =
        "The SignalR hub is covered by {0}, which {1}: the JavaScript client sends credentials by default, so the browser rejects the negotiate request ('Access-Control-Allow-Credentials' missing, or '*' with credentials) and the connection never starts; use explicit origins with AllowCredentials()";
    private const string Description =
        "The SignalR JavaScript client makes its negotiate and transport requests with credentials (withCredentials defaults to true). Browsers only accept such " +
        "responses with Access-Control-Allow-Credentials: true and an explicit origin, never '*'.";

    public static readonly DiagnosticDescriptor CompilationEndRule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Warning, Description, compilationEnd: true);

    public static void Check(PipelineProgram program, Action<Diagnostic> report)
    {
        foreach (var hub in program.Hubs)
        {
            var (fragment, name) = hub.Convention is { } convention
                ? Find(program, convention, hub.InlinePolicy, PolicyEntry.RequireCors, "the policy passed to RequireCors")
                : GlobalPolicy(program, hub);
            if (fragment is null || Verdict(program, fragment) is not { } problem)
            {
                continue;
            }

            report(Diagnostic.Create(CompilationEndRule, hub.Location, name, problem));
        }
    }

    /// <summary>The policy of the one UseCors of the production pipeline, when nothing else (endpoint metadata) can choose one.</summary>
    private static (PolicyFragment?, string) GlobalPolicy(PipelineProgram program, HubMapping hub)
    {
        var uses = program.Production.SelectMany(v => v.OfKind(MiddlewareKind.UseCors)).Select(e => e).ToList();
        if (!program.PipelinesKnown || uses.Count != 1 || program.UseCorsCalls.Count != 1 || program.Metadata.Count > 0 || uses[0].Policy is not { } policy)
        {
            return (null, string.Empty);
        }

        var inline = uses[0].Operation is IInvocationOperation invocation ? PipelineCollector.InlineLambda(invocation) : null;
        return Find(program, policy, inline, PolicyEntry.UseCors, "the policy passed to UseCors");
    }

    private static (PolicyFragment?, string) Find(PipelineProgram program, PolicyUse use, Location? inline, PolicyEntry inlineEntry, string inlineName)
    {
        switch (use.Kind)
        {
            case PolicyUseKind.Inline when inline is not null:
                return (program.PolicyFragments.FirstOrDefault(f => f.Entry == inlineEntry && f.Location == inline), inlineName);
            case PolicyUseKind.Named when program.Definitions.Count(d => !d.IsDefault && d.Name == use.Name) == 1 && !program.UnknownPolicyNames:
                var named = program.PolicyFragments.Where(f => f.Entry == PolicyEntry.AddPolicy && f.Name == use.Name).ToList();
                return (named.Count == 1 ? named[0] : null, $"CORS policy '{use.Name}'");
            case PolicyUseKind.Default when program.Definitions.Count(d => d.IsDefault) == 1 && !program.UnknownPolicyNames:
                var defaults = program.PolicyFragments.Where(f => f.Entry == PolicyEntry.AddDefaultPolicy).ToList();
                return (defaults.Count == 1 ? defaults[0] : null, "the default CORS policy");
            default:
                return (null, string.Empty);
        }
    }

    /// <summary>What is wrong on every path through the policy; null when some path is fine or unknown.</summary>
    private static string? Verdict(PipelineProgram program, PolicyFragment fragment)
    {
        if (!PolicyEvaluator.TryExpand(fragment, key => program.PolicySummaries.TryGetValue(key, out var summary) ? summary : null, out var steps))
        {
            return null;
        }

        var states = PolicyEvaluator.Paths(fragment.Entry, steps).ToList();
        if (states.Count == 0)
        {
            return null;
        }

        if (states.All(s => s.Origins is { Count: 1 } origins && origins[0].Value.Text == "*"))
        {
            return "allows any origin ('*')";
        }

        return states.All(s => s.Credentials == false) ? "does not allow credentials" : null;
    }
}
