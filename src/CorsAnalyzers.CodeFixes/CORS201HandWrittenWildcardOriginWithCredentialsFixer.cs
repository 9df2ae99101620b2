using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// CORS201 fix: instead of '*', echo the request's origin when it is one of the origins configured under
/// <c>Cors:AllowedOrigins</c>, and send <c>Vary: Origin</c> (see <see cref="ConfiguredOriginCheck"/>). Credentialed requests
/// from those origins then work; every other origin gets no Access-Control-Allow-Origin (fails closed).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORS201HandWrittenWildcardOriginWithCredentialsFixer)), Shared]
public sealed class CORS201HandWrittenWildcardOriginWithCredentialsFixer : CodeFixProvider
{
    public const string AllowConfiguredOriginsKey = "CORS201.AllowConfiguredOrigins";

    private const string Title = "Allow the configured origins (Cors:AllowedOrigins) instead of '*'";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CORS201HandWrittenWildcardOriginWithCredentials.Id);

    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => await ConfiguredOriginCheck.ApplyAsync(document, diagnostics, replaceWildcard: true, context.CancellationToken).ConfigureAwait(false));

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
            if (ConfiguredOriginCheck.Plan(root, model, diagnostic, replaceWildcard: true, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => ConfiguredOriginCheck.ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), replaceWildcard: true, ct), AllowConfiguredOriginsKey),
                    diagnostic);
            }
        }
    }
}
