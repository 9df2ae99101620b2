namespace CorsSample.Cors;

/// <summary>
/// CORS policies for the integrations around the orders API: partner portals, the public catalogue, the storefront
/// widgets. Each policy holds a mistake that CorsAnalyzers reports (the comment names the rule; see rules.md).
/// </summary>
public static class PartnerCors
{
    public static IServiceCollection AddPartnerCors(this IServiceCollection services, IConfiguration configuration) =>
        services.AddCors(options =>
        {
            // Partner portals sign in with the user's cookie. (CORS002: every origin is echoed with credentials)
            options.AddPolicy("Partners", policy => policy
                .SetIsOriginAllowed(_ => true)
                .AllowAnyHeader()
                .AllowCredentials());

            // The public catalogue, readable from any site. (CORS003: any origin in production)
            options.AddPolicy("Catalogue", policy => policy.AllowAnyOrigin().WithMethods("GET"));

            // Our storefronts: shop.example.com, www.example.com, ... (CORS007: evilexample.com passes too)
            options.AddPolicy("Storefront", policy => policy
                .SetIsOriginAllowed(origin => origin.EndsWith("example.com"))
                .AllowAnyHeader());

            // The storefront SPA, the partner widget (a sandboxed iframe) and the Angular dev server.
            // (CORS004: trailing slash; CORS006: 'null'; CORS009: localhost in production)
            options.AddPolicy("Widgets", policy => policy
                .WithOrigins("https://shop.contoso.com/", "null", "http://localhost:4200")
                .AllowAnyHeader()
                .AllowAnyMethod());

            // The price list, meant to be open to everyone. (CORS008: the wildcard becomes a literal)
            options.AddPolicy("PriceList", policy => policy
                .AllowAnyOrigin()
                .WithOrigins("https://partners.contoso.com")
                .WithMethods("GET"));

            // Every shop subdomain. (CORS005: no wildcard-subdomain option; CORS011: 'put'; CORS013: one day)
            options.AddPolicy("Shops", policy => policy
                .WithOrigins("https://*.shop.example.com")
                .WithMethods("GET", "POST", "put")
                .AllowAnyHeader()
                .SetPreflightMaxAge(TimeSpan.FromDays(1)));

            // Partner portals, listed in appsettings as one comma-separated string. (CORS010: " https://..." keeps its space)
            options.AddPolicy("Portals", policy => policy
                .WithOrigins(configuration["Cors:PortalOrigins"]!.Split(','))
                .AllowAnyHeader());

            // The reporting dashboards, listed per environment in appsettings*.json.
            // (CORS302: the trailing slash in appsettings.json, the missing scheme in appsettings.Development.json)
            options.AddPolicy("Reports", policy => policy
                .WithOrigins(configuration.GetSection("Cors:ReportOrigins").Get<string[]>() ?? [])
                .WithMethods("GET"));
        });
}
