using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PolicyAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS009DevelopmentOriginInProductionPolicyTests
{
    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Minimal_hosting_every_loopback_form(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy
                    .WithOrigins("https://app.example.com", {|CORS009:"http://localhost:4200"|}, {|CORS009:"http://127.0.0.1:5173"|}, {|CORS009:"http://[::1]:3000"|})
                    .AllowCredentials());
                options.AddDefaultPolicy(new CorsPolicy { Origins = { {|CORS009:"https://localhost:7001"|} } });
            });
            var app = builder.Build();
            app.UseCors(b => b.WithOrigins({|CORS009:"http://LOCALHOST:8080"|}));
            app.Run();
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Startup_class_constants_and_arrays(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                private const string Dev = "http://localhost:3000";
                private static readonly string[] Origins = { "https://app.example.com", {|CORS009:"http://localhost:5173"|} };

                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddCors(o =>
                    {
                        o.AddPolicy("const", p => p.WithOrigins({|CORS009:Dev|}));
                        o.AddPolicy("array", p => p.WithOrigins(Origins));
                    });
                }

                public void Configure(IApplicationBuilder app) => app.UseCors("const");
            }
            """, version);
    }

    [Fact]
    public async Task Helper_in_another_file_called_from_production_code()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.DependencyInjection;

                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddFrontendCors();
                        builder.Build().Run();
                        """),
                    ("CorsSetup.cs", """
                        using Microsoft.Extensions.DependencyInjection;

                        public static class CorsSetup
                        {
                            public static void AddFrontendCors(this IServiceCollection services) =>
                                services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins({|CORS009:"http://localhost:3000"|})));
                        }
                        """),
                },
                OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Message_names_the_policy_the_origin_and_the_risk()
    {
        var test = new VerifyCS.Test(topLevel: true)
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins({|#0:"http://localhost:3000"|}).AllowCredentials()));
                builder.Build().Run();
                """,
            ExpectedDiagnostics =
            {
                VerifyCS.Diagnostic("CORS009").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0)
                    .WithArguments("CORS policy 'spa'", "http://localhost:3000", "localhost", ", with the visitor's cookies"),
            },
        };
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Development_only_configured_and_app_origins_are_silent(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                if (builder.Environment.IsDevelopment())
                {
                    options.AddPolicy("dev", p => p.WithOrigins("http://localhost:3000"));
                }

                options.AddPolicy("Frontend", policy =>
                {
                    policy.WithOrigins("https://app.example.com");
                    if (builder.Environment.IsDevelopment())
                    {
                        policy.WithOrigins("http://localhost:4200");
                    }
                });
                options.AddPolicy("configured", p => p.WithOrigins(builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>()!));
                options.AddPolicy("mobile", p => p.WithOrigins("capacitor://localhost", "ionic://localhost"));
                options.AddPolicy("lookalikes", p => p.WithOrigins("https://localhost.example.com", "http://10.0.0.5:3000"));
                options.AddPolicy("predicate", p => p.WithOrigins("http://localhost:3000").SetIsOriginAllowed(o => o == "https://app.example.com"));
            });
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.UseCors(b => b.WithOrigins("http://localhost:3000"));
            }

            app.Run();
            """, version, topLevel: true);
    }

    [Fact]
    public async Task Helper_only_called_in_development_is_silent()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.DependencyInjection;
                        using Microsoft.Extensions.Hosting;

                        var builder = WebApplication.CreateBuilder(args);
                        if (builder.Environment.IsDevelopment())
                        {
                            builder.Services.AddLocalCors();
                        }

                        builder.Build().Run();
                        """),
                    ("CorsSetup.cs", """
                        using Microsoft.Extensions.DependencyInjection;

                        public static class CorsSetup
                        {
                            public static void AddLocalCors(this IServiceCollection services) =>
                                services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("http://localhost:3000")));
                        }
                        """),
                },
                OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Helper_called_under_a_development_check_inside_the_policy_is_silent()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.DependencyInjection;
                        using Microsoft.Extensions.Hosting;

                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddCors(o => o.AddDefaultPolicy(p =>
                        {
                            p.WithOrigins("https://app.example.com");
                            if (builder.Environment.IsDevelopment())
                            {
                                p.AllowLocalFrontend();
                            }
                            else
                            {
                                p.AllowLegacyFrontend();
                            }
                        }));
                        builder.Build().Run();
                        """),
                    ("CorsHelpers.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class CorsHelpers
                        {
                            public static CorsPolicyBuilder AllowLocalFrontend(this CorsPolicyBuilder p) => p.WithOrigins("http://localhost:4200");

                            public static CorsPolicyBuilder AllowLegacyFrontend(this CorsPolicyBuilder p) => p.WithOrigins({|CORS009:"http://127.0.0.1:8080"|});
                        }
                        """),
                },
                OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Nothing_without_AspNetCore()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class CorsPolicyBuilder { public CorsPolicyBuilder WithOrigins(params string[] o) => this; }
            public static class Program { public static void Main() => new CorsPolicyBuilder().WithOrigins("http://localhost:3000"); }
            """, AspNetCore.None);
    }
}
