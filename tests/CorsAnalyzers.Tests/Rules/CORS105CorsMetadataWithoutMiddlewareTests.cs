using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PipelineAnalyzer, CorsAnalyzers.CodeFixes.InsertPipelineStatementFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS105CorsMetadataWithoutMiddlewareTests
{
    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task RequireCors_and_EnableCors_without_UseCors_in_minimal_hosting(AspNetCore version)
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.MapGet("/a", () => "a").{|CORS105:RequireCors("spa")|};
            app.MapGet("/b", [{|CORS105:EnableCors("spa")|}] () => "b");
            app.Run();
            """, version, topLevel: true);
    }

    [Fact]
    public async Task Controllers_with_EnableCors_and_a_Startup_without_UseCors_gets_UseCors_after_UseRouting()
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
                                app.UseAuthorization();
                                app.UseEndpoints(e => e.MapControllers());
                            }
                        }
                        """),
                    ("OrdersController.cs", """
                        using Microsoft.AspNetCore.Cors;
                        using Microsoft.AspNetCore.Mvc;

                        [ApiController]
                        [{|CORS105:EnableCors("spa")|}]
                        public class OrdersController : ControllerBase
                        {
                            [HttpGet("/orders")] public string Get() => "[]";

                            [{|CORS105:DisableCors|}]
                            [HttpDelete("/orders")] public void Delete() { }
                        }
                        """),
                },
            },
            FixedState =
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
                                app.UseAuthorization();
                                app.UseEndpoints(e => e.MapControllers());
                            }
                        }
                        """),
                    ("OrdersController.cs", """
                        using Microsoft.AspNetCore.Cors;
                        using Microsoft.AspNetCore.Mvc;

                        [ApiController]
                        [EnableCors("spa")]
                        public class OrdersController : ControllerBase
                        {
                            [HttpGet("/orders")] public string Get() => "[]";

                            [DisableCors]
                            [HttpDelete("/orders")] public void Delete() { }
                        }
                        """),
                },
            },
            CodeActionEquivalenceKey = InsertPipelineStatementFixer.CORS105Key,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Fix_in_minimal_hosting_goes_before_the_first_endpoint_and_FixAll_adds_one_UseCors()
    {
        await new VerifyCS.Test(AspNetCore.V10, topLevel: true)
        {
            DisabledDiagnostics = { "CORS113" },
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
                var app = builder.Build();
                app.UseHttpsRedirection();
                // Endpoints
                app.MapGet("/a", () => "a").{|CORS105:RequireCors("spa")|};
                app.MapGet("/b", () => "b").{|CORS105:RequireCors("spa")|};
                app.Run();
                """,
            FixedCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
                var app = builder.Build();
                app.UseHttpsRedirection();
                // Endpoints
                app.UseCors();
                app.MapGet("/a", () => "a").RequireCors("spa");
                app.MapGet("/b", () => "b").RequireCors("spa");
                app.Run();
                """,
            CodeActionEquivalenceKey = InsertPipelineStatementFixer.CORS105Key,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        }.RunAsync();
    }

    [Fact]
    public async Task UseCors_only_in_development()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.UseCors();
            }

            app.MapGet("/", () => "ok").{|CORS105:RequireCors("spa")|};
            app.Run();
            """, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task UseCors_in_a_helper_in_another_file_is_found(AspNetCore version)
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
                        builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
                        var app = builder.Build();
                        app.UseApiPipeline();
                        app.MapGet("/", () => "ok").RequireCors("spa");
                        app.Run();
                        """),
                    ("Pipeline.cs", """
                        using Microsoft.AspNetCore.Builder;

                        static class Pipeline
                        {
                            public static void UseApiPipeline(this IApplicationBuilder app) => app.UseCors();
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    /// <summary>
    /// A method's metadata is read with its code block, instead of by a symbol action on every method: an abstract
    /// method has no body, but its attributes make a code block of their own, and the override inherits them.
    /// </summary>
    [Fact]
    public async Task Metadata_on_abstract_and_expression_bodied_actions_is_read()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.MapControllers();
            app.Run();

            public abstract class ResourceController : ControllerBase
            {
                [{|CORS105:EnableCors("spa")|}]
                [HttpPost("/items")] public abstract string Create();
            }

            public class ItemsController : ResourceController
            {
                public override string Create() => "created";

                [{|CORS105:DisableCors|}]
                [HttpDelete("/items")] public void Delete() { }
            }

            public record Item(string Name, int Count);
            """, topLevel: true);
    }

    [Fact]
    public async Task Pipeline_built_through_a_delegate_stays_silent()
    {
        await VerifyAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            Action<IApplicationBuilder> configure = a => a.UseCors();
            configure(app);
            app.MapGet("/", () => "ok").RequireCors("spa");
            app.Run();
            """, topLevel: true);
    }

    [Fact]
    public async Task A_library_without_a_pipeline_stays_silent()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Cors;
            using Microsoft.AspNetCore.Mvc;

            [EnableCors("spa")]
            public class OrdersController : ControllerBase
            {
                [HttpGet("/orders")] public string Get() => "[]";
            }
            """);
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

    // CORS113 (no exception handler) is an Info that most of these small apps would raise; it has its own tests.
    private static Task VerifyAsync(string source, AspNetCore version = AspNetCore.V10, bool topLevel = false) =>
        new VerifyCS.Test(version, topLevel) { TestCode = source, DisabledDiagnostics = { "CORS113" } }.RunAsync();

    private static Task VerifyCodeFixAsync(string source, string fixedSource, string key, AspNetCore version = AspNetCore.V10, bool topLevel = false) =>
        new VerifyCS.Test(version, topLevel) { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = key, DisabledDiagnostics = { "CORS113" } }.RunAsync();
}
