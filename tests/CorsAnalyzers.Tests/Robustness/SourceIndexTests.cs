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

    /// <summary>
    /// The scan hashes and looks up each identifier in place, in one loop; <see cref="SourceNames.Classify"/> is the
    /// plain statement of what it must find. Both are run over every C# file of the analyzers and the samples, and over
    /// text made to trip a hand-written loop (non-ASCII letters, digits, '_', names at the very end).
    /// </summary>
    [Fact]
    public void The_scan_finds_what_classifying_each_identifier_finds()
    {
        var names = SourceNames.Union(PolicyAnalyzer.Names, PipelineAnalyzer.Names, HeaderAnalyzer.Names);
        var root = RepositorySources.RepositoryRoot();
        var texts = new[] { "src", "samples" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(File.ReadAllText)
            .Concat(
            [
                "ÉAddCors AddCorsÉ Éclair_UseCors _UseCors UseCors_ 9AddCors AddCors9 UseÉ Use_ User UsePolicy MapGet",
                "x.AddCors", "AddCors", "Use", "U", "é", string.Empty, "AccessControlAllowOrigin Headers(HEADERS)",
            ])
            .ToList();
        Assert.True(texts.Count > 50);

        var found = new List<long>();
        foreach (var text in texts)
        {
            found.Clear();
            names.Find(text.AsSpan(), found);
            Assert.Equal(Classified(names, text), found);
        }
    }

    private static List<long> Classified(SourceNames names, string text)
    {
        var expected = new List<long>();
        for (var position = 0; position < text.Length;)
        {
            if (!SourceNames.IsIdentifierPart(text[position]))
            {
                position++;
                continue;
            }

            var start = position;
            while (position < text.Length && SourceNames.IsIdentifierPart(text[position]))
            {
                position++;
            }

            if (char.IsUpper(text[start]) && names.Classify(text.AsSpan(start, position - start)) is var flags and not 0)
            {
                expected.Add(((long)start << 32) | (uint)flags);
            }
        }

        return expected;
    }
}
