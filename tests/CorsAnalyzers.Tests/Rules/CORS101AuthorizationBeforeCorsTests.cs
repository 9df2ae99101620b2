using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PipelineAnalyzer, CorsAnalyzers.CodeFixes.UseCorsPlacementFixer>;
using VerifyInsert = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PipelineAnalyzer, CorsAnalyzers.CodeFixes.InsertPipelineStatementFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS101AuthorizationBeforeCorsTests
{
    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task UseAuthorization_before_UseCors_in_minimal_hosting(AspNetCore version)
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com")));
            builder.Services.AddAuthorization();
            var app = builder.Build();
            app.UseAuthorization();
            app.{|CORS101:UseCors("spa")|};
            app.MapGet("/", () => "ok");
            app.Run();
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task The_documented_order_is_silent(AspNetCore version)
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
                    services.AddAuthentication();
                    services.AddAuthorization();
                    services.AddControllers();
                }

                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    app.UseRouting();
                    app.UseCors();
                    app.UseAuthentication();
                    app.UseAuthorization();
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }
            """, version);
    }

    [Fact]
    public async Task UseAuthentication_alone_before_UseCors_is_silent()
    {
        // Authentication never challenges by itself; the 401 comes from authorization, which runs after CORS here.
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
            builder.Services.AddAuthentication();
            builder.Services.AddAuthorization();
            var app = builder.Build();
            app.UseAuthentication();
            app.UseCors();
            app.UseAuthorization();
            app.Run();
            """, topLevel: true);
    }

    [Fact]
    public async Task Startup_fix_moves_UseCors_with_its_comment()
    {
        await VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseAuthentication();
                    app.UseAuthorization();

                    // The SPA calls the API from another origin.
                    app.{|CORS101:UseCors()|};
                    app.UseEndpoints(endpoints => { });
                }
            }
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    // The SPA calls the API from another origin.
                    app.UseCors();
                    app.UseAuthentication();
                    app.UseAuthorization();
                    app.UseEndpoints(endpoints => { });
                }
            }
            """, UseCorsPlacementFixer.CORS101Key);
    }

    [Fact]
    public async Task Development_only_UseCors_after_authorization_is_reported_in_development()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            builder.Services.AddAuthorization();
            var app = builder.Build();
            if (!app.Environment.IsDevelopment())
            {
                app.UseCors(p => p.WithOrigins("https://app.example.com"));
            }

            app.UseAuthorization();
            if (app.Environment.IsDevelopment())
            {
                app.{|CORS101:UseCors(p => p.WithOrigins("http://localhost:5173"))|};
            }

            app.Run();
            """, topLevel: true);
    }

    [Fact]
    public async Task Helper_in_another_file_is_expanded_in_place()
    {
        var test = new VerifyCS.Test
        {
            DisabledDiagnostics = { "CORS113" },
            TestState =
            {
                OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.DependencyInjection;

                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddCors(o => o.AddPolicy("api", p => p.WithOrigins("https://app.example.com")));
                        builder.Services.AddAuthorization();
                        var app = builder.Build();
                        app.UseSecurity();
                        app.{|CORS101:UseCors("api")|};
                        app.Run();
                        """),
                    ("PipelineExtensions.cs", """
                        using Microsoft.AspNetCore.Builder;

                        public static class PipelineExtensions
                        {
                            public static IApplicationBuilder UseSecurity(this IApplicationBuilder app)
                            {
                                app.UseAuthentication();
                                return app.UseAuthorization();
                            }
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    [Theory]
    [InlineData(AspNetCore.V8)]
    [InlineData(AspNetCore.V9)]
    [InlineData(AspNetCore.V10)]
    public async Task Implicit_authorization_with_Authorize_endpoints_inserts_explicit_calls(AspNetCore version)
    {
        var test = new VerifyInsert.Test(version, topLevel: true)
        {
            DisabledDiagnostics = { "CORS113" },
            TestCode = """
                using Microsoft.AspNetCore.Authorization;
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
                builder.Services.AddAuthentication();
                builder.Services.AddAuthorization();
                var app = builder.Build();
                app.MapGet("/orders", [Authorize] () => "[]");
                app.{|CORS101:UseCors()|};
                app.Run();
                """,
            FixedCode = """
                using Microsoft.AspNetCore.Authorization;
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
                builder.Services.AddAuthentication();
                builder.Services.AddAuthorization();
                var app = builder.Build();
                app.MapGet("/orders", [Authorize] () => "[]");
                app.UseCors();
                app.UseAuthentication();
                app.UseAuthorization();
                app.Run();
                """,
            CodeActionEquivalenceKey = InsertPipelineStatementFixer.CORS101Key,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Implicit_authorization_from_AddControllers_with_RequireAuthorization()
    {
        await VerifyCompilationEndFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.Build();
            app.{|CORS101:UseCors(p => p.WithOrigins("https://app.example.com"))|};
            app.MapControllers().RequireAuthorization();
            app.Run();
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.Build();
            app.UseCors(p => p.WithOrigins("https://app.example.com"));
            app.UseAuthorization();
            app.MapControllers().RequireAuthorization();
            app.Run();
            """, InsertPipelineStatementFixer.CORS101Key, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Implicit_authorization_without_anything_to_authorize_is_silent(AspNetCore version)
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapControllers();
            app.UseCors(p => p.WithOrigins("https://app.example.com"));
            app.Run();
            """, version, topLevel: true);
    }

    [Fact]
    public async Task Implicit_authorization_does_not_exist_on_AspNetCore_6()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
            builder.Services.AddAuthorization();
            var app = builder.Build();
            app.UseCors();
            app.MapGet("/orders", [Authorize] () => "[]");
            app.Run();
            """, AspNetCore.V6, topLevel: true);
    }

    [Fact]
    public async Task FixAll_moves_every_UseCors()
    {
        var test = new VerifyCS.Test
        {
            DisabledDiagnostics = { "CORS113" },
            TestState =
            {
                Sources =
                {
                    ("A.cs", """
                        using Microsoft.AspNetCore.Builder;

                        public class Startup
                        {
                            public void Configure(IApplicationBuilder app)
                            {
                                app.UseRouting();
                                app.UseAuthorization();
                                app.{|CORS101:UseCors("a")|};
                                app.UseEndpoints(e => { });
                            }
                        }
                        """),
                    ("B.cs", """
                        using Microsoft.AspNetCore.Builder;

                        public class AdminStartup
                        {
                            public void Configure(IApplicationBuilder app)
                            {
                                app.UseAuthorization();
                                app.{|CORS101:UseCors("b")|};
                            }
                        }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("A.cs", """
                        using Microsoft.AspNetCore.Builder;

                        public class Startup
                        {
                            public void Configure(IApplicationBuilder app)
                            {
                                app.UseRouting();
                                app.UseCors("a");
                                app.UseAuthorization();
                                app.UseEndpoints(e => { });
                            }
                        }
                        """),
                    ("B.cs", """
                        using Microsoft.AspNetCore.Builder;

                        public class AdminStartup
                        {
                            public void Configure(IApplicationBuilder app)
                            {
                                app.UseCors("b");
                                app.UseAuthorization();
                            }
                        }
                        """),
                },
            },
            CodeActionEquivalenceKey = UseCorsPlacementFixer.CORS101Key,
        };
        await test.RunAsync();
    }

    private static Task VerifyCompilationEndFixAsync(string source, string fixedSource, string key, AspNetCore version = AspNetCore.V10, bool topLevel = false) =>
        new VerifyInsert.Test(version, topLevel)
        {
            DisabledDiagnostics = { "CORS113" },
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = key,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        }.RunAsync();

    [Fact]
    public async Task No_AspNetCore_no_diagnostic()
    {
        await VerifyAsync("""
            public static class Cors
            {
                public static void UseAuthorization(this object app) { }
                public static void UseCors(this object app) { }
                public static void Configure(object app) { app.UseAuthorization(); app.UseCors(); }
            }
            """, AspNetCore.None);
    }

    // CORS113 (no exception handler) is an Info that most of these small apps would raise; it has its own tests.
    private static Task VerifyAsync(string source, AspNetCore version = AspNetCore.V10, bool topLevel = false) =>
        new VerifyCS.Test(version, topLevel) { TestCode = source, DisabledDiagnostics = { "CORS113" } }.RunAsync();

    private static Task VerifyCodeFixAsync(string source, string fixedSource, string key, AspNetCore version = AspNetCore.V10, bool topLevel = false) =>
        new VerifyCS.Test(version, topLevel) { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = key, DisabledDiagnostics = { "CORS113" } }.RunAsync();
}
