using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Components.Account;

/// <summary>
/// Sign-in and registration posts are limited per client address (after forwarded headers, the real client), so that
/// one machine cannot guess passwords or create accounts at speed; lockout alone stops guessing one account, not many.
/// </summary>
public static class AccountRateLimiting
{
    public static IServiceCollection AddAccountRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<AccountOptions>>((limiter, accounts) =>
        {
            var permits = accounts.Value.SignInAttemptsPerMinute;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(AccountMessages.TooManyAttempts, cancellationToken);
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsAccountPost(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
        });
        return services;
    }

    private static bool IsAccountPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.StartsWithSegments("/Account/Login", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/Account/Register", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/Account/Setup", StringComparison.OrdinalIgnoreCase));
}
