using CorsAnalyzers.Policies;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Tests.Policies;

/// <summary>The shared origin-predicate analysis used by CORS002, CORS003 and CORS007, on the predicate alone.</summary>
public class OriginPredicatesTests
{
    [Theory]
    [InlineData("_ => true")]
    [InlineData("o => true")]
    [InlineData("(string origin) => true")]
    [InlineData("origin => { return true; }")]
    [InlineData("origin => { Console.WriteLine(origin); return true; }")]
    [InlineData("delegate (string origin) { return true; }")]
    [InlineData("origin => origin != null")]
    [InlineData("origin => origin is not null")]
    [InlineData("origin => !string.IsNullOrEmpty(origin)")]
    [InlineData("origin => AllowEverything")]
    [InlineData("origin => { if (origin.EndsWith(\".example.com\")) return true; return true; }")]
    [InlineData("AllowAll")]
    [InlineData("AllowAllBlock")]
    [InlineData("local")]
    public void Always_true(string predicate) => Assert.Equal(PredicateKind.AlwaysTrue, Analyze(predicate).Kind);

    [Theory]
    [InlineData("o => o.Contains(\"example.com\")", "https://example.com.evil.net")]
    [InlineData("o => o.StartsWith(\"https://example.com\")", "https://example.com.evil.net")]
    [InlineData("o => o.EndsWith(\"example.com\")", "https://evilexample.com")]
    [InlineData("o => o.ToLowerInvariant().EndsWith(Domain)", "https://evilexample.com")]
    [InlineData("o => new Uri(o).Host.EndsWith(\"example.com\")", "https://evilexample.com")]
    [InlineData("o => new Uri(o).Host.Contains(\"example\")", "https://example.evil.net")]
    [InlineData("o => o.IndexOf(\"example.com\") >= 0", "https://example.com.evil.net")]
    [InlineData("o => o == \"https://a.example.com\" || o.EndsWith(\"example.com\")", "https://evilexample.com")]
    [InlineData("o => { var host = new Uri(o).Host; return host.EndsWith(\"example.com\"); }", "https://evilexample.com")]
    [InlineData("o => { if (o.Contains(\"example.com\")) { return true; } return false; }", "https://example.com.evil.net")]
    [InlineData("o => Uri.TryCreate(o, UriKind.Absolute, out var uri) && uri.Host.EndsWith(\"example.com\")", "https://evilexample.com")]
    [InlineData("IsOurs", "https://evilexample.com")]
    public void Weak_with_a_bypass(string predicate, string bypass)
    {
        var verdict = Analyze(predicate);
        Assert.Equal(PredicateKind.Weak, verdict.Kind);
        Assert.Equal(bypass, verdict.Bypass);
        Assert.NotNull(verdict.Check);
    }

    [Theory]
    [InlineData("o => Regex.IsMatch(o, \"example\\\\.com\")")]
    [InlineData("o => Regex.IsMatch(o, \"^https://.*\\\\.example\\\\.com\")")]
    [InlineData("o => Regex.IsMatch(o, \"https://app\\\\.example\\\\.com$\")")]
    [InlineData("o => Regex.IsMatch(o, \"^https://a\\\\.example\\\\.com$|b\\\\.example\\\\.com$\")")]
    [InlineData("o => new Regex(\"example\\\\.com\").IsMatch(o)")]
    [InlineData("o => Unanchored.IsMatch(o)")]
    [InlineData("o => o.StartsWith(\"https://\") && o.EndsWith(\"example.com\")")]
    public void Weak_regular_expressions_and_combinations(string predicate) => Assert.Equal(PredicateKind.Weak, Analyze(predicate).Kind);

    [Theory]
    [InlineData("o => o == \"https://app.example.com\"")]
    [InlineData("o => \"https://app.example.com\" == o")]
    [InlineData("o => string.Equals(o, \"https://app.example.com\", StringComparison.OrdinalIgnoreCase)")]
    [InlineData("o => o.Equals(\"https://app.example.com\")")]
    [InlineData("o => new Uri(o).Host == \"example.com\"")]
    [InlineData("o => new Uri(o).Host == \"example.com\" || new Uri(o).Host.EndsWith(\".example.com\")")]
    [InlineData("o => o.EndsWith(\".example.com\")")]
    [InlineData("o => o.StartsWith(\"https://\") && o.EndsWith(\".example.com\")")]
    [InlineData("o => o.StartsWith(\"http://localhost:\")")]
    [InlineData("o => Allowed.Contains(o)")]
    [InlineData("o => Set.Contains(o)")]
    [InlineData("o => Allowed.Contains(new Uri(o).Host)")]
    [InlineData("o => o is \"https://a.example.com\" or \"https://b.example.com\"")]
    [InlineData("o => Regex.IsMatch(o, \"^https://[a-z]+\\\\.example\\\\.com$\")")]
    [InlineData("o => Regex.IsMatch(o, @\"\\Ahttps://app\\.example\\.com\\z\")")]
    [InlineData("o => Anchored.IsMatch(o)")]
    [InlineData("o => Generated().IsMatch(o)")]
    [InlineData("o => Uri.TryCreate(o, UriKind.Absolute, out var uri) && uri.Host == \"example.com\"")]
    [InlineData("o => { var host = new Uri(o).Host; return host == \"example.com\" || host.EndsWith(\".example.com\"); }")]
    [InlineData("o => false")]
    public void Strict(string predicate) => Assert.Equal(PredicateKind.Strict, Analyze(predicate).Kind);

