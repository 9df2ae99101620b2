using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PolicyAnalyzer, CorsAnalyzers.CodeFixes.CORS011HttpMethodNotUpperCaseFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS011HttpMethodNotUpperCaseTests
{
    private const string UpperCase = CORS011HttpMethodNotUpperCaseFixer.UpperCaseKey;
    private const string HttpMethods = CORS011HttpMethodNotUpperCaseFixer.HttpMethodsKey;

    // ---- Positive cases ------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Lower_case_methods_in_minimal_hosting(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy
                    .WithOrigins("https://app.example.com")
                    .WithMethods("GET", {|CORS011:"put"|}, {|CORS011:"Delete"|}, "POST"));
                options.AddDefaultPolicy(policy => policy.WithOrigins("https://app.example.com").WithMethods({|CORS011:"patch"|}));
            });
            var app = builder.Build();
            app.UseCors(b => b.WithOrigins("https://app.example.com").WithMethods({|CORS011:"options"|}));
            app.MapGet("/", () => "ok").RequireCors(b => b.WithOrigins("https://app.example.com").WithMethods({|CORS011:"Put"|}));
            app.Run();
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Startup_class_constants_arrays_builder_and_hand_built_policy(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                private const string Put = "put";
                private static readonly string[] Methods = { "GET", "delete" };

                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddCors(options =>
                    {
                        options.AddPolicy("statements", policy =>
                        {
                            policy.WithOrigins("https://app.example.com");
                            policy.WithMethods({|CORS011:Put|});
                        });
                        options.AddPolicy("static-array", policy => policy.{|CORS011:WithMethods(Methods)|});
                        options.AddPolicy("array", policy => policy.WithMethods(new[] { {|CORS011:"put"|} }));
                        options.AddPolicy("collection", policy => policy.WithMethods([{|CORS011:"patch"|}, "DELETE"]));
                        options.AddPolicy("built", new CorsPolicyBuilder("https://app.example.com").WithMethods({|CORS011:"delete"|}).Build());
                        var handBuilt = new CorsPolicy { Methods = { {|CORS011:"put"|} } };
                        handBuilt.Methods.Add({|CORS011:"delete"|});
                        options.AddPolicy("hand-built", handBuilt);
                    });
                }

                public void Configure(IApplicationBuilder app) => app.UseCors("statements");
            }
            """, version);
    }

    [Fact]
    public async Task Method_in_a_helper_in_another_file()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("Setup.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class Setup
                        {
                            public static void Configure(CorsOptions o) => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com").AllowWrites());
                        }
                        """),
                    ("Helpers.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class Helpers
                        {
                            public static CorsPolicyBuilder AllowWrites(this CorsPolicyBuilder b) => b.WithMethods({|CORS011:"put"|}, "DELETE");
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Message_names_the_method_and_the_symptom()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Cors.Infrastructure;

                public static class Setup
                {
                    public static void Configure(CorsOptions options)
                    {
                        options.AddPolicy("Spa", p => p.{|#10:WithMethods({|#0:"put"|}, {|#1:"get"|}, {|#2:"trace"|})|});
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                VerifyCS.Diagnostic("CORS011").WithSeverity(DiagnosticSeverity.Warning).WithLocation(0).WithLocation(10).WithArguments(
                    "CORS policy 'Spa'", "put", "PUT", "so the preflight of every PUT request fails and the browser blocks it", "Put"),
                VerifyCS.Diagnostic("CORS011").WithSeverity(DiagnosticSeverity.Warning).WithLocation(1).WithLocation(10).WithArguments(
                    "CORS policy 'Spa'", "get", "GET", "so this entry allows nothing (GET passes only because it is a CORS-safelisted method)", "Get"),
                VerifyCS.Diagnostic("CORS011").WithSeverity(DiagnosticSeverity.Warning).WithLocation(2).WithLocation(10).WithArguments(
                    "CORS policy 'Spa'", "trace", "TRACE", "so this entry never matches", "Trace"),
            },
        };
        await test.RunAsync();
    }

    // ---- Silent cases -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Upper_case_custom_and_unknown_methods_are_silent(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Configuration;

            public static class Setup
            {
                public static void Configure(CorsOptions options, IConfiguration config, string method)
                {
                    options.AddPolicy("upper", p => p.WithMethods("GET", "PUT", "DELETE", "PATCH", "OPTIONS"));
                    options.AddPolicy("constants", p => p.WithMethods(HttpMethods.Put, HttpMethods.Delete));
                    options.AddPolicy("custom", p => p.WithMethods("propfind", "MkCol", "purge"));
                    options.AddPolicy("unknown", p => p.WithMethods(method, config["Cors:Method"]!));
                    options.AddPolicy("any", p => p.AllowAnyMethod());
                    options.AddPolicy("headers", p => p.WithHeaders("content-type", "x-api-key"));
                }
            }
            """, version);
    }

    [Fact]
    public async Task Lookalike_types_without_AspNetCore_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class CorsPolicyBuilder
            {
                public CorsPolicyBuilder WithMethods(params string[] methods) => this;
            }

            public static class Setup
            {
                public static void Configure() => new CorsPolicyBuilder().WithMethods("put");
            }
            """, AspNetCore.None);
    }

    // ---- Fixes ----------------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Upper_case_the_literal(AspNetCore version)
    {
        var test = new VerifyCS.Test(version) { CodeActionEquivalenceKey = UpperCase };
        test.TestCode = """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                private const string Patch = "patch";

                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("spa", p => p
                        .WithOrigins("https://app.example.com")
                        .WithMethods({|CORS011:"put"|} /* edit */, {|CORS011:@"delete"|}));
                    options.AddPolicy("const", p => p.WithMethods({|CORS011:Patch|}));
                    options.AddPolicy("hand-built", new CorsPolicy { Methods = { {|CORS011:"put"|} } });
                }
            }
            """;
        test.FixedCode = """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                private const string Patch = "PATCH";

                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("spa", p => p
                        .WithOrigins("https://app.example.com")
                        .WithMethods("PUT" /* edit */, "DELETE"));
                    options.AddPolicy("const", p => p.WithMethods(Patch));
                    options.AddPolicy("hand-built", new CorsPolicy { Methods = { "PUT" } });
                }
            }
            """;
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Use_HttpMethods_adds_the_using(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddDefaultPolicy(p => p
                .WithOrigins("https://app.example.com")
                .WithMethods({|CORS011:"put"|}, {|CORS011:"delete"|}, {|CORS011:"Patch"|})));
            var app = builder.Build();
            app.UseCors();
            app.Run();
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddDefaultPolicy(p => p
                .WithOrigins("https://app.example.com")
                .WithMethods(HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch)));
            var app = builder.Build();
            app.UseCors();
            app.Run();
            """, HttpMethods, version, topLevel: true);
    }

    [Fact]
    public async Task Use_HttpMethods_is_not_offered_outside_the_call()
    {
        const string source = """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                private const string Put = "put";
                private static readonly string[] Methods = { "delete" };

                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("const", p => p.WithMethods({|CORS011:Put|}));
                    options.AddPolicy("field", p => p.{|CORS011:WithMethods(Methods)|});
                }
            }
            """;
        await VerifyCS.VerifyCodeFixAsync(source, source, HttpMethods);
    }

    [Fact]
    public async Task Upper_case_is_not_offered_for_an_array_field_declared_elsewhere()
    {
        const string source = """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                private static readonly string[] Methods = { "delete" };

                public static void Configure(CorsOptions options) => options.AddPolicy("field", p => p.{|CORS011:WithMethods(Methods)|});
            }
            """;
        await VerifyCS.VerifyCodeFixAsync(source, source, UpperCase);
    }

    [Theory]
    [InlineData(UpperCase)]
    [InlineData(HttpMethods)]
    public async Task FixAll_across_files(string key)
    {
        var upper = key == UpperCase;
        const string Header = """
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.AspNetCore.Http;

            """;
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("A.cs", Header + """
                        public static class A
                        {
                            public static void Configure(CorsOptions o) => o.AddPolicy("a", p => p.WithMethods({|CORS011:"put"|}, {|CORS011:"delete"|}));
                        }
                        """),
                    ("B.cs", Header + """
                        public static class B
                        {
                            public static void Configure(CorsOptions o) => o.AddPolicy("b", new CorsPolicy { Methods = { {|CORS011:"patch"|} } });
                        }
                        """),
                },
            },
            CodeActionEquivalenceKey = key,
        };
        test.FixedState.Sources.Add(("A.cs", Header + $$"""
            public static class A
            {
                public static void Configure(CorsOptions o) => o.AddPolicy("a", p => p.WithMethods({{(upper ? "\"PUT\", \"DELETE\"" : "HttpMethods.Put, HttpMethods.Delete")}}));
            }
            """));
        test.FixedState.Sources.Add(("B.cs", Header + $$"""
            public static class B
            {
                public static void Configure(CorsOptions o) => o.AddPolicy("b", new CorsPolicy { Methods = { {{(upper ? "\"PATCH\"" : "HttpMethods.Patch")}} } });
            }
            """));
        await test.RunAsync();
    }
}
