using Microsoft.AspNetCore.Identity;

namespace ExplainerStudio.Web.Data;

/// <summary>A studio account. The display name is what teammates see in presence, comments and recipes.</summary>
public sealed class StudioUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
