using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CorsAnalyzers.Headers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// The rewrite behind the CORS201 and CORS202 fixes: a hand-written Access-Control-Allow-Origin write is wrapped in a
/// check against the origins configured under <c>Cors:AllowedOrigins</c>, and sends <c>Vary: Origin</c>:
/// <code>
/// if (configuration.GetSection("Cors:AllowedOrigins").Get&lt;string[]&gt;()?.Contains(origin) == true)
/// {
///     &lt;the write&gt;
///     headers.Append("Vary", "Origin");
/// }
/// </code>
/// The configuration is the <c>IConfiguration</c> reachable at that point (a field, a parameter,
/// <c>builder.Configuration</c>), or else the host's one from the response's request services
/// (<c>response.HttpContext.RequestServices.GetRequiredService&lt;IConfiguration&gt;()</c>). For CORS202 the checked origin
/// is the echoed value; for CORS201 the wildcard is replaced by the request's Origin, so only configured origins get
/// (credentialed) access. Offered only on a write that is a statement of its own, whose values can be read twice
/// (locals, header reads, <c>ToString()</c>); the Vary line is left out where the method already writes Vary.
/// </summary>
internal static class ConfiguredOriginCheck
{
    public static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, bool replaceWildcard, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
        var imports = new HashSet<string>();
        var done = new HashSet<StatementSyntax>();
        foreach (var diagnostic in diagnostics)
        {
            if (Plan(root, model, diagnostic, replaceWildcard, cancellationToken) is not { } plan || !done.Add(plan.Statement))
            {
                continue;
            }

            editor.ReplaceNode(plan.Statement, Rewrite(plan, root));
            imports.UnionWith(plan.Imports);
        }