    [Theory]
    [InlineData("o => Check(o)")]
    [InlineData("o => !o.Contains(\"evil\")")]
    [InlineData("o => o.EndsWith(Suffix())")]
    [InlineData("o => Regex.IsMatch(o, Pattern())")]
    [InlineData("o => flag ? o.EndsWith(\".example.com\") : Check(o)")]
    [InlineData("o => { if (o.Length > 3) Console.WriteLine(o); return true; }")]
    [InlineData("o => { throw new InvalidOperationException(); }")]
    [InlineData("o => Uri.TryCreate(o, UriKind.Absolute, out _)")]
    [InlineData("o => o.Contains(\"example.com\") && Check(o)")]
    [InlineData("External.Check")]
    [InlineData("Reassigned")]
    public void Unknown(string predicate) => Assert.Equal(PredicateKind.Unknown, Analyze(predicate).Kind);

    [Fact]
    public void A_method_group_in_another_file_is_read_from_its_syntax()
    {
        var verdicts = AnalyzeAll(
            """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsPolicyBuilder b)
                {
                    b.SetIsOriginAllowed(OriginRules.Any);
                    b.SetIsOriginAllowed(OriginRules.Weak);
                    b.SetIsOriginAllowed(OriginRules.Strict);
                    b.SetIsOriginAllowed(OriginRules.WeakRegex);
                }
            }
            """,
            """
            using System;
            using System.Text.RegularExpressions;

            public static partial class OriginRules
            {
                private const string Domain = "example.com";
                private static readonly Regex Pattern = new("example\\.com");

                public static bool Any(string origin) => true;

                public static bool Weak(string origin)
                {
                    var host = new Uri(origin).Host;
                    return host.EndsWith(Domain);
                }

                public static bool Strict(string origin) => new Uri(origin).Host == Domain || new Uri(origin).Host.EndsWith("." + Domain);

                public static bool WeakRegex(string origin) => Pattern.IsMatch(origin);
            }
            """);
        Assert.Equal([PredicateKind.AlwaysTrue, PredicateKind.Weak, PredicateKind.Strict, PredicateKind.Weak], verdicts.Select(v => v.Kind));
        Assert.Equal("https://evilexample.com", verdicts[1].Bypass);
        Assert.Equal("File1.cs", verdicts[1].Check!.SyntaxTree.FilePath);
    }

    [Theory]
    [InlineData("^https://a\\.com$", true)]
    [InlineData("(?i)^https://a\\.com$", true)]
    [InlineData("^(https://a\\.com|https://b\\.com)$", true)]
    [InlineData("^https://a\\.com$|^https://b\\.com$", true)]
    [InlineData("\\Ahttps://a\\.com\\z", true)]
    [InlineData("^https://a\\.com", false)]
    [InlineData("https://a\\.com$", false)]
    [InlineData("^https://a\\.com\\$", false)]
    [InlineData("^a$|b", false)]
    [InlineData("^[|]a$", true)]
    public void Anchors(string pattern, bool anchored) => Assert.Equal(anchored, OriginPredicates.IsAnchored(pattern));

    private static PredicateVerdict Analyze(string predicate) => AnalyzeAll($$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.RegularExpressions;
        using Microsoft.AspNetCore.Cors.Infrastructure;

        public static partial class Setup
        {
            private const string Domain = "example.com";
            private const bool AllowEverything = true;
            private static readonly string[] Allowed = ["https://a.example.com", "https://b.example.com"];
            private static readonly HashSet<string> Set = new(StringComparer.OrdinalIgnoreCase) { "https://a.example.com" };
            private static readonly Regex Unanchored = new("example\\.com");
            private static readonly Regex Anchored = new(@"^https://(a|b)\.example\.com$", RegexOptions.IgnoreCase);

            [GeneratedRegex(@"^https://app\.example\.com$")]
            private static partial Regex Generated();

            private static bool AllowAll(string origin) => true;

            private static bool AllowAllBlock(string origin)
            {
                return true;
            }

            private static bool IsOurs(string origin) => origin.EndsWith(Domain, StringComparison.OrdinalIgnoreCase);

            private static bool Check(string origin) => origin.Length > 0;

            private static string Suffix() => ".example.com";

            private static string Pattern() => "^a$";

            public static void Configure(CorsPolicyBuilder b, bool flag)
            {
                Func<string, bool> local = _ => true;
                Func<string, bool> Reassigned = _ => true;
                Reassigned = Check;
                b.SetIsOriginAllowed({{predicate}});
            }
        }

        public static class External
        {
            public static extern bool Check(string origin);
        }
        """).Single();

    private static List<PredicateVerdict> AnalyzeAll(params string[] sources)
    {
        var compilation = AnalyzerHarness.Compile(sources);
        var tree = compilation.SyntaxTrees.First();
        var model = compilation.GetSemanticModel(tree);
        return tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "SetIsOriginAllowed" })
            .Select(i => (IInvocationOperation)model.GetOperation(i)!)
            .Select(i => OriginPredicates.AnalyzeDelegate(i.Arguments[0].Value))
            .ToList();
    }
}
