using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// CORS202 fix: only echo the origins configured under <c>Cors:AllowedOrigins</c>, and send <c>Vary: Origin</c>
/// (see <see cref="ConfiguredOriginCheck"/>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORS202HandWrittenHeaderReflectsTheRequestOriginFixer)), Shared]
public sealed class CORS202HandWrittenHeaderReflectsTheRequestOriginFixer : CodeFixProvider
{
    public const string CheckConfiguredOriginsKey = "CORS202.CheckConfiguredOrigins";

    private const string Title = "Only echo origins listed in configuration (Cors:AllowedOrigins)";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CORS202HandWrittenHeaderReflectsTheRequestOrigin.Id);

    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => await ConfiguredOriginCheck.ApplyAsync(document, diagnostics, replaceWildcard: false, context.CancellationToken).ConfigureAwait(false));

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
            if (ConfiguredOriginCheck.Plan(root, model, diagnostic, replaceWildcard: false, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => ConfiguredOriginCheck.ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), replaceWildcard: false, ct), CheckConfiguredOriginsKey),
                    diagnostic);
            }
        }
    }
}
