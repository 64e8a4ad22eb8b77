using Microsoft.AspNetCore.Http;
using MudBlazor;

namespace ExplainerStudio.Web.Components.Shared;

/// <summary>
/// The studio's two palettes and the cookie that remembers which one a user chose. A cookie rather than local
/// storage: the server reads it while prerendering, so a reload never flashes the other palette.
/// </summary>
public static class StudioTheme
{
    public const string CookieName = "ExplainerStudio.Theme";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00897b",
            Tertiary = "#f4511e",
            // Dark enough for white chip text at 4.5:1 or more (WCAG AA), as axe checks in the browser tests.
            Info = "#1565c0",
            Success = "#2e7d32",
            Warning = "#a34700",
            Error = "#c62828",
            AppbarBackground = "#1f2a5a",
            AppbarText = "#ffffff",
            Background = "#f5f6fa",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "rgba(0,0,0,0.8)",
            TextPrimary = "rgba(0,0,0,0.87)",
            TextSecondary = "rgba(0,0,0,0.64)",
            ActionDefault = "rgba(0,0,0,0.64)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8c9eff",
            Secondary = "#4db6ac",
            Tertiary = "#ff8a65",
            Info = "#64b5f6",
            Success = "#81c784",
            Warning = "#ffb74d",
            Error = "#ef9a9a",
            PrimaryContrastText = "rgba(0,0,0,0.87)",
            InfoContrastText = "rgba(0,0,0,0.87)",
            SuccessContrastText = "rgba(0,0,0,0.87)",
            WarningContrastText = "rgba(0,0,0,0.87)",
            ErrorContrastText = "rgba(0,0,0,0.87)",
            AppbarBackground = "#161b2e",
            AppbarText = "#e8eaf6",
            Background = "#10131f",
            Surface = "#1b2033",
            DrawerBackground = "#161b2e",
            DrawerText = "rgba(255,255,255,0.82)",
            TextPrimary = "rgba(255,255,255,0.90)",
            TextSecondary = "rgba(255,255,255,0.68)",
            ActionDefault = "rgba(255,255,255,0.72)",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };

    /// <summary>The saved choice ("dark" or "light"), or null when there is none or the value is not one of them.</summary>
    public static string? Read(HttpContext? context) =>
        context?.Request.Cookies[CookieName] is { } value && (value == "dark" || value == "light") ? value : null;
}
