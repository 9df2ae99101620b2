using System.Security.Claims;
using CorsSample.Cors;
using CorsSample.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

var builder = WebApplication.CreateBuilder(args);

// The single-page app on another origin calls this API with the user's auth cookie.
builder.Services.AddCors(options =>
{
    options.AddPolicy("Frontend", policy => policy
        .AllowAnyOrigin()
        .AllowAnyHeader()
        .AllowAnyMethod()
        .AllowCredentials()); // the SPA sends the auth cookie
});

// Partner portals, the public catalogue and the storefront widgets (Cors/PartnerCors.cs).
builder.Services.AddPartnerCors(builder.Configuration);

builder.Services
    .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options =>
    {
        options.Cookie.Name = "orders.auth";
        options.Cookie.SameSite = SameSiteMode.None;
        options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        // An API answers 401/403 instead of redirecting to a login page.
        options.Events.OnRedirectToLogin = context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };
        options.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    });

builder.Services.AddAuthorizationBuilder()
    .AddPolicy("OrdersAdmin", policy => policy.RequireRole("admin"));

builder.Services.AddControllers();
builder.Services.AddOpenApi();
builder.Services.AddProblemDetails();
builder.Services.AddHealthChecks();
builder.Services.AddSingleton<IOrderStore, InMemoryOrderStore>();
builder.Services.AddSingleton<ICatalog, InMemoryCatalog>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.UseAuthentication();
app.UseAuthorization();
app.UseCors("Frontend");

if (app.Environment.IsDevelopment())
{
    app.MapOpenApi();
}

app.MapHealthChecks("/health");

// Sign-in for the demo: a real app would check a password or use an identity provider.
app.MapPost("/api/account/login", async (LoginRequest request, HttpContext context) =>
{
    if (string.IsNullOrWhiteSpace(request.UserName))
    {
        return Results.ValidationProblem(new Dictionary<string, string[]>
        {
            ["userName"] = ["A user name is required."],
        });
    }

    var claims = new List<Claim> { new(ClaimTypes.Name, request.UserName) };
    if (request.UserName == "admin")
    {
        claims.Add(new Claim(ClaimTypes.Role, "admin"));
    }

    var identity = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme);
    await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    return Results.NoContent();
});

app.MapPost("/api/account/logout", async (HttpContext context) =>
{
    await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    return Results.NoContent();
}).RequireAuthorization();

var catalog = app.MapGroup("/api/catalog").WithTags("Catalog");

catalog.MapGet("/products", (ICatalog products) => products.All());

catalog.MapGet("/products/{id:int}", (int id, ICatalog products) =>
    products.Find(id) is { } product ? Results.Ok(product) : Results.NotFound());

// The partner portals update stock levels and read prices from their own origins (policies in Cors/PartnerCors.cs).
app.MapPut("/api/partners/stock/{sku}", (string sku, int quantity) => Results.NoContent())
    .RequireCors("Portals");
app.MapGet("/api/partners/prices", (ICatalog products) => products.All())
    .RequireCors("pricelist");

app.MapControllers();

app.Run();

internal sealed record LoginRequest(string UserName);