        var newRoot = editor.GetChangedRoot();
        if (newRoot is CompilationUnitSyntax unit)
        {
            imports.ExceptWith(GlobalUsings(model.Compilation, cancellationToken));

            // Last in sorted order first: each later directive then goes above it, and the blank line the first one
            // gets before the code stays after the last directive.
            foreach (var name in imports.OrderByDescending(n => n.StartsWith("System", System.StringComparison.Ordinal) ? 0 : 1).ThenByDescending(n => n, System.StringComparer.Ordinal))
            {
                unit = Imports.Add(unit, name);
            }

            newRoot = unit;
        }

        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>The namespaces every file already imports (<c>global using</c>, e.g. ImplicitUsings' generated file).</summary>
    private static IEnumerable<string> GlobalUsings(Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot(cancellationToken) is not CompilationUnitSyntax root)
            {
                continue;
            }

            foreach (var directive in root.Usings)
            {
                if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && directive.Alias is null && directive.StaticKeyword.IsKind(SyntaxKind.None)
                    && directive.Name is { } name)
                {
                    var text = name.ToString();
                    yield return text.StartsWith("global::", System.StringComparison.Ordinal) ? text.Substring("global::".Length) : text;
                }
            }
        }
    }

    public sealed class FixPlan
    {
        public FixPlan(StatementSyntax statement, string configuration, string checkedValue, string? varyReceiver, IReadOnlyList<string> imports, SyntaxNode? replacedValue)
        {
            Statement = statement;
            ReplacedValue = replacedValue;
            Configuration = configuration;
            CheckedValue = checkedValue;
            VaryReceiver = varyReceiver;
            Imports = imports;
        }

        public StatementSyntax Statement { get; }

        public string Configuration { get; }

        public string CheckedValue { get; }

        public string? VaryReceiver { get; }

        public IReadOnlyList<string> Imports { get; }

        /// <summary>CORS201: the wildcard value, replaced by <see cref="CheckedValue"/> (the request's Origin).</summary>
        public SyntaxNode? ReplacedValue { get; }
    }

    /// <summary>Everything the rewrite needs, or null when the fix cannot be made safely here.</summary>
    public static FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, bool replaceWildcard, CancellationToken cancellationToken)
    {
        if (diagnostic.Location.SourceTree != root.SyntaxTree || HeaderSymbols.Create(model.Compilation) is not { } symbols)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node.Span != diagnostic.Location.SourceSpan
            || node.Parent is not ExpressionStatementSyntax { Parent: BlockSyntax or SwitchSectionSyntax } statement
            || model.GetOperation(node, cancellationToken) is not { } operation)
        {
            return null;
        }

        var top = operation;
        while (top.Parent is { } parent)
        {
            top = parent;
        }

        var write = HeaderCollector.Collect(ImmutableArray.Create(top), symbols, cancellationToken)?.Writes
            .FirstOrDefault(w => w.Operation.Syntax.Span == node.Span);
        if (write?.Value is not { } value || !CanReadTwice(value) || value.Type is not { } valueType)
        {
            return null;
        }

        string checkedValue;
        SyntaxNode? replacedValue = null;
        if (replaceWildcard)
        {
            if (!HeaderModel.IsWildcard(value) || RequestOf(write.Receiver, symbols) is not { } request)
            {
                return null;
            }

            checkedValue = request + ".Headers[\"Origin\"].ToString()";
            replacedValue = value.Syntax;
        }
        else if (valueType.SpecialType == SpecialType.System_String)
        {
            checkedValue = value.Syntax.ToString();
        }
        else if (valueType.Name == "StringValues")
        {
            checkedValue = Operand(value.Syntax) + ".ToString()";
        }
        else
        {
            return null;
        }

        var imports = new List<string> { "System.Linq", "Microsoft.Extensions.Configuration" };
        var configuration = ReachableConfiguration.Find(model, statement, cancellationToken);
        if (configuration is null)
        {
            // The response's request services always hold the host's IConfiguration.
            if (write.Receiver is not IPropertyReferenceOperation { Property.Name: "Headers", Instance: { } response } || !symbols.IsResponse(response.Type)
                || !CanReadTwice(response))
            {
                return null;
            }

            configuration = Operand(response.Syntax) + ".HttpContext.RequestServices.GetRequiredService<IConfiguration>()";
            imports.Add("Microsoft.Extensions.DependencyInjection");
        }

        string? vary = null;
        if (!SendsVary(write, top, symbols, cancellationToken))
        {
            if (!CanReadTwice(write.Receiver))
            {
                return null;
            }

            vary = Operand(write.Receiver.Syntax);
            imports.Add("Microsoft.AspNetCore.Http");
        }

        return new FixPlan(statement, configuration, checkedValue, vary, imports, replacedValue);
    }

    /// <summary>
    /// The method or lambda already writes <c>Vary</c> whenever it writes this header: a Vary statement in the write's
    /// own block or an enclosing one (then the fix does not add a second one). A Vary in another branch does not count.
    /// </summary>
    private static bool SendsVary(HeaderWrite write, IOperation top, HeaderSymbols symbols, CancellationToken cancellationToken)
    {
        var writes = HeaderCollector.Collect(ImmutableArray.Create(top), symbols, cancellationToken)?.Writes;
        if (writes is null)
        {
            return false;
        }

        foreach (var vary in writes)
        {
            if (vary.Scope != write.Scope || !vary.Is(HeaderModel.Vary) || vary.Operation.Parent is not IExpressionStatementOperation { Parent: IBlockOperation block })
            {
                continue;
            }

            for (var ancestor = write.Operation.Parent; ancestor is not null; ancestor = ancestor.Parent)
            {
                if (ancestor == block)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Reading the expression again has no side effect: locals, parameters, fields, properties, header reads, ToString().</summary>
    /// <summary>
    /// The request that belongs to the written response, as code: <c>context.Request</c> for <c>context.Response.Headers</c>,
    /// else <c>response.HttpContext.Request</c>; null for a header dictionary whose response is unknown.
    /// </summary>
    private static string? RequestOf(IOperation receiver, HeaderSymbols symbols)
    {
        if (receiver is not IPropertyReferenceOperation { Property.Name: "Headers", Instance: { } response } || !symbols.IsResponse(response.Type) || !CanReadTwice(response))
        {
            return null;
        }

        return response is IPropertyReferenceOperation { Property.Name: "Response", Instance: { } context } && context.Type?.Name == "HttpContext"
            && context.Syntax is not null && !context.IsImplicit
            ? Operand(context.Syntax) + ".Request"
            : Operand(response.Syntax) + ".HttpContext.Request";
    }

    private static bool CanReadTwice(IOperation operation)
    {
        foreach (var part in operation.DescendantsAndSelf())
        {
            switch (part)
            {
                case ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
                    or IInstanceReferenceOperation or ILiteralOperation or IConversionOperation or IParenthesizedOperation or IArgumentOperation
                    or IInterpolatedStringOperation or IInterpolatedStringTextOperation or IInterpolationOperation:
                    continue;
                case IInvocationOperation { TargetMethod.Name: "ToString" or "First" or "FirstOrDefault", Arguments.Length: <= 1 }:
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>The expression's text, parenthesized when it would not bind as the receiver of a member access.</summary>
    private static string Operand(SyntaxNode expression) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax or InvocationExpressionSyntax
            or ParenthesizedExpressionSyntax or ThisExpressionSyntax or BaseExpressionSyntax
            ? expression.ToString()
            : "(" + expression + ")";

    private static StatementSyntax Rewrite(FixPlan plan, SyntaxNode root)
    {
        var statement = plan.Statement;
        var newLine = root.ToFullString().Contains("\r\n") ? "\r\n" : "\n";
        var indent = statement.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToString();
        var inner = indent + "    ";
        if (plan.ReplacedValue is { } replaced)
        {
            statement = statement.ReplaceNode(replaced, SyntaxFactory.ParseExpression(plan.CheckedValue).WithTriviaFrom(replaced));
        }

        var body = statement.WithLeadingTrivia(SyntaxFactory.Whitespace(inner)).WithTrailingTrivia(statement.GetTrailingTrivia()).ToFullString();
        if (!body.EndsWith("\n", System.StringComparison.Ordinal))
        {
            body += newLine;
        }

        var text = "if (" + plan.Configuration + ".GetSection(\"Cors:AllowedOrigins\").Get<string[]>()?.Contains(" + plan.CheckedValue + ") == true)" + newLine
            + indent + "{" + newLine
            + body
            + (plan.VaryReceiver is null ? string.Empty : inner + plan.VaryReceiver + ".Append(\"Vary\", \"Origin\");" + newLine)
            + indent + "}";
        return SyntaxFactory.ParseStatement(text)
            .WithLeadingTrivia(statement.GetLeadingTrivia())
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine));
    }
}
