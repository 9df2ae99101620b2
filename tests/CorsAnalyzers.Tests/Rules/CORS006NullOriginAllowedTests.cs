using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PolicyAnalyzer, CorsAnalyzers.CodeFixes.CORS006NullOriginAllowedFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS006NullOriginAllowedTests
{
    private const string Remove = CORS006NullOriginAllowedFixer.RemoveNullOriginKey;

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Every_policy_shape(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Embeds", policy => policy.WithOrigins("https://app.example.com", {|CORS006:"null"|}).AllowCredentials());
                options.AddDefaultPolicy(policy => policy.WithOrigins({|CORS006:"NULL"|}));
                options.AddPolicy("hand-built", new CorsPolicy { Origins = { {|CORS006:"null"|} } });
            });
            var app = builder.Build();
            app.UseCors(b => b.WithOrigins(new[] { {|CORS006:"null"|} }));
            app.MapGet("/", () => "").RequireCors(b => b.WithOrigins([{|CORS006:"null"|}]));
            var standalone = new CorsPolicyBuilder({|CORS006:"null"|}).Build();
            app.Run();
            """, version, topLevel: true);
    }

    [Fact]
    public async Task Message_names_the_policy_and_the_risk()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Cors.Infrastructure;

                public static class Setup
                {
                    private const string Sandboxed = "null";

                    public static void Configure(CorsOptions options)
                    {
                        options.AddPolicy("spa", p => p.WithOrigins({|#0:Sandboxed|}).AllowCredentials());
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                VerifyCS.Diagnostic("CORS006").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0).WithArguments("CORS policy 'spa'", ", including the user's cookies"),
            },
        };
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Silent_cases(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;

            public static class Setup
            {
                public static void Configure(CorsOptions options, IConfiguration config)
                {
                    options.AddPolicy("valid", p => p.WithOrigins("https://app.example.com"));
                    options.AddPolicy("configured", p => p.WithOrigins(config["Cors:Origin"]!));
                    options.AddPolicy("predicate", p => p.WithOrigins("null").SetIsOriginAllowed(o => o == "https://app.example.com"));
                    options.AddPolicy("hand-built-upper-case", new CorsPolicy { Origins = { {|CORS004:"NULL"|} } });
                }
            }
            """, version);
    }

    [Fact]
    public async Task Nothing_without_AspNetCore()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class CorsPolicyBuilder { public CorsPolicyBuilder WithOrigins(params string[] o) => this; }
            public static class Setup { public static void M() => new CorsPolicyBuilder().WithOrigins("null"); }
            """, AspNetCore.None);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Remove_the_null_origin_in_every_shape(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("args", p => p.WithOrigins("https://app.example.com", {|CORS006:"null"|}).AllowAnyHeader());
                    options.AddPolicy("only", p => p.AllowAnyHeader().WithOrigins({|CORS006:"null"|}));
                    options.AddPolicy("bare", p => p.WithOrigins({|CORS006:"null"|}));
                    options.AddPolicy("statements", p =>
                    {
                        p.WithOrigins({|CORS006:"null"|});
                        p.AllowAnyMethod();
                    });
                    options.AddPolicy("array", p => p.WithOrigins(new[] { "https://app.example.com", {|CORS006:"null"|} }));
                    var policy = new CorsPolicy { Origins = { "https://app.example.com", {|CORS006:"null"|} } };
                    policy.Origins.Add({|CORS006:"null"|});
                    options.AddPolicy("hand-built", policy);
                }
            }
            """, """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("args", p => p.WithOrigins("https://app.example.com").AllowAnyHeader());
                    options.AddPolicy("only", p => p.AllowAnyHeader());
                    options.AddPolicy("bare", p => p.WithOrigins());
                    options.AddPolicy("statements", p =>
                    {
                        p.AllowAnyMethod();
                    });
                    options.AddPolicy("array", p => p.WithOrigins(new[] { "https://app.example.com" }));
                    var policy = new CorsPolicy { Origins = { "https://app.example.com" } };
                    options.AddPolicy("hand-built", policy);
                }
            }
            """, Remove, version);
    }

    [Fact]
    public async Task FixAll_across_files()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("A.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class A
                        {
                            public static void Configure(CorsOptions o) => o.AddPolicy("a", p => p.WithOrigins({|CORS006:"null"|}, "https://a.example.com"));
                        }
                        """),
                    ("B.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class B
                        {
                            public static void Configure(CorsOptions o) => o.AddPolicy("b", p => p.WithOrigins("https://b.example.com", {|CORS006:"null"|}));
                        }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("A.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class A
                        {
                            public static void Configure(CorsOptions o) => o.AddPolicy("a", p => p.WithOrigins("https://a.example.com"));
                        }
                        """),
                    ("B.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class B
                        {
                            public static void Configure(CorsOptions o) => o.AddPolicy("b", p => p.WithOrigins("https://b.example.com"));
                        }
                        """),
                },
            },
            CodeActionEquivalenceKey = Remove,
        };
        await test.RunAsync();
    }
}
