using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.HeaderAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS203HandWrittenCorsHeadersTests
{
    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Once_per_lambda_at_the_first_write(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.Create(args);
            app.Use(async (context, next) =>
            {
                {|CORS203:context.Response.Headers["Access-Control-Allow-Origin"] = "https://app.example.com"|};
                context.Response.Headers["Access-Control-Allow-Methods"] = "GET, POST";
                context.Response.Headers.Append("Access-Control-Allow-Headers", "Content-Type");
                context.Response.Headers.Append("Access-Control-Max-Age", "600");
                if (HttpMethods.IsOptions(context.Request.Method))
                {
                    context.Response.StatusCode = 204;
                    return;
                }

                await next();
            });
            app.Run();
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Each_method_and_lambda_and_every_write_form(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;
            using Microsoft.Net.Http.Headers;

            public class Startup
            {
                private const string ExposeHeaders = "Access-Control-Expose-Headers";

                public void Configure(IApplicationBuilder app)
                {
                    app.Use(async (context, next) =>
                    {
                        {|CORS203:context.Response.Headers.Add(ExposeHeaders, "X-Total-Count")|};
                        await next();
                    });
                    app.Use(async (context, next) =>
                    {
                        context.Response.OnStarting(() =>
                        {
                            {|CORS203:context.Response.Headers.TryAdd(HeaderNames.AccessControlAllowMethods, "GET")|};
                            return Task.CompletedTask;
                        });
                        await next();
                    });
                }
            }

            public sealed class ExposeFilter : IResultFilter
            {
                public void OnResultExecuting(ResultExecutingContext context) =>
                    {|CORS203:context.HttpContext.Response.Headers.AppendCommaSeparatedValues("Access-Control-Expose-Headers", "X-Total-Count", "ETag")|};

                public void OnResultExecuted(ResultExecutedContext context)
                {
                }
            }

            public sealed class OrdersController : ControllerBase
            {
                [HttpGet("/orders")]
                public IActionResult Get()
                {
                    {|CORS203:Response.Headers["Access-Control-Allow-Origin"] = "*"|};
                    return Ok();
                }
            }
            """, version);
    }

    [Theory]
    [InlineData(AspNetCore.V8)]
    [InlineData(AspNetCore.V10)]
    public async Task Typed_properties_and_a_local_function(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Http;

            public static class Headers
            {
                public static void Write(HttpContext context)
                {
                    Allow(context.Response);

                    static void Allow(HttpResponse response)
                    {
                        {|CORS203:response.Headers.AccessControlAllowOrigin = "https://app.example.com"|};
                        response.Headers.Vary = "Origin";
                    }
                }
            }
            """, version);
    }

    [Fact]
    public async Task The_message_names_the_header_and_a_missing_Vary_only_where_the_origin_varies()
    {
        const string noVary = ", and no 'Vary: Origin' is sent, so a shared cache may serve one origin's response to another";
        await new VerifyCS.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Http;

                public static class Headers
                {
                    public static void Specific(HttpResponse response) =>
                        {|#0:response.Headers["Access-Control-Allow-Origin"] = "https://app.example.com"|};

                    public static void Wildcard(HttpResponse response)
                    {
                        {|#1:response.Headers["access-control-allow-methods"] = "GET"|};
                        response.Headers["Access-Control-Allow-Origin"] = "*";
                    }

                    public static void WithVary(HttpResponse response)
                    {
                        {|#2:response.Headers.Append("Access-Control-Allow-Origin", "https://app.example.com")|};
                        response.Headers.Append("Vary", "Origin");
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                VerifyCS.Diagnostic("CORS203").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithLocation(0).WithArguments("Access-Control-Allow-Origin", noVary),
                VerifyCS.Diagnostic("CORS203").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithLocation(1).WithArguments("access-control-allow-methods", ""),
                VerifyCS.Diagnostic("CORS203").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithLocation(2).WithArguments("Access-Control-Allow-Origin", ""),
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Not_stacked_on_CORS201_or_CORS202()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Http;

            public static class Headers
            {
                public static void Open(HttpContext context)
                {
                    context.Response.Headers["Access-Control-Allow-Methods"] = "GET";
                    {|CORS201:context.Response.Headers["Access-Control-Allow-Origin"] = "*"|};
                    context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                }

                public static void Echo(HttpContext context)
                {
                    context.Response.Headers["Access-Control-Allow-Methods"] = "GET";
                    {|CORS202:context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"]|};
                }
            }
            """);
    }

    [Fact]
    public async Task Vary_alone_other_headers_and_reads_stay_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net.Http;
            using Microsoft.AspNetCore.Http;

            public static class Headers
            {
                public static string? Read(HttpContext context, HttpClient client)
                {
                    context.Response.Headers["Vary"] = "Origin";
                    context.Response.Headers["Cache-Control"] = "no-cache";
                    context.Request.Headers["Access-Control-Request-Method"] = "PUT";
                    client.DefaultRequestHeaders.Add("Access-Control-Request-Method", "PUT");
                    context.Response.Headers.Remove("Access-Control-Allow-Origin");
                    return context.Response.Headers["Access-Control-Allow-Origin"];
                }
            }
            """);
    }

    [Fact]
    public async Task No_AspNetCore_referenced_no_diagnostic()
    {
        await new VerifyCS.Test(AspNetCore.None)
        {
            TestCode = """
                using System.Collections.Generic;

                public static class Legacy
                {
                    public static void Write(IDictionary<string, string> headers)
                    {
                        headers["Access-Control-Allow-Origin"] = "https://app.example.com";
                        headers.Add("Access-Control-Allow-Methods", "GET");
                    }
                }
                """,
        }.RunAsync();
    }
}
