using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PipelineAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS114HubWithIncompatiblePolicyTests
{
    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Hub_with_a_RequireCors_policy_without_credentials(AspNetCore version)
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.SignalR;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSignalR();
            builder.Services.AddCors(o => o.AddPolicy("chat", p => p.WithOrigins("https://app.example.com").AllowAnyHeader().AllowAnyMethod()));
            var app = builder.Build();
            app.UseCors();
            app.{|CORS114:MapHub<ChatHub>("/chat")|}.RequireCors("chat");
            app.Run();

            public class ChatHub : Hub { }
            """, version);
    }

    [Fact]
    public async Task Hub_under_a_global_wildcard_policy_in_a_Startup()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.SignalR;
            using Microsoft.Extensions.DependencyInjection;

            public class ChatHub : Hub { }

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddSignalR();
                    services.AddCors();
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseCors(p => p.AllowAnyOrigin().AllowAnyHeader());
                    app.UseEndpoints(e => e.{|CORS114:MapHub<ChatHub>("/chat")|});
                }
            }
            """, AspNetCore.V10, topLevel: false);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Explicit_origins_with_credentials_are_fine(AspNetCore version)
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.SignalR;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSignalR();
            builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com").AllowAnyHeader().AllowCredentials()));
            var app = builder.Build();
            app.UseCors();
            app.MapHub<ChatHub>("/chat");
            app.Run();

            public class ChatHub : Hub { }
            """, version);
    }

    [Fact]
    public async Task Credentials_from_a_helper_in_another_file_or_a_branch_are_not_guessed()
    {
        var test = new VerifyCS.Test(AspNetCore.V10, topLevel: true)
        {
            DisabledDiagnostics = { "CORS113" },
            TestState =
            {
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.AspNetCore.SignalR;
                        using Microsoft.Extensions.DependencyInjection;

                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddSignalR();
                        builder.Services.AddCors(o =>
                        {
                            o.AddPolicy("chat", p => p.WithOrigins("https://app.example.com").WithCookies());
                            o.AddPolicy("maybe", p =>
                            {
                                p.WithOrigins("https://app.example.com");
                                if (args.Length > 0) p.AllowCredentials();
                            });
                        });
                        var app = builder.Build();
                        app.UseCors();
                        app.MapHub<ChatHub>("/chat").RequireCors("chat");
                        app.MapHub<ChatHub>("/maybe").RequireCors("maybe");
                        app.Run();

                        public class ChatHub : Hub { }
                        """),
                    ("Cookies.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        static class Cookies
                        {
                            public static CorsPolicyBuilder WithCookies(this CorsPolicyBuilder p) => p.AllowCredentials();
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

    private static Task VerifyAsync(string source, AspNetCore version, bool topLevel = true) =>
        new VerifyCS.Test(version, topLevel) { TestCode = source, DisabledDiagnostics = { "CORS113" } }.RunAsync();
}
