using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PipelineAnalyzer, CorsAnalyzers.CodeFixes.UseCorsPlacementFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS104CachingBeforeCorsTests
{
    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task UseResponseCaching_before_UseCors_in_Startup(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddResponseCaching();
                    services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://a.example.com", "https://b.example.com")));
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseResponseCaching();
                    app.{|CORS104:UseCors()|};
                    app.UseEndpoints(e => { });
                }
            }
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddResponseCaching();
                    services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://a.example.com", "https://b.example.com")));
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseCors();
                    app.UseResponseCaching();
                    app.UseEndpoints(e => { });
                }
            }
            """, UseCorsPlacementFixer.CORS104Key, version);
    }

    [Theory]
    [InlineData(AspNetCore.V8)]
    [InlineData(AspNetCore.V9)]
    [InlineData(AspNetCore.V10)]
    public async Task UseOutputCache_before_UseCors_in_minimal_hosting(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOutputCache();
            builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.UseOutputCache();
            app.{|CORS104:UseCors()|};
            app.MapGet("/", () => "ok").CacheOutput();
            app.Run();
            """, version, topLevel: true);
    }

    [Theory]
    [InlineData(AspNetCore.V8)]
    [InlineData(AspNetCore.V10)]
    public async Task Caching_after_UseCors_is_silent(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOutputCache();
            builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.UseCors();
            app.UseOutputCache();
            app.Run();
            """, version, topLevel: true);
    }
}
