using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PipelineAnalyzer, CorsAnalyzers.CodeFixes.CORS110DisableCorsOverriddenFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS110DisableCorsOverriddenTests
{
    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task DisableCors_on_an_action_under_MapControllers_RequireCors(AspNetCore version)
    {
        var test = new VerifyCS.Test(version, topLevel: true)
        {
            DisabledDiagnostics = { "CORS113" },
            TestState =
            {
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.DependencyInjection;

                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddControllers();
                        builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
                        var app = builder.Build();
                        app.UseCors();
                        app.MapControllers().RequireCors("spa");
                        app.Run();
                        """),
                    ("OrdersController.cs", """
                        using Microsoft.AspNetCore.Cors;
                        using Microsoft.AspNetCore.Mvc;

                        [ApiController]
                        public class OrdersController : ControllerBase
                        {
                            [HttpGet("/orders")] public string Get() => "[]";

                            // Internal tooling only.
                            [{|CORS110:DisableCors|}]
                            [HttpDelete("/orders")] public void Delete() { }
                        }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.DependencyInjection;

                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddControllers();
                        builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
                        var app = builder.Build();
                        app.UseCors();
                        app.MapControllers().RequireCors("spa");
                        app.Run();
                        """),
                    ("OrdersController.cs", """
                        using Microsoft.AspNetCore.Cors;
                        using Microsoft.AspNetCore.Mvc;

                        [ApiController]
                        public class OrdersController : ControllerBase
                        {
                            [HttpGet("/orders")] public string Get() => "[]";

                            // Internal tooling only.
                            [HttpDelete("/orders")] public void Delete() { }
                        }
                        """),
                },
            },
            CodeActionEquivalenceKey = CORS110DisableCorsOverriddenFixer.RemoveDisableCorsKey,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        await test.RunAsync();
    }

    [Theory]
    [InlineData(AspNetCore.V8)]
    [InlineData(AspNetCore.V9)]
    [InlineData(AspNetCore.V10)]
    public async Task DisableCors_lambdas_under_a_group_or_their_own_RequireCors(AspNetCore version)
    {
        await new VerifyCS.Test(version, topLevel: true)
        {
            DisabledDiagnostics = { "CORS113" },
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Cors;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
                var app = builder.Build();
                app.UseCors();
                var api = app.MapGroup("/api").RequireCors("spa");
                api.MapGet("/orders", [{|CORS110:DisableCors|}] () => "[]");
                app.MapGet("/health", [{|CORS110:DisableCors|}] () => "ok").RequireCors("spa");
                app.Run();
                """,
            FixedCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Cors;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
                var app = builder.Build();
                app.UseCors();
                var api = app.MapGroup("/api").RequireCors("spa");
                api.MapGet("/orders", () => "[]");
                app.MapGet("/health", () => "ok").RequireCors("spa");
                app.Run();
                """,
            CodeActionEquivalenceKey = CORS110DisableCorsOverriddenFixer.RemoveDisableCorsKey,
        }.RunAsync();
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task DisableCors_without_a_covering_convention_is_fine(AspNetCore version)
    {
        await new VerifyCS.Test(version, topLevel: true)
        {
            DisabledDiagnostics = { "CORS113" },
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Cors;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddControllers();
                builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
                var app = builder.Build();
                app.UseCors();
                app.MapControllers();
                app.MapGet("/internal", [DisableCors] () => "ok");
                app.MapGet("/public", () => "ok").RequireCors(p => p.AllowAnyOrigin());
                app.Run();
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Startup_with_UseEndpoints_and_a_DisableCors_controller()
    {
        var test = new VerifyCS.Test
        {
            DisabledDiagnostics = { "CORS113" },
            TestState =
            {
                Sources =
                {
                    ("Startup.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.DependencyInjection;

                        public class Startup
                        {
                            public void ConfigureServices(IServiceCollection services)
                            {
                                services.AddControllers();
                                services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
                            }

                            public void Configure(IApplicationBuilder app)
                            {
                                app.UseRouting();
                                app.UseCors();
                                app.UseEndpoints(endpoints => endpoints.MapControllers().RequireCors("spa"));
                            }
                        }
                        """),
                    ("AdminController.cs", """
                        using Microsoft.AspNetCore.Cors;
                        using Microsoft.AspNetCore.Mvc;

                        [{|CORS110:DisableCors|}]
                        public class AdminController : Controller
                        {
                            public string Index() => "admin";
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task No_AspNetCore_referenced_no_diagnostic()
    {
        await new VerifyCS.Test(AspNetCore.None)
        {
            TestCode = """
                public sealed class App
                {
                    public App UseRouting() => this;
                    public App UseAuthorization() => this;
                    public App UseOutputCache() => this;
                    public App UseCors(string? policy = null) => this;
                    public App MapHub(string path) => this;
                    public App RequireCors(string policy) => this;
                }

                public static class Program
                {
                    public static void Configure(App app)
                    {
                        app.UseCors("x");
                        app.UseAuthorization();
                        app.UseOutputCache();
                        app.UseCors();
                        app.UseRouting();
                        app.MapHub("/hub").RequireCors("undefined");
                    }
                }
                """,
        }.RunAsync();
    }
}
