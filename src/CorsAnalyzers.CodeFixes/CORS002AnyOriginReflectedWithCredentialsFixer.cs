using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// CORS002 fix: replace the always-true <c>SetIsOriginAllowed(...)</c> by the origins configured under
/// <c>Cors:AllowedOrigins</c>, read through the <c>IConfiguration</c> reachable there (offered only where there is one;
/// never for <c>IsOriginAllowed = ...</c> on a hand-built <c>CorsPolicy</c>, which has no list to substitute).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORS002AnyOriginReflectedWithCredentialsFixer)), Shared]
public sealed class CORS002AnyOriginReflectedWithCredentialsFixer : CodeFixProvider
{
    public const string AllowConfiguredOriginsKey = "CORS002.AllowConfiguredOrigins";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CORS002AnyOriginReflectedWithCredentials.Id);

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
