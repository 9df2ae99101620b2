using CorsAnalyzers.Endpoints;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>
/// Each tree's text is read once into a <see cref="SourceIndex"/>, shared by the three analyzers; a block is then judged
/// by the names that start inside its spans. A name the index misses, or places in the wrong block, would make an
/// analyzer blind to that block.
/// </summary>
public class SourceIndexTests
{
    private const string Source = """
        public static class Setup
        {
            // Every block below holds a name of one family, and the last none.
            public static void Services(object services) => services.AddCors();
            public static void Pipeline(object app) { app.UseRouting(); }
            public static void Endpoints(object app) { app.MapGet("/", () => 1); }
            public static void Headers(object response) { var h = "ACCESS-CONTROL-ALLOW-ORIGIN"; }
            public static int Plain(int user) { var mapper = user + 1; return mapper; }
            public static string Field = "Access-Control-Max-Age";
        }
        """;

    [Fact]
    public void A_block_sees_the_names_inside_its_own_spans_only()
    {
        var tree = CSharpSyntaxTree.ParseText(Source);
        var index = SourceIndex.Of(tree);
        int FlagsOf(string method)
        {
            var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == method);
            return index.Flags(((SyntaxNode?)declaration.Body ?? declaration.ExpressionBody!).Span, -1);
        }

        Assert.Equal(SourceIndex.HoldsPolicy | SourceIndex.ShapesPipeline, FlagsOf("Services")); // AddCors matters to both families
        Assert.Equal(SourceIndex.ShapesPipeline, FlagsOf("Pipeline"));
        Assert.Equal(SourceIndex.MapsEndpoints | SourceIndex.ShapesPipeline, FlagsOf("Endpoints"));
        Assert.Equal(SourceIndex.WritesHeaders, FlagsOf("Headers")); // the header name in any case
        Assert.Equal(0, FlagsOf("Plain"));

        var field = tree.GetRoot().DescendantNodes().OfType<FieldDeclarationSyntax>().Single().Declaration.Variables[0];
        Assert.Equal(SourceIndex.WritesHeaders, index.Flags(field.Initializer!.Span, -1));

        // Method names are outside the bodies: "Services" names the method, not a call in it.
        Assert.Equal(SourceIndex.HoldsPolicy | SourceIndex.ShapesPipeline | SourceIndex.MapsEndpoints | SourceIndex.WritesHeaders, index.Any);
    }

    [Fact]
    public void A_search_stops_at_what_the_caller_asks_for()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { void M(object app) { app.MapGet(\"/\", () => 1); } }");
        var index = SourceIndex.Of(tree);
        var all = new TextSpan(0, tree.Length);
        Assert.Equal(SourceIndex.MapsEndpoints, index.Flags(all, SourceIndex.MapsEndpoints));
        Assert.Equal(0, index.Flags(all, SourceIndex.HoldsPolicy));
        Assert.Equal(0, index.Flags(new TextSpan(0, 0), -1));
    }

    [Fact]
    public void Every_analyzer_reads_the_same_index_of_a_tree()
    {
        var tree = CSharpSyntaxTree.ParseText(Source);
        Assert.Same(SourceIndex.Of(tree), SourceIndex.Of(tree));
        Assert.NotSame(SourceIndex.Of(tree), SourceIndex.Of(CSharpSyntaxTree.ParseText(Source)));
    }

    [Fact]
    public void Looking_up_a_block_allocates_nothing()
    {
        var tree = CSharpSyntaxTree.ParseText(Source);
        var index = SourceIndex.Of(tree);
        var span = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().First(m => m.Identifier.ValueText == "Endpoints").Body!.Span;
        long Allocated()
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            _ = SourceIndex.Of(tree).Flags(span, -1) + index.Flags(span, SourceIndex.HoldsPolicy);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        for (var warmUp = 0; warmUp < 50; warmUp++)
        {
            Allocated();
        }

        Assert.Equal(0, Allocated());
    }

    /// <summary>The scan looks only at identifiers that start with an upper-case letter: every name it seeks must.</summary>
    [Fact]
    public void Every_name_sought_is_in_PascalCase()
    {
        var names = PolicyAnalyzer.PolicyNames.Concat(EndpointCollector.Names).Concat(PipelineAnalyzer.PipelineNames);
        Assert.All(names, name => Assert.True(char.IsUpper(name[0]), name));
    }

    [Fact]
    public void Exact_names_and_word_prefixes_are_told_apart()
    {
        var names = new SourceNames([("AddCors", 1), ("UseCors", 2), ("AddCors", 4)], [("Map", 8)]);
        Assert.Equal(1 | 4, names.Classify("AddCors".AsSpan())); // a name given twice: flags merged
        Assert.Equal(2, names.Classify("app.UseCors()".AsSpan(4, 7)));
        Assert.Equal(0, names.Classify("AddCorz".AsSpan())); // same length, different name
        Assert.Equal(0, names.Classify("AddCorsToo".AsSpan())); // longer than any name
        Assert.Equal(8, names.Classify("Map".AsSpan()));
        Assert.Equal(8, names.Classify("MapGet".AsSpan()));
        Assert.Equal(0, names.Classify("Mapper".AsSpan())); // not a new word
        Assert.Equal(1 | 4 | 2 | 8, names.Scan("addCors AddCors; x.UseCors(); MapHub<H>();"));
    }
}
