using System.Security.Claims;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Storyboards;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace ExplainerStudio.Web.Components.Shared;

/// <summary>
/// Base for interactive pages: knows the signed-in user and turns the studio's typed errors into messages, so a
/// refused edit tells the user why instead of breaking the circuit. Errors stay until dismissed; confirmations go
/// through one dialog.
/// </summary>
public abstract class StudioComponentBase : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [Inject]
    protected IDialogService Dialogs { get; set; } = default!;

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

    /// <summary>Runs a user action; known failures become a message and leave the page usable.</summary>
    protected async Task<bool> TryAsync(Func<Task> action, string? success = null)
    {
        try
        {
            await action();
            if (success is not null)
            {
                Notify(success, Severity.Success);
            }
            return true;
        }
        catch (StudioInputException e)
        {
            NotifyError("Not saved: " + e.Message);
        }
        catch (EditConflictException e)
        {
            NotifyError("Edit conflict: " + e.Message);
        }
        catch (NotFoundException e)
        {
            NotifyError("Gone: " + e.Message);
        }
        catch (ProjectAccessDeniedException e)
        {
            NotifyError("Not allowed: " + e.Message);
        }
        return false;
    }

    /// <summary>A short message that fades by itself.</summary>
    protected void Notify(string message, Severity severity = Severity.Info) =>
        Snackbar.Add(message, severity);

    /// <summary>An error: it stays until the user dismisses it, so nobody misses why something did not happen.</summary>
    protected void NotifyError(string message) =>
        Snackbar.Add(message, Severity.Error, options =>
        {
            options.RequireInteraction = true;
            options.ShowCloseIcon = true;
        });

    /// <summary>Asks before something that cannot be taken back; true only when the user chose <paramref name="yes"/>.</summary>
    protected async Task<bool> ConfirmAsync(string title, string message, string yes, string no = "Cancel") =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: no) == true;

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
