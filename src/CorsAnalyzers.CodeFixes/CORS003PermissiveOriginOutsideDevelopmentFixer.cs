using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// CORS003 fix: replace <c>AllowAnyOrigin()</c>, <c>WithOrigins("*")</c> or an always-true <c>SetIsOriginAllowed(...)</c> by the
/// origins configured under <c>Cors:AllowedOrigins</c> (offered only where an <c>IConfiguration</c> is reachable). Moving the
/// policy under <c>IsDevelopment()</c> is not offered: see rules.md#cors003.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORS003PermissiveOriginOutsideDevelopmentFixer)), Shared]
public sealed class CORS003PermissiveOriginOutsideDevelopmentFixer : CodeFixProvider
{
    public const string AllowConfiguredOriginsKey = "CORS003.AllowConfiguredOrigins";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CORS003PermissiveOriginOutsideDevelopment.Id);

    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => await ConfiguredOriginsEdit.ApplyAllAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (ConfiguredOriginsEdit.TryCreate(root, model, diagnostic, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Allow the configured origins (Cors:AllowedOrigins)",
                        ct => ConfiguredOriginsEdit.ApplyAllAsync(context.Document, ImmutableArray.Create(diagnostic), ct),
                        AllowConfiguredOriginsKey),
                    diagnostic);
            }
        }
    }
}
