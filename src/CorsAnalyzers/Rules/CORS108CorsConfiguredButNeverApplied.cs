using System;
using System.Linq;
using CorsAnalyzers.Pipeline;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules;

/// <summary>
/// CORS108: policies are defined (<c>AddPolicy</c>/<c>AddDefaultPolicy</c>) but nothing applies them: no UseCors anywhere,
/// no endpoint metadata, no code that evaluates CORS itself. No response ever carries CORS headers.
/// </summary>
internal static class CORS108CorsConfiguredButNeverApplied
{
    public const string Id = RuleIds.CorsConfiguredButNeverApplied;

    private const string Title = "CORS configured but never applied";
    private const string MessageFormat =
        "{0} is defined but never applied: there is no UseCors and no endpoint uses [EnableCors] or RequireCors, so no response carries CORS headers and the browser blocks every cross-origin read; {1}";
    private const string Description =
        "AddCors only registers services and policies. Policies apply through the CORS middleware (UseCors) with a middleware policy or endpoint metadata; without it every cross-origin request is refused by the browser.";

    public static readonly DiagnosticDescriptor CompilationEndRule = PipelineDescriptors.Create(Id, Title, MessageFormat, DiagnosticSeverity.Warning, Description, compilationEnd: true);

    public static void Check(PipelineProgram program, bool referencesCorsLibraries, Action<Diagnostic> report)
    {
        if (program.Definitions.Count == 0 || program.UseCorsCalls.Count > 0 || program.Metadata.Count > 0 || program.UsesCorsServices
            || referencesCorsLibraries || !program.PipelinesKnown)
        {
            return;
        }

        var hasDefault = program.Definitions.Any(d => d.IsDefault);
        var named = program.Definitions.Where(d => !d.IsDefault).ToList();
        foreach (var definition in program.Definitions)
        {
            string? call = definition.IsDefault ? "UseCors()"
                : !hasDefault && named.Count == 1 && definition.Name is not null ? $"UseCors({Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(definition.Name, quote: true)})"
                : null;
            var fix = call is null ? null : CORS105CorsMetadataWithoutMiddleware.InsertUseCors(program.Production, call);
            report(PipelineFix.Create(
                CompilationEndRule,
                definition.Location,
                fix,
                definition.IsDefault ? "The default CORS policy" : definition.Name is null ? "This CORS policy" : $"CORS policy '{definition.Name}'",
                call is null ? "apply it with app.UseCors(...) or endpoint metadata" : $"apply it with app.{call}"));
        }
    }
}
