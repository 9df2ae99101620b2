using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PolicyAnalyzer, CorsAnalyzers.CodeFixes.CORS008WildcardLostAmongExplicitOriginsFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS008WildcardLostAmongExplicitOriginsTests
{
    private const string KeepExplicit = CORS008WildcardLostAmongExplicitOriginsFixer.KeepExplicitOriginsKey;
    private const string KeepWildcard = CORS008WildcardLostAmongExplicitOriginsFixer.KeepWildcardKey;

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
                options.AddPolicy("Public", policy => policy.{|CORS008:AllowAnyOrigin()|}.WithOrigins("https://app.example.com"));
                options.AddDefaultPolicy(policy => policy.WithOrigins({|CORS008:"*"|}, "https://app.example.com"));
                options.AddPolicy("hand-built", new CorsPolicy { Origins = { {|CORS008:"*"|}, "https://app.example.com" } });
                options.AddPolicy("statements", policy =>
                {
                    policy.{|CORS008:AllowAnyOrigin()|};
                    policy.WithOrigins("https://app.example.com");
                });
            });
            var app = builder.Build();
            app.UseCors(b => b.WithOrigins([{|CORS008:"*"|}, "https://app.example.com"]));
            app.MapGet("/", () => "").RequireCors(b => b.WithOrigins(new[] { {|CORS008:"*"|}, "https://app.example.com" }));
            var standalone = new CorsPolicyBuilder({|CORS008:"*"|}, "https://app.example.com").Build();
            app.Run();
            """, version, topLevel: true);
    }

    [Fact]
    public async Task Message_names_the_origins_that_stay_allowed()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Cors.Infrastructure;

                public static class Setup
                {
                    public static void Configure(CorsOptions options)
                    {
                        options.AddPolicy("spa", p => p.{|#0:AllowAnyOrigin()|}.WithOrigins({|#1:"https://a.example.com"|}, {|#2:"https://b.example.com"|}));
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                VerifyCS.Diagnostic("CORS008").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1).WithLocation(2)
                    .WithArguments("CORS policy 'spa'", "other origins", "https://a.example.com and https://b.example.com are"),
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
                public static void Configure(CorsOptions options, IConfiguration config, bool open)
                {
                    options.AddPolicy("wildcard-last", p => p.WithOrigins("https://app.example.com").AllowAnyOrigin());
                    options.AddPolicy("wildcard-only", p => p.WithOrigins("*"));
                    options.AddPolicy("configured", p => p.AllowAnyOrigin().WithOrigins(config.GetSection("Cors:Origins").Get<string[]>()!));
                    options.AddPolicy("predicate", p => p.WithOrigins("*", "https://app.example.com").SetIsOriginAllowed(_ => true));
                    options.AddPolicy("branches", p =>
                    {
                        if (open)
                        {
                            p.AllowAnyOrigin();
                        }
                        else
                        {
                            p.WithOrigins("https://app.example.com");
                        }
                    });
                }
            }
            """, version);
    }

    [Fact]
    public async Task Nothing_without_AspNetCore()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class CorsPolicyBuilder { public CorsPolicyBuilder WithOrigins(params string[] o) => this; }
            public static class Setup { public static void M() => new CorsPolicyBuilder().WithOrigins("*", "https://a.example.com"); }
            """, AspNetCore.None);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Keep_the_explicit_origins(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("chain", p => p
                        .{|CORS008:AllowAnyOrigin()|}
                        .WithOrigins("https://app.example.com")
                        .AllowCredentials());
                    options.AddPolicy("args", p => p.WithOrigins({|CORS008:"*"|}, "https://app.example.com"));
                    options.AddPolicy("statements", p =>
                    {
                        p.{|CORS008:AllowAnyOrigin()|};
                        p.WithOrigins("https://app.example.com");
                    });
                }
            }
            """, """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("chain", p => p
                        .WithOrigins("https://app.example.com")
                        .AllowCredentials());
                    options.AddPolicy("args", p => p.WithOrigins("https://app.example.com"));
                    options.AddPolicy("statements", p =>
                    {
                        p.WithOrigins("https://app.example.com");
                    });
                }
            }
            """, KeepExplicit, version);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Keep_the_wildcard_only_without_credentials(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("chain", p => p.{|CORS008:AllowAnyOrigin()|}.WithOrigins("https://app.example.com").AllowAnyHeader());
                    options.AddPolicy("args", p => p.WithOrigins({|CORS008:"*"|}, "https://a.example.com", "https://b.example.com"));
                    options.AddPolicy("hand-built", new CorsPolicy { Origins = { {|CORS008:"*"|}, "https://app.example.com" } });
                }
            }
            """, """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("chain", p => p.AllowAnyOrigin().AllowAnyHeader());
                    options.AddPolicy("args", p => p.WithOrigins("*"));
                    options.AddPolicy("hand-built", new CorsPolicy { Origins = { "*" } });
                }
            }
            """, KeepWildcard, version);
    }

    [Fact]
    public async Task Keep_the_wildcard_not_offered_with_credentials_or_shared_arrays()
    {
        const string source = """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                private static readonly string[] Origins = { "https://app.example.com" };

                public static void Configure(CorsOptions options, bool cookies)
                {
                    options.AddPolicy("credentials", p => p.{|CORS008:AllowAnyOrigin()|}.WithOrigins("https://app.example.com").AllowCredentials());
                    options.AddPolicy("credentials-in-a-branch", p =>
                    {
                        p.WithOrigins({|CORS008:"*"|}, "https://app.example.com");
                        if (cookies)
                        {
                            p.AllowCredentials();
                        }
                    });
                    options.AddPolicy("shared-array", p => p.{|CORS008:AllowAnyOrigin()|}.WithOrigins(Origins));
                }
            }
            """;
        await VerifyCS.VerifyCodeFixAsync(source, source, KeepWildcard);
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
                            public static void Configure(CorsOptions o) => o.AddPolicy("a", p => p.WithOrigins({|CORS008:"*"|}, "https://a.example.com"));
                        }
                        """),
                    ("B.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class B
                        {
                            public static void Configure(CorsOptions o) => o.AddPolicy("b", p => p.{|CORS008:AllowAnyOrigin()|}.WithOrigins("https://b.example.com"));
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
            CodeActionEquivalenceKey = KeepExplicit,
        };
        await test.RunAsync();
    }
}
