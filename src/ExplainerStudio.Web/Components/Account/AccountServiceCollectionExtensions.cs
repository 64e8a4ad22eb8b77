using System.ComponentModel.DataAnnotations;
using ExplainerStudio.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace ExplainerStudio.Web.Components.Account;

public sealed class AccountOptions
{
    public const string SectionName = "Accounts";

    /// <summary>
    /// Whether anyone who reaches the studio may create an account. Off by default: after the first account, people
    /// join through an owner's invitation link.
    /// </summary>
    public bool AllowRegistration { get; set; }

    /// <summary>Whether every new account gets its own copy of the demo project (the first one always does).</summary>
    public bool DemoProjectForNewAccounts { get; set; } = true;

    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Sign-in and registration posts per client address per minute.</summary>
    [Range(1, 10_000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;
}

public static class AccountServiceCollectionExtensions
{
    public static IServiceCollection AddStudioAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccountOptions>()
            .BindConfiguration(AccountOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddCascadingAuthenticationState();
        services.AddAuthorization();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddIdentityCore<StudioUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = PasswordRules.MinimumLength;
                options.Password.RequiredUniqueChars = 1;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<StudioDbContext>()
            .AddSignInManager<StudioSignInManager>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<StudioIdentityErrors>()
            .AddPasswordValidator<CommonPasswordValidator>();

        services.AddOptions<IdentityOptions>().Configure<Microsoft.Extensions.Options.IOptions<AccountOptions>>((identity, accounts) =>
        {
            identity.Lockout.MaxFailedAccessAttempts = accounts.Value.MaxFailedSignIns;
            identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.Value.LockoutMinutes);
        });

        // PBKDF2-HMAC-SHA512 at the iteration count OWASP recommends for it.
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 210_000);

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.AccessDeniedPath = "/Account/Login";
            options.Cookie.Name = "ExplainerStudio.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request came over TLS (directly, or through a trusted proxy's X-Forwarded-Proto).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromDays(14);

            // API clients get a status code, not the HTML of the sign-in page.
            options.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }
                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
        });
        // The antiforgery cookie defaults to never Secure; make it follow the request like the sign-in cookie.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddSingleton<FirstRunState>();
        services.AddScoped<AccountRegistration>();
        services.AddScoped<StudioAdministrators>();
        services.AddAccountRateLimiting();
        return services;
    }
}
