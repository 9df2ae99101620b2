using LegacyApi.Hubs;

namespace LegacyApi;

/// <summary>
/// An inventory API in the Startup style. Its CORS policies are fine; the order of its middleware is not.
/// Each mistake is named by the rule that reports it (see rules.md).
/// </summary>
public sealed class Startup(IConfiguration configuration)
{
    public void ConfigureServices(IServiceCollection services)
    {
        services.AddControllers();
        services.AddSignalR();
        services.AddResponseCaching();
        services.AddCors(options =>
        {
            options.AddPolicy("Inventory", policy => policy
                .WithOrigins(configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? Array.Empty<string>())
                .WithMethods("GET", "PUT", "DELETE")
                .WithHeaders("Content-Type", "Authorization"));

            // The dashboard's SignalR client (CORS114: the JS client sends credentials, this policy refuses them)
            options.AddPolicy("Dashboard", policy => policy
                .WithOrigins(configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? Array.Empty<string>())
                .AllowAnyHeader()
                .AllowAnyMethod());
        });
    }

    public void Configure(IApplicationBuilder app)
    {
        // CORS113: no UseExceptionHandler: an unhandled exception gives a 500 without CORS headers.
        app.UseResponseCaching();                 // CORS104: a cached response is served before CORS runs
        app.UseHttpsRedirection();                // CORS112: a preflight over http gets a redirect
        app.Use(async (context, next) =>          // CORS111: answers every preflight itself, without CORS headers
        {
            if (HttpMethods.IsOptions(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            await next(context);
        });
        app.UseCors("Inventory");                 // CORS103: before UseRouting, endpoint policies are not known yet
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapControllers().RequireCors("Inventory");
            endpoints.MapHub<StockHub>("/hubs/stock").RequireCors("Dashboard");
        });
        app.UseCors("Inventory");                 // CORS102 and CORS109: after the endpoints, and a second UseCors
    }
}
