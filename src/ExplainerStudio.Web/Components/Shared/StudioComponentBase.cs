using System.Security.Claims;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Storyboards;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;

namespace ExplainerStudio.Web.Components.Shared;

/// <summary>
/// Base for interactive pages: knows the signed-in user and turns the studio's typed errors into notifications, so a
/// refused edit tells the user why instead of breaking the circuit.
/// </summary>
public abstract class StudioComponentBase : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    protected NotificationService Notifications { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [Inject]
    protected DialogService Dialogs { get; set; } = default!;

    protected string UserId { get; private set; } = "";

    /// <summary>A message that replaces the page when the user may not see it at all.</summary>
    protected string? AccessError { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            var state = await AuthenticationState;
            UserId = state.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        }
    }

    /// <summary>Runs a user action; known failures become a notification and leave the page usable.</summary>
    protected async Task<bool> TryAsync(Func<Task> action, string? success = null)
    {
        try
        {
            await action();
            if (success is not null)
            {
                Notifications.Notify(NotificationSeverity.Success, success, duration: 3000);
            }
            return true;
        }
        catch (StudioInputException e)
        {
            Notifications.Notify(NotificationSeverity.Error, "Not saved", e.Message, duration: 10000);
        }
        catch (EditConflictException e)
        {
            Notifications.Notify(NotificationSeverity.Warning, "Edit conflict", e.Message, duration: 15000);
        }
        catch (NotFoundException e)
        {
            Notifications.Notify(NotificationSeverity.Warning, "Gone", e.Message, duration: 10000);
        }
        catch (ProjectAccessDeniedException e)
        {
            Notifications.Notify(NotificationSeverity.Error, "Not allowed", e.Message, duration: 10000);
        }
        return false;
    }

    /// <summary>Loads page data; a missing project or membership shows a message in place of the page.</summary>
    protected async Task LoadAsync(Func<Task> load)
    {
        try
        {
            AccessError = null;
            await load();
        }
        catch (Exception e) when (e is ProjectAccessDeniedException or NotFoundException)
        {
            AccessError = e.Message;
        }
    }
}
