using System.Collections.Immutable;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>
/// The collectors walk a block's operations with <see cref="CodeBlocks.Walk"/>, which leaves out the bodies of lambdas
/// that hold nothing of interest (endpoint handlers). Entering every body, it must visit exactly what
/// <c>DescendantsAndSelf</c> visits, in the same order; skipping, it must leave out those bodies and nothing else.
/// </summary>
public class CodeBlockWalkTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;

        public static class Endpoints
        {
            public static void Map(WebApplication app, string prefix)
            {
                var group = app.MapGroup(prefix);
                group.MapGet("/", (int id) => Results.Ok(Enumerable.Range(0, id).Select(i => i * 2).Where(i => i > 1)));
                group.MapPost("/", delegate (int id) { var twice = id * 2; return Results.Ok(twice); });
                app.Use(async (context, next) =>
                {
                    Func<int, int> square = x => x * x;
                    context.Response.Headers["X-Square"] = square(3).ToString();
                    await next(context);
                });
                int Local(int x) => new[] { x }.Sum(y => y + 1);
                Console.WriteLine(Local(2));
            }
        }
        """;

    [Fact]
    public void Entering_every_body_visits_what_DescendantsAndSelf_visits_in_the_same_order()
    {
        var blocks = MethodBody();
        var expected = blocks.SelectMany(b => b.DescendantsAndSelf()).ToList();
        var walked = CodeBlocks.Walk(blocks, _ => true).ToList();
        Assert.True(expected.Count > 50, $"the sample should have many operations, has {expected.Count}");
        Assert.Equal(expected, walked);
    }

    [Fact]
    public void Skipping_leaves_out_the_bodies_of_the_lambdas_it_is_told_to_and_nothing_else()
    {
        var blocks = MethodBody();
        var all = blocks.SelectMany(b => b.DescendantsAndSelf()).ToList();
        var skipped = all.OfType<IAnonymousFunctionOperation>().Where(l => l.Syntax.ToString().Contains("Results.Ok", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, skipped.Count); // the two handlers (the lambdas inside the first one go with its body)

        var walked = CodeBlocks.Walk(blocks, lambda => !skipped.Contains(lambda)).ToList();

        bool InsideSkippedBody(IOperation operation) =>
            skipped.Any(l => l.Body.Syntax.Span.Contains(operation.Syntax.Span) && operation != l && IsBelow(operation, l));
        Assert.Equal(all.Where(o => !InsideSkippedBody(o)).ToList(), walked);
        Assert.All(skipped, lambda => Assert.Contains(lambda, walked)); // the lambda itself is still seen (attributes, parameters)
        Assert.Contains(walked, o => o is IInvocationOperation { TargetMethod.Name: "Use" });
        Assert.Contains(walked, o => o is IAnonymousFunctionOperation l && l.Syntax.ToString() == "x => x * x"); // a lambda in an entered body
        Assert.DoesNotContain(walked, o => o is IInvocationOperation { TargetMethod.Name: "Select" });
    }

    [Fact]
    public void The_body_text_of_a_lambda_is_its_body_alone()
    {
        var lambdas = MethodBody().SelectMany(b => b.DescendantsAndSelf()).OfType<IAnonymousFunctionOperation>().ToList();
        var handler = lambdas.First(l => l.Syntax is ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 });
        using var text = CodeBlocks.BodyText(handler);
        Assert.True(text.ContainsIdentifier("Results"));
        Assert.False(text.ContainsIdentifier("id2"));
        Assert.False(text.ContainsIdentifier("group")); // outside the body
        Assert.False(text.ContainsIdentifier("Result")); // only whole identifiers

        var anonymous = lambdas.Single(l => l.Syntax is AnonymousMethodExpressionSyntax);
        using var anonymousText = CodeBlocks.BodyText(anonymous);
        Assert.True(anonymousText.ContainsIdentifier("twice"));
        Assert.False(anonymousText.ContainsIdentifier("delegate"));
    }

    [Fact]
    public void A_nested_text_has_its_own_buffer_and_a_disposed_one_is_reused_empty()
    {
        var source = SourceText.From("app.UseCors(); var text = \"" + new string('x', 3000) + "\";");
        var outer = BlockText.Rent();
        outer.Append(source, new TextSpan(0, source.Length)); // longer than a new buffer: it grows
        var inner = BlockText.Rent();
        inner.Append(source, new TextSpan(4, 7));
        Assert.NotSame(outer, inner);
        Assert.Equal(source.Length + 1, outer.Length);
        Assert.True(outer.ContainsIdentifier("UseCors"));
        Assert.Equal("UseCors\n", inner.Span.ToString());

        inner.Dispose();
        inner.Dispose(); // a second Dispose must not hand the same text out twice
        var again = BlockText.Rent();
        var another = BlockText.Rent();
        Assert.Same(inner, again);
        Assert.NotSame(again, another);
        Assert.Equal(0, again.Length);
        another.Dispose();
        again.Dispose();
        outer.Dispose();
    }

    [Fact]
    public void Reading_and_searching_a_block_text_allocates_nothing()
    {
        var source = SourceText.From("var app = builder.Build(); app.UseCors(\"Frontend\"); services.AddCors(); user.UserName = \"Access-Control-Allow-Origin\";");
        var names = new List<long>(16);
        (long Bytes, bool Found) Allocated()
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            bool found;
            using (var text = BlockText.Rent())
            {
                text.Append(source, new TextSpan(0, source.Length));
                names.Clear();
                PolicyAnalyzer.Names.Find(text.Span, names); // what SourceIndex does with a tree's text
                found = names.Count == 2 && text.ContainsIdentifier("UserName"); // UseCors, AddCors; a local, as BodyMayMatter looks for it
            }

            return (GC.GetAllocatedBytesForCurrentThread() - before, found);
        }

        for (var warmUp = 0; warmUp < 50; warmUp++)
        {
            Allocated();
        }

        var (bytes, found) = Allocated();
        Assert.True(found);
        Assert.Equal(0, bytes);
    }

    private static bool IsBelow(IOperation operation, IOperation ancestor)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private static ImmutableArray<IOperation> MethodBody()
    {
        var compilation = AnalyzerHarness.Compile(new[] { Source });
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var tree = compilation.SyntaxTrees.Single();
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single();
        var operation = compilation.GetSemanticModel(tree).GetOperation(method);
        Assert.NotNull(operation);
        return ImmutableArray.Create(operation!);
    }
}
