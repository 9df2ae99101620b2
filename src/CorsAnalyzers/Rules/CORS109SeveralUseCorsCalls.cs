using System;
using System.Collections.Immutable;
using CorsAnalyzers.Pipeline;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>CORS109: more than one UseCors in one pipeline; the first CORS middleware with a policy answers every preflight.</summary>
internal static class CORS109SeveralUseCorsCalls
{
    public const string Id = RuleIds.SeveralUseCorsCalls;

    private const string Title = "Several UseCors calls";
    private const string MessageFormat =
        "UseCors is already called earlier in this pipeline: the first CORS middleware with a policy answers every preflight with 204, so this call's policy never applies to preflights and the browser blocks what it was meant to allow; merge them into one UseCors";
    private const string Description =
        "Each UseCors adds its own CORS middleware. The first one that finds a policy answers the preflight and ends the request, so later ones never see preflights. " +
        "Use one UseCors with endpoint metadata ([EnableCors], RequireCors) for per-endpoint policies.";

    public static readonly DiagnosticDescriptor Rule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Warning, Description, compilationEnd: false);

    public static readonly DiagnosticDescriptor CompilationEndRule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Warning, Description, compilationEnd: true);

    public static void CheckOrder(PipelineView view, DiagnosticDescriptor descriptor, Action<Diagnostic> report)
    {
        for (var i = 0; i < view.Events.Length; i++)
        {
            var cors = view.Events[i];
            if (cors.Kind != MiddlewareKind.UseCors
                || PipelineDescriptors.Before(view, i, e => e.Kind == MiddlewareKind.UseCors) is not { } first)
            {
                continue;
            }

            // The same policy twice: the later call adds nothing and can go.
            var duplicate = cors.Policy is { Kind: PolicyUseKind.Default or PolicyUseKind.Named } policy
                && first.Policy is { } earlier && earlier.Kind == policy.Kind && earlier.Name == policy.Name
                && cors.Branches.IsEmpty && PipelineFix.PlainStatement(cors.Operation) is not null;
            report(duplicate
                ? Diagnostic.Create(descriptor, cors.Location, new[] { first.Location }, ImmutableDictionary<string, string?>.Empty.Add(PipelineFix.Kind, PipelineFix.Remove))
                : Diagnostic.Create(descriptor, cors.Location, additionalLocations: new[] { first.Location }));
        }
    }
}
