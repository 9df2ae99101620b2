using System;
using System.Collections.Immutable;
using System.Linq;
using CorsAnalyzers.Pipeline;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS110: <c>[DisableCors]</c> on an endpoint that a <c>RequireCors</c> convention also covers: on <c>MapControllers()</c>
/// for controllers and actions, on the endpoint itself or on its group for minimal endpoints. The convention's metadata
/// is added after the attribute's and wins, so CORS stays enabled.
/// </summary>
internal static class CORS110DisableCorsOverridden
{
    public const string Id = RuleIds.DisableCorsOverridden;

    private const string Title = "DisableCors overridden";
    private const string MessageFormat =
        "[DisableCors] has no effect: the RequireCors convention {0} is applied after it and wins, so cross-origin callers still get CORS headers for this endpoint; remove one of them";
    private const string Description =
        "The CORS middleware uses the last CORS metadata of an endpoint. Conventions (RequireCors on MapControllers(), a group or the endpoint) add their metadata " +
        "after the endpoint's own attributes, so a [DisableCors] attribute under such a convention is silently ignored.";

    public static readonly DiagnosticDescriptor Rule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Warning, Description, compilationEnd: false);

    public static readonly DiagnosticDescriptor CompilationEndRule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Warning, Description, compilationEnd: true);

    /// <summary>Minimal endpoints: settled within one block.</summary>
    public static void CheckBlock(BlockPipelineFacts facts, Action<Diagnostic> report)
    {
        foreach (var overridden in facts.OverriddenDisableCors)
        {
            report(Create(Rule, overridden.Attribute, overridden.Convention));
        }
    }

    /// <summary>Controllers and actions under <c>MapControllers().RequireCors(...)</c>, wherever each is declared.</summary>
    public static void Check(PipelineProgram program, Action<Diagnostic> report)
    {
        var convention = program.ControllerConventions.FirstOrDefault();
        if (convention is null)
        {
            return;
        }

        foreach (var metadata in program.Metadata.Where(m => m.Kind == MetadataKind.DisableCors && m.OnController))
        {
            report(Create(CompilationEndRule, metadata.Location, convention));
        }
    }

    private static Diagnostic Create(DiagnosticDescriptor descriptor, Location attribute, Location convention) =>
        Diagnostic.Create(
            descriptor,
            attribute,
            new[] { convention },
            ImmutableDictionary<string, string?>.Empty.Add(PipelineFix.Kind, PipelineFix.RemoveAttribute),
            $"at line {convention.GetLineSpan().StartLinePosition.Line + 1} of {System.IO.Path.GetFileName(convention.SourceTree?.FilePath ?? string.Empty)}");
}
