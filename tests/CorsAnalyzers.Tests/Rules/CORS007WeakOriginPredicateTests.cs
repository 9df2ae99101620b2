using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PolicyAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS007WeakOriginPredicateTests
{
    // ---- Positive cases, in every policy shape -------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Substring_prefix_and_suffix_checks_in_minimal_hosting(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("contains", p => p.SetIsOriginAllowed(origin => {|CORS007:origin.Contains("example.com")|}).AllowCredentials());
                options.AddPolicy("starts", p => p.SetIsOriginAllowed(origin => {|CORS007:origin.StartsWith("https://app.example.com")|}));
                options.AddPolicy("ends", p => p.SetIsOriginAllowed(origin => {|CORS007:origin.EndsWith("example.com", StringComparison.OrdinalIgnoreCase)|}));
                options.AddPolicy("host", p => p.SetIsOriginAllowed(origin => {|CORS007:new Uri(origin).Host.EndsWith("example.com")|}));
                options.AddPolicy("either", p => p.SetIsOriginAllowed(origin => origin == "https://example.com" || {|CORS007:origin.EndsWith("example.com")|}));
            });
            var app = builder.Build();
            app.UseCors(b => b.SetIsOriginAllowed(o => {|CORS007:o.ToLowerInvariant().Contains("example")|}));
            app.MapGet("/", () => "ok").RequireCors(b => b.SetIsOriginAllowed(o => {|CORS007:o.IndexOf("example.com") >= 0|}));
            app.Run();
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Unanchored_regular_expressions_in_a_Startup_class(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                private const string Pattern = @"https://[a-z]+\.example\.com";
                private static readonly Regex Origins = new(@"^https://(app|admin)\.example\.com");

                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddCors(options =>
                    {
                        options.AddDefaultPolicy(policy =>
                        {
                            policy.SetIsOriginAllowed(origin => {|CORS007:Regex.IsMatch(origin, Pattern)|});
                            policy.AllowAnyMethod();
                        });
                        options.AddPolicy("field", policy => policy.SetIsOriginAllowed(origin => {|CORS007:Origins.IsMatch(origin)|}));
                        options.AddPolicy("created", policy => policy.SetIsOriginAllowed(origin => {|CORS007:new Regex("example\\.com$").IsMatch(origin)|}));
                        options.AddPolicy("hand-built", new CorsPolicy { IsOriginAllowed = o => {|CORS007:Regex.IsMatch(o, "example")|} });
                    });
                }

                public void Configure(IApplicationBuilder app) => app.UseCors();
            }
            """, version);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Block_bodies_builders_and_method_groups(AspNetCore version)
    {
        var test = new VerifyCS.Test(version)
        {
            TestState =
            {
                Sources =
                {
                    ("Policies.cs", """
                        using System;
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class Policies
                        {
                            public static CorsPolicy Block() => new CorsPolicyBuilder()
                                .SetIsOriginAllowed(origin =>
                                {
                                    var host = new Uri(origin).Host;
                                    if ({|CORS007:host.EndsWith("example.com")|})
                                    {
                                        return true;
                                    }

                                    return false;
                                })
                                .Build();

                            public static CorsPolicy SameFile() => new CorsPolicyBuilder().SetIsOriginAllowed(IsOurs).Build();

                            public static CorsPolicy OtherFile() => new CorsPolicyBuilder().{|#0:SetIsOriginAllowed(OriginRules.IsTrusted)|}.Build();

                            private static bool IsOurs(string origin) => {|CORS007:origin.StartsWith("https://example.com")|};
                        }
                        """),
                    ("OriginRules.cs", """
                        public static class OriginRules
                        {
                            private const string Domain = "example.com";

                            public static bool IsTrusted(string origin) => {|#1:origin.EndsWith(Domain)|};
                        }
                        """),
                },
                ExpectedDiagnostics =
                {
                    VerifyCS.Diagnostic("CORS007").WithSeverity(DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1)
                        .WithArguments("This CorsPolicyBuilder", "origin.EndsWith(Domain)", "e.g. 'https://evilexample.com'"),
                },
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Hand_built_policy_assigned_in_a_separate_statement()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public class Startup
            {
                public void ConfigureServices(CorsOptions options)
                {
                    var policy = new CorsPolicy { SupportsCredentials = true };
                    // Both checks must pass; the suffix check is the one a look-alike domain defeats.
                    policy.IsOriginAllowed = origin => origin.StartsWith("https://") && {|CORS007:origin.EndsWith("example.com")|};
                    options.AddPolicy("partners", policy);
                }
            }
            """);
    }

    [Fact]
    public async Task Message_names_the_check_and_a_bypass()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using System.Text.RegularExpressions;
                using Microsoft.AspNetCore.Cors.Infrastructure;

                public static class Setup
                {
                    public static void AddPolicies(CorsOptions options)
                    {
                        options.AddPolicy("Spa", p => p.SetIsOriginAllowed(o => {|#0:o.Contains("example.com")|}));
                        options.AddDefaultPolicy(p => p.SetIsOriginAllowed(o => {|#1:o.EndsWith("example.com")|}));
                        options.AddPolicy("Regex", p => p.SetIsOriginAllowed(o => {|#2:Regex.IsMatch(o, @"https://app\.example\.com")|}));
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                VerifyCS.Diagnostic("CORS007").WithSeverity(DiagnosticSeverity.Warning).WithLocation(0).WithArguments("CORS policy 'Spa'", "o.Contains(\"example.com\")", "e.g. 'https://example.com.evil.net'"),
                VerifyCS.Diagnostic("CORS007").WithSeverity(DiagnosticSeverity.Warning).WithLocation(1).WithArguments("The default CORS policy", "o.EndsWith(\"example.com\")", "e.g. 'https://evilexample.com'"),
                VerifyCS.Diagnostic("CORS007").WithSeverity(DiagnosticSeverity.Warning).WithLocation(2).WithArguments("CORS policy 'Regex'", "Regex.IsMatch(o, @\"https://app\\.example\\.com\")", "any origin that merely contains a match"),
            },
        };
        await test.RunAsync();
    }

    // ---- Negative cases: strict checks, wildcard subdomains, unknown predicates -------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Strict_predicates_are_silent(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;

            public static class Setup
            {
                private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase) { "https://app.example.com" };

                public static void AddPolicies(CorsOptions options, IConfiguration config, Func<string, bool> injected)
                {
                    options.AddPolicy("host", p => p.SetIsOriginAllowed(o => new Uri(o).Host == "example.com" || new Uri(o).Host.EndsWith(".example.com")));
                    options.AddPolicy("dot", p => p.SetIsOriginAllowed(o => o.EndsWith(".example.com")));
                    options.AddPolicy("set", p => p.SetIsOriginAllowed(o => Allowed.Contains(o)));
                    options.AddPolicy("anchored", p => p.SetIsOriginAllowed(o => Regex.IsMatch(o, @"^https://[a-z]+\.example\.com$")));
                    options.AddPolicy("try-create", p => p.SetIsOriginAllowed(o => Uri.TryCreate(o, UriKind.Absolute, out var uri) && uri.Host == "example.com"));
                    options.AddPolicy("subdomains", p => p.WithOrigins("https://*.example.com").SetIsOriginAllowedToAllowWildcardSubdomains());
                    options.AddPolicy("replaced", p => p.SetIsOriginAllowed(o => o.Contains("example.com")).{|CORS005:SetIsOriginAllowedToAllowWildcardSubdomains()|});
                    options.AddPolicy("injected", p => p.SetIsOriginAllowed(injected));
                    options.AddPolicy("configured", p => p.SetIsOriginAllowed(o => o.EndsWith(config["Cors:Suffix"]!)));
                    options.AddPolicy("deny-list", p => p.SetIsOriginAllowed(o => !o.Contains("evil")).WithOrigins("https://app.example.com")); // FN: a deny-list is not judged
                    options.AddPolicy("anchored-but-loose", p => p.SetIsOriginAllowed(o => Regex.IsMatch(o, @"^https://.*example\.com$"))); // FN: anchored, yet https://evilexample.com matches
                }
            }
            """, version);
    }

    [Fact]
    public async Task Lookalike_types_without_AspNetCore_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;

            namespace MyApp.Cors
            {
                public class CorsPolicyBuilder
                {
                    public CorsPolicyBuilder SetIsOriginAllowed(Func<string, bool> predicate) => this;
                }

                public static class Setup
                {
                    public static void Configure() => new CorsPolicyBuilder().SetIsOriginAllowed(o => o.Contains("example.com"));
                }
            }
            """, AspNetCore.None);
    }
}
